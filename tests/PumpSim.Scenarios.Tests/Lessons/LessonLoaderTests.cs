using PumpSim.Scenarios.Lessons;

namespace PumpSim.Scenarios.Tests.Lessons;

public class LessonLoaderTests
{
    private const string World = "duration: 1d\ndrug: { concentration_mcg_per_ml: 500 }\ntherapy: { mode: continuous, rate_mcg_per_day: 450 }\n";
    private const string Lesson = "lesson:\n  task: Refill.\n  target:\n    program: { mode: continuous, rate_mcg_per_day: 450 }\n    concentration_mcg_per_ml: 500\n";

    private static ScenarioError Error(string yaml)
    {
        var act = () => LessonLoader.Parse(yaml, "l.yaml");
        return act.Should().Throw<ScenarioException>().Which.Errors[0];
    }

    [Fact]
    public void Parse_ALesson_ReadsTaskAndTarget()
    {
        var l = LessonLoader.Parse(World + Lesson + "    reservoir_ml: 20\n    boluses: [bridge]\n    low_reservoir_alarm_ml: 3\n", "l.yaml");
        l.Task.Should().Be("Refill.");
        l.Target.Concentration.McgPerMl.Should().Be(500);
        l.Target.Reservoir!.Value.Ml.Should().Be(20);
        l.Target.Boluses.Should().Equal("bridge");
        l.Target.LowReservoirAlarm!.Value.Ml.Should().Be(3);
        l.Target.DoseTolerancePct.Should().Be(PumpSim.Scenarios.Lessons.Lesson.DefaultDoseTolerancePct);
    }

    [Fact]
    public void Parse_AScenarioWithoutALesson_IsNotALesson() =>
        Error(World).Message.Should().StartWith("not a lesson");

    [Fact]
    public void Parse_TraineeActionInTheLessonsEvents_IsLocated()
    {
        var e = Error(World + Lesson + "events:\n  - { at: 1h, refill: { add_ml: 20 } }\n");
        (e.Line, e.Column).Should().Be((10, 15)); // line 10, after "  - { at: 1h, "
        e.Message.Should().Contain("'refill' is the trainee's");
    }

    [Fact]
    public void Parse_UnknownTargetKey_SuggestsTheRightOne()
    {
        var e = Error(World + Lesson + "    reservoir: 20\n");
        (e.Line, e.Column).Should().Be((9, 5));
        e.Message.Should().Contain("did you mean 'reservoir_ml'");
    }

    [Fact]
    public void Parse_TargetProgramOutsideTheFlowRange_IsLocated()
    {
        // 30 000 mcg/day at 500 mcg/mL = 60 mL/day, beyond 24.
        var e = Error(World + Lesson.Replace("rate_mcg_per_day: 450 }\n    conc", "rate_mcg_per_day: 30000 }\n    conc"));
        e.Line.Should().Be(7);
        e.Message.Should().Contain("24 mL/day");
    }

    [Fact]
    public void Parse_UnknownBolusKind_IsLocated()
    {
        var e = Error(World + Lesson + "    boluses: [bridg]\n");
        (e.Line, e.Column).Should().Be((9, 15));
        e.Message.Should().Contain("did you mean 'bridge'");
    }

    [Fact]
    public void Parse_MissingTask_IsLocated() =>
        Error(World + Lesson.Replace("  task: Refill.\n", "")).Message.Should().Contain("missing 'task'");

    [Fact]
    public void Parse_ScenarioFilesWithoutALesson_StillLoadAsScenarios() =>
        ScenarioLoader.Parse(World, "s.yaml").Plan.Duration.Seconds.Should().Be(86_400);
}
