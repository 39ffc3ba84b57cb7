using System.Net;
using System.Text;
using System.Text.Json;

namespace PumpSim.Web.Tests;

/// <summary>Issue 21, item 1 and 2: the console as any web page the trainer has open, a re-pointed
/// DNS name and any student's browser would try it. Every refused request leaves the session as it
/// was, which each test checks on the session itself.</summary>
public class SecurityTests
{
    private static HttpRequestMessage Request(HttpMethod method, string path, string? json = "{}", string contentType = "application/json")
    {
        var r = new HttpRequestMessage(method, path);
        if (json is not null) r.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(json)) { Headers = { { "Content-Type", contentType } } };
        return r;
    }

    private static async Task<(HttpStatusCode Status, string Error)> Send(HttpClient http, HttpRequestMessage request)
    {
        using (request)
        using (var r = await http.SendAsync(request))
        {
            var text = await r.Content.ReadAsStringAsync();
            r.Content.Headers.ContentType?.MediaType.Should().Be("application/json", text);
            return (r.StatusCode, JsonDocument.Parse(text).RootElement.TryGetProperty("error", out var e) ? e.GetString()! : "");
        }
    }

    private static void Unchanged(RunningServer s)
    {
        var session = s.Hub.Get(1)!;
        session.Paused.Should().BeTrue();
        session.Injections().Should().BeEmpty();
        session.Speed.Should().Be(3600);
        (session.Now - s.Hub.Source.Loaded.Plan.Start).Seconds.Should().Be(0);
        s.Hub.Count.Should().Be(1);
    }

    [Fact]
    public async Task AForeignHost_IsRefused_ForReadsAndChanges()
    {
        // DNS rebinding: evil.example re-pointed at 127.0.0.1 reaches the socket with its own Host.
        await using var s = await RunningServer.Start();
        var read = Request(HttpMethod.Get, "/api/scenario", null);
        read.Headers.Host = "evil.example";
        var (status, error) = await Send(s.Class, read);
        status.Should().Be(HttpStatusCode.Forbidden);
        error.Should().Contain("Host 'evil.example");
        var change = Request(HttpMethod.Post, "/api/sessions/1/control", """{"action":"play"}""");
        change.Headers.Host = "evil.example";
        change.Headers.Add("Origin", "http://evil.example");
        change.Headers.Add(RequestGuard.TokenHeader, s.Token);
        (await Send(s.Class, change)).Status.Should().Be(HttpStatusCode.Forbidden);
        var page = Request(HttpMethod.Get, "/", null);
        page.Headers.Host = "localhost.evil.example:" + new Uri(s.Url).Port;
        (await s.Class.SendAsync(page)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        Unchanged(s);
        // The bound address and localhost are this console's own names.
        var local = Request(HttpMethod.Get, "/api/scenario", null);
        local.Headers.Host = "localhost:" + new Uri(s.Url).Port;
        (await s.Class.SendAsync(local)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("http://evil.example", null)]          // a page on another site (a cross-site fetch)
    [InlineData("null", null)]                         // a sandboxed iframe or a data: URL
    [InlineData("http://127.0.0.1:1", null)]           // another port is another origin
    [InlineData(null, "cross-site")]                   // no Origin, but the browser says where it came from
    [InlineData(null, "same-site")]
    [InlineData(null, null)]                           // neither: not a page of this console
    public async Task AChangeFromAnotherOrigin_IsRefused_EvenWithTheToken(string? origin, string? fetchSite)
    {
        await using var s = await RunningServer.Start();
        var r = Request(HttpMethod.Post, "/api/sessions/1/control", """{"action":"play"}""");
        if (origin is not null) r.Headers.Add("Origin", origin);
        if (fetchSite is not null) r.Headers.Add("Sec-Fetch-Site", fetchSite);
        r.Headers.Add(RequestGuard.TokenHeader, s.Token);
        var (status, error) = await Send(s.Class, r);
        status.Should().Be(HttpStatusCode.Forbidden);
        error.Should().StartWith("refused:");
        Unchanged(s);
    }

    [Theory]
    [InlineData("text/plain")]                          // the no-preflight fetch of the hostile round
    [InlineData("application/x-www-form-urlencoded")]   // a form
    [InlineData("multipart/form-data")]
    public async Task AChangeNotSentAsJson_IsRefused(string type)
    {
        await using var s = await RunningServer.Start();
        var r = Request(HttpMethod.Post, "/api/sessions/1/control", """{"action":"play"}""", type);
        r.Headers.Add("Origin", s.Url.TrimEnd('/'));
        r.Headers.Add(RequestGuard.TokenHeader, s.Token);
        var (status, error) = await Send(s.Class, r);
        status.Should().Be(HttpStatusCode.Forbidden);
        error.Should().Contain("application/json");
        Unchanged(s);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("guess")]
    public async Task AChangeWithoutTheToken_IsRefused(string? token)
    {
        await using var s = await RunningServer.Start();
        var r = Request(HttpMethod.Post, "/api/sessions/1/control", """{"action":"play"}""");
        r.Headers.Add("Origin", s.Url.TrimEnd('/'));
        if (token is not null) r.Headers.Add(RequestGuard.TokenHeader, token);
        var (status, error) = await Send(s.Class, r);
        status.Should().Be(HttpStatusCode.Forbidden);
        error.Should().Contain("view only");
        Unchanged(s);
        // The same request with the token (the trainer's page) is obeyed: the test can fail.
        (await s.Post("/api/sessions/1/control", """{"action":"play"}""")).Status.Should().Be(HttpStatusCode.OK);
        s.Hub.Get(1)!.Paused.Should().BeFalse();
    }

    public static TheoryData<string, string, string?> EveryChange()
    {
        var data = new TheoryData<string, string, string?>
        {
            { "POST", "/api/sessions", "{}" },
            { "DELETE", "/api/sessions/1", null },
            { "POST", "/api/sessions/1/faults/kink", "{}" },
            { "POST", "/api/sessions/1/faults/refill", "{}" },
        };
        foreach (var body in new[]
        {
            """{"action":"play"}""", """{"action":"speed","value":86400}""", """{"action":"next"}""", """{"action":"end"}""",
            """{"action":"seek","at":"5d"}""", """{"action":"clear"}""", """{"action":"bookmark"}""", """{"action":"reveal","value":true}""",
            """{"action":"pause-at","on":"alarm"}""", """{"action":"autopause","value":true}""",
        })
            data.Add("POST", "/api/sessions/1/control", body);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryChange))]
    public async Task TheClassView_CannotChangeAnything(string method, string path, string? body)
    {
        // The class's page is served from the same origin: it has the Origin, the JSON, everything but the token.
        await using var s = await RunningServer.Start();
        var r = Request(new HttpMethod(method), path, body);
        r.Headers.Add("Origin", s.Url.TrimEnd('/'));
        r.Headers.Add("Sec-Fetch-Site", "same-origin");
        (await Send(s.Class, r)).Status.Should().Be(HttpStatusCode.Forbidden);
        Unchanged(s);
        s.Hub.Get(1)!.PauseAt.IsEmpty.Should().BeTrue();
        s.Hub.Get(1)!.Revealed.Should().BeFalse();
    }

    [Fact]
    public async Task TheTrainersStream_NeedsTheRightToken_TheClassesNone()
    {
        await using var s = await RunningServer.Start();
        using var wrong = await s.Class.GetAsync("/api/sessions/1/stream?token=guess", HttpCompletionOption.ResponseHeadersRead);
        wrong.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        using var right = await s.Class.GetAsync("/api/sessions/1/stream?token=" + s.Token, HttpCompletionOption.ResponseHeadersRead);
        right.StatusCode.Should().Be(HttpStatusCode.OK);
        using var open = await s.Class.GetAsync("/api/sessions/1/stream", HttpCompletionOption.ResponseHeadersRead);
        open.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TheToken_Is256RandomBits_DifferentForEachServer()
    {
        await using var a = await RunningServer.Start();
        await using var b = await RunningServer.Start();
        // 32 bytes in unpadded base64url: ceil(32 * 8 / 6) = 43 characters.
        a.Token.Should().MatchRegex("^[A-Za-z0-9_-]{43}$");
        b.Token.Should().NotBe(a.Token);
        a.TrainerUrl.Should().Be(a.Url + "#trainer=" + a.Token);
    }

    [Fact]
    public async Task InvalidUtf8InABody_Is400Json_NotAStackTrace()
    {
        await using var s = await RunningServer.Start();
        using var content = new ByteArrayContent([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0x22, 0x7D]) { Headers = { { "Content-Type", "application/json" } } }; // {"a":"\xC3("}
        using var r = await s.Http.PostAsync("/api/sessions/1/control", content);
        r.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var text = await r.Content.ReadAsStringAsync();
        JsonDocument.Parse(text).RootElement.GetProperty("error").GetString().Should().Contain("UTF-8");
        text.Should().NotContain(" at ");
    }

    [Theory]
    [InlineData("GET", "/nothing-here")]
    [InlineData("PUT", "/api/sessions/1/control")]
    public async Task UnknownPathsAndMethods_AnswerInJson(string method, string path)
    {
        await using var s = await RunningServer.Start();
        var r = Request(new HttpMethod(method), path, method == "GET" ? null : "{}");
        var (status, error) = await Send(s.Http, r);
        ((int)status).Should().BeGreaterThanOrEqualTo(400);
        error.Should().NotBeEmpty();
    }

    [Fact]
    public async Task EveryResponse_ForbidsFramingAndSniffing()
    {
        await using var s = await RunningServer.Start();
        foreach (var path in new[] { "/", "/app.js", "/api/scenario", "/nothing-here" })
        {
            using var r = await s.Class.GetAsync(path);
            r.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("frame-ancestors 'none'", path);
            r.Headers.GetValues("X-Frame-Options").Single().Should().Be("DENY");
            r.Headers.GetValues("X-Content-Type-Options").Single().Should().Be("nosniff");
            r.Headers.GetValues("Referrer-Policy").Single().Should().Be("no-referrer");
        }
    }
}
