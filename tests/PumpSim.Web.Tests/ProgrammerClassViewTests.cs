using System.Net;
using System.Text;
using System.Text.Json;

namespace PumpSim.Web.Tests;

/// <summary>Issue 23, "the class sees it mirrored": the class's view reads the trainer's programmer
/// screen (the Finish review under way, the grade) and can drive none of it. Any client without the
/// token is the class's page as far as the server can tell; it may also forge Host and Origin.</summary>
public class ProgrammerClassViewTests
{
    private const string Lesson = "scenarios/lessons/new-concentration-refill.yaml";
    private const string Refill = """{"workflow":"refill","add_ml":20,"drug_concentration_mcg_per_ml":1000,"program_volume_ml":20,"bridge":true}""";

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    [Fact]
    public async Task ClassView_SeesTheTrainersPendingProgramming()
    {
        await using var s = await RunningServer.Start(Lesson);
        await s.Post("/api/sessions/1/programmer/interrogate");
        (await s.Post("/api/sessions/1/programmer/preview", Refill)).Status.Should().Be(HttpStatusCode.OK);

        var state = Json(await s.Class.GetStringAsync("/api/sessions/1/programmer"));
        var pending = state.GetProperty("pending");
        pending.GetProperty("workflow").GetString().Should().Be("refill");
        pending.GetProperty("finish").EnumerateArray().Where(f => f.GetProperty("changed").GetBoolean()).Select(f => f.GetProperty("name").GetString())
            .Should().Equal("concentration", "reservoir volume", "program", "boluses");
        pending.GetProperty("entries").EnumerateArray().Select(e => $"{e.GetProperty("label").GetString()}: {e.GetProperty("value").GetString()}")
            .Should().Contain("concentration entered into the pump: 1000 mcg/mL").And.Contain("bridge bolus: yes");
        pending.GetProperty("event").GetString().Should().StartWith("refill: { add_ml: 20, concentration_mcg_per_ml: 1000");
        // Reviewed only: nothing reached the pump.
        (await s.Class.GetStringAsync("/api/sessions/1/scenario.yaml")).Should().NotContain("refill: {");

        // Cancelled on the trainer's screen, gone from the class's.
        await s.Post("/api/sessions/1/programmer/cancel");
        Json(await s.Class.GetStringAsync("/api/sessions/1/programmer")).GetProperty("pending").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task ClassView_GetsEachProgrammerChangeOnTheSessionsStream()
    {
        await using var s = await RunningServer.Start(Lesson);
        await s.Post("/api/sessions/1/programmer/interrogate");
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60)); // a hang guard, not a timing assertion
        using var response = await s.Class.GetAsync("/api/sessions/1/stream", HttpCompletionOption.ResponseHeadersRead, guard.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(guard.Token));
        async Task<JsonElement> NextFrame()
        {
            while (await reader.ReadLineAsync(guard.Token) is { } line)
            {
                if (line != "event: programmer") continue;
                var data = await reader.ReadLineAsync(guard.Token);
                // One data line, then the blank line that ends the frame: the JSON never breaks across lines.
                (await reader.ReadLineAsync(guard.Token)).Should().BeEmpty();
                data.Should().StartWith("data: ");
                return Json(data![6..]);
            }
            throw new InvalidOperationException("the stream ended");
        }

        (await s.Post("/api/sessions/1/programmer/preview", Refill)).Status.Should().Be(HttpStatusCode.OK);
        (await NextFrame()).GetProperty("pending").GetProperty("workflow").GetString().Should().Be("refill");
        (await s.Post("/api/sessions/1/programmer/finish")).Status.Should().Be(HttpStatusCode.OK);
        var finished = await NextFrame();
        finished.GetProperty("finished").GetBoolean().Should().BeTrue();
        finished.GetProperty("grade").GetProperty("text")[0].GetString().Should().StartWith("lesson new-concentration-refill:");
    }

    public static TheoryData<string, string?, bool> Forgeries => new()
    {
        // endpoint, Origin (null: none; "self": the server's own, as a forged header would say), Sec-Fetch-Site same-origin
        { "interrogate", null, false }, { "preview", null, false }, { "confirm", null, false }, { "cancel", null, false }, { "finish", null, false },
        { "interrogate", "self", true }, { "preview", "self", true }, { "confirm", "self", true }, { "cancel", "self", true }, { "finish", "self", true },
    };

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task ClassView_CannotDriveTheProgrammer_EvenWithAForgedOrigin(string change, string? origin, bool sameSite)
    {
        await using var s = await RunningServer.Start(Lesson);
        await s.Post("/api/sessions/1/programmer/interrogate");
        (await s.Post("/api/sessions/1/programmer/preview", Refill)).Status.Should().Be(HttpStatusCode.OK);
        var before = await s.Class.GetStringAsync("/api/sessions/1/programmer");
        var injected = s.Hub.Get(1)!.Injections().Count;

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/sessions/1/programmer/{change}")
        {
            Content = new StringContent(Refill, Encoding.UTF8, "application/json"),
        };
        if (origin is not null) request.Headers.Add("Origin", origin == "self" ? s.Url.TrimEnd('/') : origin);
        if (sameSite) request.Headers.Add("Sec-Fetch-Site", "same-origin");
        request.Headers.Add(RequestGuard.TokenHeader, "not-the-token");
        using var r = await s.Class.SendAsync(request);

        r.StatusCode.Should().BeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.Unauthorized);
        s.Hub.Get(1)!.Injections().Should().HaveCount(injected, "a refused change sends nothing to the pump");
        (await s.Class.GetStringAsync("/api/sessions/1/programmer")).Should().Be(before, "the trainer's screen is as the trainer left it");
    }

    [Fact]
    public async Task ClassView_SeesTheGradeAtTheEndOfTheLesson()
    {
        await using var s = await RunningServer.Start(Lesson);
        await s.Post("/api/sessions/1/programmer/interrogate");
        await s.Post("/api/sessions/1/programmer/confirm", Refill);
        (await s.Post("/api/sessions/1/programmer/finish")).Status.Should().Be(HttpStatusCode.OK);
        var grade = Json(await s.Class.GetStringAsync("/api/sessions/1/programmer")).GetProperty("grade");
        grade.GetProperty("passed").GetBoolean().Should().BeTrue();
        grade.GetProperty("text")[0].GetString().Should().Be("lesson new-concentration-refill: target met, no findings");
    }
}
