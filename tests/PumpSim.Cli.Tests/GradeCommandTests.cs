using System.Text.Json;

namespace PumpSim.Cli.Tests;

public class GradeCommandTests
{
    private static string Lesson(string name) => Repo.Path("scenarios", "lessons", name);

    [Fact]
    public void Grade_Answer_ExitsZeroAndSaysTheDoseIsIllustrative()
    {
        var r = Cli.Run("grade", Lesson("new-concentration-refill.yaml"), Lesson("new-concentration-refill.answer.yaml"));
        r.ExitCode.Should().Be(0, r.Error);
        r.Out.Should().Contain("lesson new-concentration-refill: target met, no findings");
        // 450 mcg/day all through: the bridge keeps the dose while the old drug comes out.
        r.Out.Should().Contain("450 mcg/day from day 0.007 to day 3, 100 % of the prescribed 450 mcg/day (illustrative");
    }

    [Fact]
    public void Grade_Mistake_ExitsOneWithOneLinePerFinding()
    {
        var r = Cli.Run("grade", Lesson("day-night-flex.yaml"), Lesson("day-night-flex.mistake-dose-off-target.yaml"));
        r.ExitCode.Should().Be(1, r.Error);
        r.Out.Should().Contain("2 findings");
        r.Out.Should().Contain("  dose-off-target: the step at 06:00 is 550 mcg/day; the target is 400 mcg/day (1.375×)");
        r.Out.Should().Contain("  dose-off-target: the step at 22:00 is 400 mcg/day; the target is 550 mcg/day (0.727×)");
    }

    [Fact]
    public void Grade_Json_GivesKindsNumbersAndTheIllustrativeDose()
    {
        var r = Cli.Run("grade", Lesson("new-concentration-refill.yaml"), Lesson("new-concentration-refill.mistake-missing-bridge.yaml"), "--json");
        r.ExitCode.Should().Be(1, r.Error);
        using var doc = JsonDocument.Parse(r.Out);
        var root = doc.RootElement;
        root.GetProperty("passed").GetBoolean().Should().BeFalse();
        var finding = root.GetProperty("findings").EnumerateArray().Single();
        finding.GetProperty("kind").GetString().Should().Be("missing-bridge");
        // 0.2 mL × (1000 − 500) mcg/mL = 100 mcg missing.
        finding.GetProperty("numbers").GetProperty("shortfall_mcg").GetDouble().Should().Be(100);
        root.GetProperty("received").GetProperty("note").GetString().Should().Contain("illustrative");
        root.GetProperty("received").GetProperty("percent_of_prescription").GetDouble().Should().Be(92.6);
    }

    [Fact]
    public void Grade_SessionOfAnotherLesson_ExitsTwoWithALocatedMessage()
    {
        var r = Cli.Run("grade", Lesson("routine-refill.yaml"), Lesson("dose-titration.answer.yaml"));
        r.ExitCode.Should().Be(2);
        r.Error.Should().Contain("dose-titration.answer.yaml:1:1: error: not a session of lesson 'routine-refill'");
        // Each difference is one item of the list, the id's two values in brackets.
        r.Error.Should().Contain("it changes the scenario id ('dose-titration'; the lesson's is 'routine-refill'), ");
        Cli.HasStackTrace(r.Error).Should().BeFalse();
    }

    [Fact]
    public void Grade_AScenarioThatIsNoLesson_ExitsTwo()
    {
        var r = Cli.Run("grade", Repo.Path("scenarios", "training", "kinked-catheter.yaml"), Lesson("routine-refill.answer.yaml"));
        r.ExitCode.Should().Be(2);
        r.Error.Should().Contain("error: not a lesson");
    }

    [Fact]
    public void Grade_MissingSession_ExitsTwo()
    {
        var r = Cli.Run("grade", Lesson("routine-refill.yaml"), Lesson("no-such-session.yaml"));
        r.ExitCode.Should().Be(2);
        Cli.HasStackTrace(r.Error).Should().BeFalse();
    }

    [Fact]
    public void Grade_PrintsTheSharedGradeText_TheConsoleShowsTheSame()
    {
        // The web console shows GradeText's lines at the end of a lesson; the command prints exactly them.
        var r = Cli.Run("grade", Lesson("day-night-flex.yaml"), Lesson("day-night-flex.mistake-dose-off-target.yaml"));
        var session = PumpSim.Scenarios.ScenarioLoader.Load(Lesson("day-night-flex.mistake-dose-off-target.yaml"));
        var report = PumpSim.Scenarios.Lessons.Grader.Grade(PumpSim.Scenarios.Lessons.LessonLoader.Load(Lesson("day-night-flex.yaml")), session, PumpSim.Core.Engine.Simulation.Run);
        r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().Equal(PumpSim.Scenarios.Lessons.GradeText.Lines(report, session.Plan.Start));
    }
}
