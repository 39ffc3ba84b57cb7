using System.Net;
using System.Text.Json;
using System.Text.Unicode;
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
    /// <summary>How long a connection may sit without sending a request's headers before it is
    /// closed: idle sockets cannot hold the server's connection slots for long.</summary>
    public TimeSpan HeadersTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>True for an address only this machine can reach.</summary>
    public bool IsLoopback => TryAddress(Host, out var a, out _) && IPAddress.IsLoopback(a);

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
/// the command line is ever read. Two views of one page: the trainer's (its URL carries the secret
/// token: controls) and the class's (no token: it watches and follows the trainer). Every request is
/// checked by <see cref="RequestGuard"/> before it reaches an endpoint.</summary>
public static class ConsoleServer
{
    private const long MaxBodyBytes = 4096;

    /// <summary>Kestrel's connection limit: the class's and the trainer's streams
    /// (<see cref="SessionHub.MaxViewers"/> + <see cref="SessionHub.MaxTrainerStreams"/>) leave
    /// more than a hundred connections for pages and controls.</summary>
    public const int MaxConnections = 400;

    private const string Csp = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; " +
        "frame-ancestors 'none'; base-uri 'none'; form-action 'none'; object-src 'none'";

    public static WebApplication Build(ScenarioSource source, ServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        if (!ServerOptions.TryAddress(options.Host, out var address, out var error)) throw new ArgumentException(error);
        if (options.Port is < 0 or > 65535) throw new ArgumentException($"--port must be 0 to 65535; got {options.Port}.");

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(address, options.Port);
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = MaxBodyBytes;
            k.Limits.MaxConcurrentConnections = MaxConnections;
            k.Limits.RequestHeadersTimeout = options.HeadersTimeout;
            k.Limits.KeepAliveTimeout = options.HeadersTimeout + TimeSpan.FromSeconds(20);
        });
        builder.Services.Configure<HostOptions>(h => h.ShutdownTimeout = TimeSpan.FromSeconds(3));
        builder.Services.AddSingleton(_ => new SessionHub(source));
        builder.Services.AddSingleton(new RequestGuard(address));
        var app = builder.Build();
        var hub = app.Services.GetRequiredService<SessionHub>();
        var guard = app.Services.GetRequiredService<RequestGuard>();
        app.Lifetime.ApplicationStarted.Register(hub.Start);
        // Viewers' streams end first, so stopping never waits on an open page.
        app.Lifetime.ApplicationStopping.Register(hub.Dispose);

        app.Use(async (ctx, next) =>
        {
            var h = ctx.Response.Headers;
            h["Content-Security-Policy"] = Csp;
            h["X-Frame-Options"] = "DENY";
            h["X-Content-Type-Options"] = "nosniff";
            h["Referrer-Policy"] = "no-referrer";
            h["Cross-Origin-Opener-Policy"] = "same-origin";
            h["Cross-Origin-Resource-Policy"] = "same-origin";
            h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            h.CacheControl = "no-store";
            if (!guard.HostAllowed(ctx.Request))
            {
                await Error(403, $"refused: this console answers only to its own address, not to Host '{ctx.Request.Host}'.").ExecuteAsync(ctx);
                return;
            }
            if (!HttpMethods.IsGet(ctx.Request.Method) && !HttpMethods.IsHead(ctx.Request.Method) && guard.RefuseChange(ctx.Request) is { } refused)
            {
                await Error(403, refused).ExecuteAsync(ctx);
                return;
            }
            try { await next(ctx); }
            catch (Exception e) when (e is not OperationCanceledException && !ctx.Response.HasStarted)
            {
                // One line for the trainer's terminal, a message for the page; never a stack trace.
                await Console.Error.WriteLineAsync($"pumpsim serve: {ctx.Request.Method} {ctx.Request.Path} failed: {e.GetType().Name}: {e.Message}");
                ctx.Response.Clear();
                await Error(500, "the console could not do this; the trainer's terminal says why.").ExecuteAsync(ctx);
                return;
            }
            // Routing's own refusals (no such path, wrong method) answer in JSON too.
            if (ctx.Response.StatusCode >= 400 && !ctx.Response.HasStarted && ctx.Response.ContentType is null)
                await Error(ctx.Response.StatusCode, $"no {ctx.Request.Method} {ctx.Request.Path} here.").ExecuteAsync(ctx);
        });
        MapPage(app);
        MapApi(app, hub, guard);
        // The programmer's endpoints change the session: the guard above asks them for the trainer's token too.
        ProgrammerApi.Map(app, hub);
        return app;
    }

    /// <summary>The server's base URL once it listens (the real port when 0 was asked; bound to every
    /// interface, this machine's first address a classroom can reach).</summary>
    public static string Url(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var url = addresses?.FirstOrDefault() ?? throw new InvalidOperationException("the server is not listening.");
        var uri = new Uri(url);
        var host = uri.Host;
        if (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any)))
            host = RequestGuard.LocalAddresses().FirstOrDefault() is { } local ? RequestGuard.HostName(local) : "127.0.0.1";
        return $"http://{host}:{uri.Port}/";
    }

    /// <summary>The trainer's URL: the page with controls. The token is in the fragment, which a
    /// browser never sends, so it is in no request line, log or Referer.</summary>
    public static string TrainerUrl(WebApplication app) => Url(app) + "#trainer=" + Guard(app).Token;

    /// <summary>The class's URL: the same page, view only; it follows the session the trainer drives.</summary>
    public static string ClassUrl(WebApplication app) => Url(app);

    internal static RequestGuard Guard(WebApplication app) => app.Services.GetRequiredService<RequestGuard>();

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

    private static void MapApi(WebApplication app, SessionHub hub, RequestGuard guard)
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
            w.WriteNumber("presented", hub.Presented);
            w.WriteString("pause_at_help", PauseConditions.Help);
            // The dose the CSF gets against the pump's belief: outside these the page says
            // over- or under-delivery (the report's "At a glance" red limits).
            w.WriteStartObject("dose_limits_pct");
            w.WriteNumber("low", Reports.AtAGlance.DoseRedLowPct);
            w.WriteNumber("high", Reports.AtAGlance.DoseRedHighPct);
            w.WriteEndObject();
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
            // The trainer's page names its token (an EventSource cannot send a header); a wrong one is refused, not demoted.
            var token = ctx.Request.Query["token"].ToString();
            if (token.Length > 0 && !guard.IsToken(token)) { await Error(403, "refused: that is not this console's token.").ExecuteAsync(ctx); return; }
            var trainer = token.Length > 0;
            if (!hub.TryTakeStream(trainer))
            {
                await Error(503, trainer
                    ? $"at most {SessionHub.MaxTrainerStreams} trainer pages can be open; close one."
                    : $"at most {SessionHub.MaxViewers} viewers can watch; the trainer's page still works.").ExecuteAsync(ctx);
                return;
            }
            var client = new SseClient();
            try
            {
                session.Attach(client);
                ctx.Response.Headers.ContentType = "text/event-stream";
                await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
                await foreach (var frame in client.Reader.ReadAllAsync(ctx.RequestAborted))
                {
                    await ctx.Response.WriteAsync(frame, ctx.RequestAborted);
                    if (client.Reader.Count == 0) await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
                }
            }
            catch (OperationCanceledException) { }
            catch (IOException) { }
            finally
            {
                session.Detach(client);
                hub.ReleaseStream(trainer);
            }
        });

        app.MapPost("/api/sessions/{id}/control", async (string id, HttpContext ctx) =>
        {
            if (!ParseId(id, hub, out var session, out var bad)) return bad;
            JsonElement body;
            try { body = await ReadJson(ctx); }
            catch (ControlException e) { return Error(400, e.Message); }
            if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("action", out var a) || a.ValueKind != JsonValueKind.String)
                return Error(400, "the control must be a JSON object with a string 'action'.");
            try { session.Control(a.GetString()!, body); }
            catch (ControlException e) { return Error(400, e.Message); }
            hub.Present(session.Id);
            return Results.Content(StatusOf(session), "application/json");
        });

        app.MapPost("/api/sessions/{id}/faults/{fault}", (string id, string fault) =>
        {
            if (!ParseId(id, hub, out var session, out var bad)) return bad;
            try
            {
                var at = session.Inject(fault);
                hub.Present(session.Id);
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

    /// <summary>The body as JSON: at most <see cref="MaxBodyBytes"/>, valid UTF-8, one JSON value.</summary>
    private static async Task<JsonElement> ReadJson(HttpContext ctx)
    {
        byte[] bytes;
        try
        {
            using var copy = new MemoryStream();
            await ctx.Request.Body.CopyToAsync(copy, ctx.RequestAborted);
            bytes = copy.ToArray();
        }
        catch (BadHttpRequestException e) { throw new ControlException(e.Message); }
        if (!Utf8.IsValid(bytes)) throw new ControlException("the control must be UTF-8 text; the body has bytes that are not.");
        try
        {
            using var doc = JsonDocument.Parse(bytes);
            return doc.RootElement.Clone();
        }
        catch (JsonException e) { throw new ControlException($"the control must be a JSON object: {e.Message}"); }
    }

    private static string StatusOf(Session s) => Session.Json(w =>
    {
        w.WriteBoolean("paused", s.Paused);
        w.WriteNumber("speed", s.Speed);
        w.WriteString("pause_at", s.PauseAt.ToString());
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
