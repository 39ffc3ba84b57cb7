using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PumpSim.Web;

/// <summary>Where to listen. Loopback unless the trainer names another address.</summary>
public sealed record ServerOptions(string Host = "127.0.0.1", int Port = 8080)
{
    /// <summary>The address to bind, or an error message for a host that is not one.</summary>
    public static bool TryAddress(string host, out IPAddress address, out string? error)
    {
        error = null;
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)) { address = IPAddress.Loopback; return true; }
        if (IPAddress.TryParse(host, out var parsed)) { address = parsed; return true; }
        address = IPAddress.None;
        error = $"--host must be an IP address (127.0.0.1, 0.0.0.0, ::1) or localhost; got '{host}'.";
        return false;
    }
}

/// <summary>The web console of `pumpsim serve`: one page (embedded, no CDN) and a small JSON/SSE
/// API over the sessions of one scenario file. The page can name no file: only the file given on
/// the command line is ever read.</summary>
public static class ConsoleServer
{
    private const long MaxBodyBytes = 4096;

    public static WebApplication Build(ScenarioSource source, ServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        if (!ServerOptions.TryAddress(options.Host, out var address, out var error)) throw new ArgumentException(error);
        if (options.Port is < 0 or > 65535) throw new ArgumentException($"--port must be 0 to 65535; got {options.Port}.");

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(address, options.Port);
            k.Limits.MaxRequestBodySize = MaxBodyBytes;
            k.Limits.MaxConcurrentConnections = 200;
        });
        builder.Services.Configure<HostOptions>(h => h.ShutdownTimeout = TimeSpan.FromSeconds(3));
        builder.Services.AddSingleton(_ => new SessionHub(source));
        var app = builder.Build();
        var hub = app.Services.GetRequiredService<SessionHub>();
        app.Lifetime.ApplicationStarted.Register(hub.Start);
        // Viewers' streams end first, so stopping never waits on an open page.
        app.Lifetime.ApplicationStopping.Register(hub.Dispose);

        app.Use(async (ctx, next) =>
        {
            ctx.Response.Headers["Content-Security-Policy"] = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'";
            ctx.Response.Headers["X-Content-Type-Options"] = "nosniff";
            ctx.Response.Headers["Referrer-Policy"] = "no-referrer";
            await next(ctx);
        });
        MapPage(app);
        MapApi(app, hub);
        ProgrammerApi.Map(app, hub);
        return app;
    }

    /// <summary>The URL a browser should open, once the server listens (the real port when 0 was asked).</summary>
    public static string Url(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var url = addresses?.FirstOrDefault() ?? throw new InvalidOperationException("the server is not listening.");
        return url.Replace("://0.0.0.0:", "://127.0.0.1:", StringComparison.Ordinal).Replace("://[::]:", "://[::1]:", StringComparison.Ordinal) + "/";
    }

    private static void MapPage(WebApplication app)
    {
        app.MapGet("/", () => Asset("index.html", "text/html; charset=utf-8"));
        app.MapGet("/app.js", () => Asset("app.js", "text/javascript; charset=utf-8"));
        app.MapGet("/app.css", () => Asset("app.css", "text/css; charset=utf-8"));
    }

    internal static IResult Asset(string name, string contentType)
    {
        using var stream = typeof(ConsoleServer).Assembly.GetManifestResourceStream("wwwroot/" + name)
            ?? throw new InvalidOperationException($"the page asset {name} is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return Results.Bytes(copy.ToArray(), contentType);
    }

    private static void MapApi(WebApplication app, SessionHub hub)
    {
        var scenario = hub.Source.Loaded;
        app.MapGet("/api/scenario", () => Results.Content(Session.Json(w =>
        {
            w.WriteString("id", scenario.Plan.Id);
            w.WriteString("title", scenario.Title);
            w.WriteString("description", scenario.Description);
            w.WriteString("file", Path.GetFileName(hub.Source.Path));
            w.WriteString("start", scenario.Plan.Start.ToString());
            w.WriteNumber("duration_s", scenario.Plan.Duration.Seconds);
            w.WriteNumber("step_s", scenario.Plan.Step.Seconds);
            w.WriteNumber("low_reservoir_ml", scenario.Plan.LowReservoirAlarm.Ml);
            w.WriteNumber("capacity_ml", scenario.Plan.Profile.Capacity.Ml);
            w.WriteBoolean("patient", scenario.Plan.Patient is not null);
            w.WriteNumber("min_speed", Session.MinSpeed);
            w.WriteNumber("max_speed", Session.MaxSpeed);
            // Each alarm's tone, as the pump sounds it (the page shows it next to the alarm).
            w.WriteStartObject("tones");
            w.WriteString(Core.Firmware.AlarmIds.Text(Core.Firmware.AlarmPriority.Critical), Core.Firmware.AlarmIds.Tone(Core.Firmware.AlarmPriority.Critical));
            w.WriteString(Core.Firmware.AlarmIds.Text(Core.Firmware.AlarmPriority.NonCritical), Core.Firmware.AlarmIds.Tone(Core.Firmware.AlarmPriority.NonCritical));
            w.WriteEndObject();
            w.WriteStartObject("alarm_priorities");
            foreach (var (id, priority) in Core.Firmware.AlarmIds.All) w.WriteString(id, Core.Firmware.AlarmIds.Text(priority));
            w.WriteEndObject();
            w.WriteStartArray("faults");
            foreach (var b in FaultButtons.For(scenario.Plan))
            {
                w.WriteStartObject();
                w.WriteString("id", b.Id);
                w.WriteString("label", b.Label);
                w.WriteString("note", b.Note);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }), "application/json"));

        app.MapPost("/api/sessions", () => hub.Create() is { } s
            ? Results.Content(Session.Json(w => w.WriteNumber("id", s.Id)), "application/json", statusCode: 201)
            : Error(429, $"at most {SessionHub.MaxSessions} sessions can be open; close one first."));

        app.MapDelete("/api/sessions/{id}", (string id) =>
            ParseId(id, hub, out var s, out var bad) ? (hub.Close(s.Id) ? Results.NoContent() : Error(400, "session 1 stays open.")) : bad);

        app.MapGet("/api/sessions/{id}/stream", async (string id, HttpContext ctx) =>
        {
            if (!ParseId(id, hub, out var session, out var bad)) { await bad.ExecuteAsync(ctx); return; }
            var client = session.Attach();
            if (client is null) { await Error(503, $"at most {Session.MaxClients} viewers can watch one session.").ExecuteAsync(ctx); return; }
            try
            {
                ctx.Response.Headers.ContentType = "text/event-stream";
                ctx.Response.Headers.CacheControl = "no-cache";
                await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
                await foreach (var frame in client.Reader.ReadAllAsync(ctx.RequestAborted))
                {
                    await ctx.Response.WriteAsync(frame, ctx.RequestAborted);
                    if (client.Reader.Count == 0) await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
                }
            }
            catch (OperationCanceledException) { }
            catch (IOException) { }
            finally { session.Detach(client); }
        });

        app.MapPost("/api/sessions/{id}/control", async (string id, HttpContext ctx) =>
        {
            if (!ParseId(id, hub, out var session, out var bad)) return bad;
            JsonElement body;
            try { body = (await JsonDocument.ParseAsync(ctx.Request.Body, default, ctx.RequestAborted)).RootElement; }
            catch (JsonException e) { return Error(400, $"the control must be a JSON object: {e.Message}"); }
            catch (BadHttpRequestException e) { return Error(400, e.Message); }
            if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("action", out var a) || a.ValueKind != JsonValueKind.String)
                return Error(400, "the control must be a JSON object with a string 'action'.");
            try { session.Control(a.GetString()!, body); }
            catch (ControlException e) { return Error(400, e.Message); }
            return Results.Content(StatusOf(session), "application/json");
        });

        app.MapPost("/api/sessions/{id}/faults/{fault}", (string id, string fault) =>
        {
            if (!ParseId(id, hub, out var session, out var bad)) return bad;
            try
            {
                var at = session.Inject(fault);
                var offset = at - hub.Source.Loaded.Plan.Start;
                return Results.Content(Session.Json(w => { w.WriteString("fault", fault); w.WriteString("at", offset.ToString()); w.WriteNumber("at_s", offset.Seconds); }), "application/json");
            }
            catch (ControlException e) { return Error(400, e.Message); }
        });

        app.MapGet("/api/sessions/{id}/scenario.yaml", (string id) =>
        {
            if (!ParseId(id, hub, out var session, out var bad)) return bad;
            var name = Path.GetFileNameWithoutExtension(hub.Source.Path) + $"-session{session.Id}.yaml";
            return Results.File(System.Text.Encoding.UTF8.GetBytes(session.ScenarioYaml()), "application/yaml; charset=utf-8", name);
        });
    }

    private static string StatusOf(Session s) => Session.Json(w =>
    {
        w.WriteBoolean("paused", s.Paused);
        w.WriteNumber("speed", s.Speed);
        w.WriteBoolean("auto_pause", s.AutoPause);
    });

    internal static bool ParseId(string text, SessionHub hub, out Session session, out IResult bad)
    {
        session = null!;
        bad = Results.Empty;
        if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            bad = Error(400, $"session id must be a whole number, got '{text}'.");
            return false;
        }
        if (hub.Get(id) is not { } s)
        {
            bad = Error(404, $"no session {id}.");
            return false;
        }
        session = s;
        return true;
    }

    internal static IResult Error(int status, string message) =>
        Results.Content(Session.Json(w => w.WriteString("error", message)), "application/json", statusCode: status);
}
