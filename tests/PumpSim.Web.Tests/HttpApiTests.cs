using System.Net;
using System.Text;
using System.Text.Json;
using PumpSim.Scenarios;

namespace PumpSim.Web.Tests;

/// <summary>The console over HTTP: page, scenario, controls, fault injection, event stream, limits.</summary>
public class HttpApiTests
{
    private static Task<(HttpStatusCode Status, string Text)> Post(RunningServer s, string path, string json = "{}") => s.Post(path, json);

    /// <summary>Reads the stream until a frame contains <paramref name="needle"/> (or the guard expires).</summary>
    private static async Task<string> ReadStreamUntil(HttpClient http, string path, string needle, Func<Task>? afterConnect = null)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60)); // a hang guard, not a timing assertion
        using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, guard.Token);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/event-stream");
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(guard.Token));
        if (afterConnect is not null) await afterConnect();
        var seen = new StringBuilder();
        while (await reader.ReadLineAsync(guard.Token) is { } line)
        {
            seen.AppendLine(line);
            if (line.Contains(needle, StringComparison.Ordinal)) return seen.ToString();
        }
        return seen.ToString();
    }

    [Fact]
    public async Task ThePage_IsServedWithItsScriptAndStyle_AndNamesNoOtherSite()
    {
        await using var s = await RunningServer.Start();
        var html = await s.Http.GetStringAsync("/");
        var js = await s.Http.GetStringAsync("/app.js");
        var css = await s.Http.GetStringAsync("/app.css");
        html.Should().Contain("<script src=\"/app.js\">").And.Contain("illustrative");
        js.Should().Contain("EventSource");
        css.Should().Contain("--est");
        // The SVG namespace is a name, not an address the page fetches.
        foreach (var text in new[] { html, js.Replace("'http://www.w3.org/2000/svg'", "", StringComparison.Ordinal), css }) text.Should().NotContain("http://").And.NotContain("https://").And.NotContain("//cdn");
        using var page = await s.Http.GetAsync("/");
        page.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("default-src 'self'").And.Contain("frame-ancestors 'none'");
        page.Headers.GetValues("X-Frame-Options").Single().Should().Be("DENY");
    }

    [Fact]
    public async Task TheScenarioEndpoint_ListsTheFaultButtons()
    {
        await using var s = await RunningServer.Start();
        using var doc = JsonDocument.Parse(await s.Http.GetStringAsync("/api/scenario"));
        doc.RootElement.GetProperty("id").GetString().Should().Be("continuous-maintenance");
        doc.RootElement.GetProperty("duration_s").GetInt64().Should().Be(19 * 86_400); // duration: 19d
        var faults = doc.RootElement.GetProperty("faults").EnumerateArray().Select(f => f.GetProperty("id").GetString()).ToArray();
        faults.Should().Contain(["kink", "occlusion", "leak", "disconnect", "migration", "repair", "mri", "motor-stall",
            "missed-refill", "pocket-fill", "refill", "interrogate", "silence"]);
        // PUMP.md §5: critical alarms sound a 3-second dual tone, non-critical a 1-second single tone.
        doc.RootElement.GetProperty("tones").GetProperty("critical").GetString().Should().Be("3-s dual tone");
        doc.RootElement.GetProperty("alarm_priorities").GetProperty("low-reservoir").GetString().Should().Be("non-critical");
    }

    [Fact]
    public async Task AFaultInjectedOverHttp_ShowsInTheEventStream_AndInTheSavedYaml()
    {
        await using var s = await RunningServer.Start();
        (await Post(s, "/api/sessions/1/control", """{"action":"seek","at":"2d"}""")).Status.Should().Be(HttpStatusCode.OK);
        var inject = await Post(s, "/api/sessions/1/faults/kink");
        inject.Status.Should().Be(HttpStatusCode.OK);
        // Day 2 was processed (an hourly sample), so the kink applies one second later.
        inject.Text.Should().Contain("\"at\":\"2d1s\"");
        var stream = await ReadStreamUntil(s.Http, "/api/sessions/1/stream", "\"type\":\"catheter-fault\"",
            async () => (await Post(s, "/api/sessions/1/control", """{"action":"seek","at":"3d"}""")).Status.Should().Be(HttpStatusCode.OK));
        stream.Should().Contain("event: reset").And.Contain("\"fault\":\"kink\"");

        using var saved = await s.Http.GetAsync("/api/sessions/1/scenario.yaml");
        saved.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        var yaml = await saved.Content.ReadAsStringAsync();
        ScenarioLoader.Parse(yaml, "saved.yaml").Plan.Actions.Should().Contain(a => a.At == ScenarioLoader.Parse(yaml, "saved.yaml").Plan.Start + Core.Units.SimDuration.FromSeconds(2 * 86_400 + 1));
    }

    [Fact]
    public async Task PlayStreamsSamplesAsTheClockRuns()
    {
        await using var s = await RunningServer.Start();
        (await Post(s, "/api/sessions/1/control", """{"action":"speed","value":86400}""")).Status.Should().Be(HttpStatusCode.OK);
        var stream = await ReadStreamUntil(s.Http, "/api/sessions/1/stream", "event: sample",
            async () => (await Post(s, "/api/sessions/1/control", """{"action":"play"}""")).Status.Should().Be(HttpStatusCode.OK));
        stream.Should().Contain("event: sample");
    }

    [Theory]
    [InlineData("not json", "must be a JSON object")]
    [InlineData("""{"action":"fly"}""", "unknown control 'fly'")]
    [InlineData("""{"action":"speed","value":0}""", "speed must be 1 to")]
    [InlineData("""{"action":"speed","value":"fast"}""", "'value' must be a number")]
    [InlineData("""{"action":"seek","at":"20d"}""", "between 0s and the scenario's duration (19d)")]
    [InlineData("""{"action":"seek","at":"soon"}""", "'at':")]
    [InlineData("""{"action":"autopause","value":1}""", "'value' must be true or false")]
    [InlineData("[1,2]", "JSON object with a string 'action'")]
    public async Task EveryBadControl_Is400WithAMessage(string body, string message)
    {
        await using var s = await RunningServer.Start();
        var (status, text) = await Post(s, "/api/sessions/1/control", body);
        status.Should().Be(HttpStatusCode.BadRequest);
        JsonDocument.Parse(text).RootElement.GetProperty("error").GetString().Should().Contain(message);
    }

    [Fact]
    public async Task BadFaultsAndSessions_Are400Or404WithAMessage()
    {
        await using var s = await RunningServer.Start();
        (await Post(s, "/api/sessions/1/faults/..%2F..%2Fetc%2Fpasswd")).Status.Should().Be(HttpStatusCode.BadRequest);
        JsonDocument.Parse((await Post(s, "/api/sessions/1/faults/bogus")).Text).RootElement.GetProperty("error").GetString()
            .Should().Contain("unknown fault 'bogus'");
        (await Post(s, "/api/sessions/x/faults/kink")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await Post(s, "/api/sessions/99/faults/kink")).Status.Should().Be(HttpStatusCode.NotFound);
        var big = new string('x', 10_000);
        (await Post(s, "/api/sessions/1/control", $$"""{"action":"{{big}}"}""")).Status.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AFinishedRun_RefusesAFault()
    {
        await using var s = await RunningServer.Start();
        (await Post(s, "/api/sessions/1/control", """{"action":"seek","at":"19d"}""")).Status.Should().Be(HttpStatusCode.OK);
        var (status, text) = await Post(s, "/api/sessions/1/faults/kink");
        status.Should().Be(HttpStatusCode.BadRequest);
        text.Should().Contain("the run has ended");
    }

    [Fact]
    public async Task SessionsAreBounded()
    {
        await using var s = await RunningServer.Start();
        // Session 1 exists; MaxSessions - 1 more can open, the next is refused.
        for (var i = 1; i < SessionHub.MaxSessions; i++) (await Post(s, "/api/sessions")).Status.Should().Be(HttpStatusCode.Created);
        var refused = await Post(s, "/api/sessions");
        refused.Status.Should().Be((HttpStatusCode)429);
        refused.Text.Should().Contain($"at most {SessionHub.MaxSessions} sessions");
        (await s.Http.DeleteAsync("/api/sessions/2")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await Post(s, "/api/sessions")).Status.Should().Be(HttpStatusCode.Created);
        (await s.Http.DeleteAsync("/api/sessions/1")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task StoppingTheServerEndsOpenStreams()
    {
        var s = await RunningServer.Start();
        var open = new List<HttpResponseMessage>();
        try
        {
            for (var i = 0; i < 8; i++)
            {
                var r = await s.Class.GetAsync("/api/sessions/1/stream", HttpCompletionOption.ResponseHeadersRead);
                r.StatusCode.Should().Be(HttpStatusCode.OK);
                open.Add(r);
            }
        }
        finally
        {
            // With every stream still open, the server stops (as on Ctrl-C) and the streams end.
            await s.DisposeAsync();
            foreach (var r in open)
            {
                using var reader = new StreamReader(await r.Content.ReadAsStreamAsync());
                using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                var rest = async () => await reader.ReadToEndAsync(guard.Token);
                await rest.Should().NotThrowAsync<OperationCanceledException>();
                r.Dispose();
            }
        }
    }
}
