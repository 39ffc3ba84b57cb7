using System.Net;
using System.Text.Json;
using PumpSim.Core.Engine;
using PumpSim.Scenarios;
using PumpSim.Scenarios.Lessons;

namespace PumpSim.Web.Tests;

/// <summary>Issue 23, "the console shows the same grade at the end of a lesson": finishing the lesson
/// on the programmer screen grades the session with the grader and the words `pumpsim grade` uses.</summary>
public class ProgrammerGradeTests
{
    private const string Lesson = "scenarios/lessons/new-concentration-refill.yaml";
    // The trainee's slip: the new concentration, but no bridge for the old drug in the catheter.
    private const string RefillWithoutBridge = """{"workflow":"refill","add_ml":20,"drug_concentration_mcg_per_ml":1000,"program_volume_ml":20}""";

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    [Fact]
    public async Task Finish_ShowsTheGradePumpsimGradePrints_WithItsKindAndNumbers()
    {
        await using var s = await RunningServer.Start(Lesson);
        (await s.Post("/api/sessions/1/programmer/interrogate")).Status.Should().Be(HttpStatusCode.OK);
        (await s.Post("/api/sessions/1/programmer/confirm", RefillWithoutBridge)).Status.Should().Be(HttpStatusCode.OK);

        var (status, text) = await s.Post("/api/sessions/1/programmer/finish");
        status.Should().Be(HttpStatusCode.OK, text);
        var grade = Json(text);
        grade.GetProperty("passed").GetBoolean().Should().BeFalse();
        var finding = grade.GetProperty("findings").EnumerateArray().Single();
        finding.GetProperty("kind").GetString().Should().Be(FindingKinds.MissingBridge);
        // By hand: the catheter's 0.2 mL of 500 mcg/mL drug comes out where 1000 mcg/mL was meant:
        // 0.2 × (1000 − 500) = 100 mcg missing; at 450 mcg/day of 1000 mcg/mL the pump runs 0.45 mL/day,
        // so the flush takes 0.2 / 0.45 d = 10.667 h at 0.45 × 500 = 225 mcg/day.
        var numbers = finding.GetProperty("numbers");
        numbers.GetProperty("shortfall_mcg").GetDouble().Should().BeApproximately(100, 1e-6);
        numbers.GetProperty("flush_hours").GetDouble().Should().BeApproximately(0.2 / 0.45 * 24, 1e-3);
        numbers.GetProperty("mcg_per_day_during_flush").GetDouble().Should().BeApproximately(225, 1e-6);
        var received = grade.GetProperty("received");
        received.GetProperty("note").GetString().Should().Contain("illustrative");
        received.GetProperty("percent_of_prescription").GetDouble().Should().BeLessThan(100);

        // The lines are the ones `pumpsim grade LESSON SAVED` prints (GradeCommand writes GradeText's lines).
        var yaml = await s.Http.GetStringAsync("/api/sessions/1/scenario.yaml");
        var saved = ScenarioLoader.Parse(yaml, "saved.yaml");
        var expected = GradeText.Lines(Grader.Grade(LessonLoader.Load(Repo.Path(Lesson)), saved, Simulation.Run), saved.Plan.Start);
        var lines = grade.GetProperty("text").EnumerateArray().Select(l => l.GetString()).ToArray();
        lines.Should().Equal(expected);
        lines[0].Should().Be("lesson new-concentration-refill: 1 finding");
        lines[1].Should().StartWith("  missing-bridge: no bridge bolus after the change from 500 to 1000 mcg/mL").And.EndWith("100 mcg missing");
        lines[^1].Should().StartWith("The patient would have received").And.EndWith("(illustrative simulation, not a clinical figure).");
    }

    [Fact]
    public async Task Finish_EndsTheLesson_TheStateKeepsTheGrade_AndAResetStartsAgain()
    {
        await using var s = await RunningServer.Start(Lesson);
        await s.Post("/api/sessions/1/programmer/interrogate");
        (await s.Post("/api/sessions/1/programmer/finish")).Status.Should().Be(HttpStatusCode.OK);

        var state = Json(await s.Http.GetStringAsync("/api/sessions/1/programmer"));
        state.GetProperty("finished").GetBoolean().Should().BeTrue();
        state.GetProperty("grade").GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("kind").GetString())
            .Should().Contain(FindingKinds.WrongVolume, "no refill was done");
        var (status, text) = await s.Post("/api/sessions/1/programmer/confirm", RefillWithoutBridge);
        status.Should().Be(HttpStatusCode.BadRequest);
        text.Should().Contain("the lesson is finished");

        (await s.Post("/api/sessions/1/control", """{"action":"clear"}""")).Status.Should().Be(HttpStatusCode.OK);
        state = Json(await s.Http.GetStringAsync("/api/sessions/1/programmer"));
        state.GetProperty("finished").GetBoolean().Should().BeFalse();
        state.GetProperty("grade").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task Finish_OfAScenarioThatIsNoLesson_IsRefused()
    {
        await using var s = await RunningServer.Start();
        var (status, text) = await s.Post("/api/sessions/1/programmer/finish");
        status.Should().Be(HttpStatusCode.BadRequest);
        text.Should().Contain("not a lesson");
    }
}
