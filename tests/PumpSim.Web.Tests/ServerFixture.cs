using Microsoft.AspNetCore.Builder;

namespace PumpSim.Web.Tests;

/// <summary>A real Kestrel server on a free loopback port (port 0), serving one scenario.</summary>
internal sealed class RunningServer : IAsyncDisposable
{
    private RunningServer(WebApplication app, string url)
    {
        App = app;
        Url = url;
        Http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
    }

    public WebApplication App { get; }
    public string Url { get; }
    public HttpClient Http { get; }

    public static async Task<RunningServer> Start(string scenario = "scenarios/dosing/continuous-maintenance.yaml")
    {
        var app = ConsoleServer.Build(ScenarioSource.Load(Repo.Path(scenario)), new ServerOptions("127.0.0.1", 0));
        await app.StartAsync();
        return new RunningServer(app, ConsoleServer.Url(app));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
