using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;

namespace PumpSim.Web.Tests;

/// <summary>A real Kestrel server on a free loopback port (port 0), serving one scenario.
/// <see cref="Http"/> is the trainer's page (same Origin, the token); <see cref="Class"/> is a
/// client with neither, as the class's page or any other program would be.</summary>
internal sealed class RunningServer : IAsyncDisposable
{
    private RunningServer(WebApplication app, string url)
    {
        App = app;
        Url = url;
        Token = ConsoleServer.Guard(app).Token;
        TrainerUrl = ConsoleServer.TrainerUrl(app);
        Http = NewClient();
        Http.DefaultRequestHeaders.Add("Origin", url.TrimEnd('/'));
        Http.DefaultRequestHeaders.Add(RequestGuard.TokenHeader, Token);
        Class = NewClient();
    }

    public WebApplication App { get; }
    public string Url { get; }
    public string TrainerUrl { get; }
    public string Token { get; }
    public HttpClient Http { get; }
    public HttpClient Class { get; }
    public SessionHub Hub => (SessionHub)App.Services.GetService(typeof(SessionHub))!;

    public HttpClient NewClient() => new(new SocketsHttpHandler { MaxConnectionsPerServer = 1024 }) { BaseAddress = new Uri(Url), Timeout = TimeSpan.FromSeconds(60) };

    public static async Task<RunningServer> Start(string scenario = "scenarios/dosing/continuous-maintenance.yaml", ServerOptions? options = null) =>
        await StartFile(Repo.Path(scenario), options);

    public static async Task<RunningServer> StartFile(string path, ServerOptions? options = null)
    {
        var app = ConsoleServer.Build(ScenarioSource.Load(path), options ?? new ServerOptions("127.0.0.1", 0));
        await app.StartAsync();
        return new RunningServer(app, ConsoleServer.Url(app));
    }

    /// <summary>A POST as the trainer's page sends it (JSON, Origin, token).</summary>
    public async Task<(System.Net.HttpStatusCode Status, string Text)> Post(string path, string json = "{}")
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        using var r = await Http.PostAsync(path, content);
        return (r.StatusCode, await r.Content.ReadAsStringAsync());
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Class.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
