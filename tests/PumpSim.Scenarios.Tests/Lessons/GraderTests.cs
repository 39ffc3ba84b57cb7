using PumpSim.Core.Engine;
using PumpSim.Core.Therapy;
using PumpSim.Core.Units;
using PumpSim.Scenarios.Lessons;

namespace PumpSim.Scenarios.Tests.Lessons;

public class GraderTests
{
    private static GradeReport Grade(string lessonFile, string sessionYaml, string sessionName = "session.yaml") =>
        Grader.Grade(LessonLoader.Load(LessonFiles.Path(lessonFile)), ScenarioLoader.Parse(sessionYaml, sessionName), Simulation.Run);

    private static string Answer(string lesson) => File.ReadAllText(LessonFiles.Path(lesson.Replace(".yaml", ".answer.yaml")));

    /// <summary>The answer with one piece of text replaced (the replacement must happen).</summary>
    private static string Plant(string lesson, string from, string to)
    {
        var answer = Answer(lesson);
        answer.Should().Contain(from);
        return answer.Replace(from, to);
    }

    public static TheoryData<string> Lessons() => new(LessonFiles.Lessons());
    public static TheoryData<string> Mistakes() => new(LessonFiles.Mistakes());

    [Fact]
    public void Library_HasTheSixLessonsEachWithAnAnswerAndAMistake()
    {
        LessonFiles.Lessons().Should().HaveCountGreaterThanOrEqualTo(6);
        foreach (var lesson in LessonFiles.Lessons())
        {
            File.Exists(LessonFiles.Path(lesson.Replace(".yaml", ".answer.yaml"))).Should().BeTrue(lesson);
            LessonFiles.Mistakes().Should().Contain(m => LessonFiles.LessonOf(m) == lesson, lesson);
        }
    }

    [Theory]
    [MemberData(nameof(Lessons))]
    public void BundledAnswer_GradesWithoutFindings(string lesson)
    {
        var report = Grade(lesson, Answer(lesson), lesson.Replace(".yaml", ".answer.yaml"));
        report.Findings.Should().BeEmpty();
        report.Passed.Should().BeTrue();
    }

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void BundledMistake_GradesWithItsKind(string mistake)
    {
        // NAME.mistake-KIND.yaml
        var kind = mistake[(mistake.IndexOf(".mistake-", StringComparison.Ordinal) + 9)..^5];
        FindingKinds.All.Should().Contain(kind);
        var report = Grade(LessonFiles.LessonOf(mistake), File.ReadAllText(LessonFiles.Path(mistake)), mistake);
        report.Passed.Should().BeFalse();
        report.Findings.Select(f => f.Kind).Should().Contain(kind);
    }

    [Fact]
    public void Grade_PlantedTenfoldRate_IsADecimalError()
    {
        // 6600 for 660 mcg/day at 2000 mcg/mL: 3.3 mL/day, inside the range, so it runs. Ratio 10.
        // From the change at 10m to the end the patient gets 6600 mcg/day: 1000 % of 660.
        var report = Grade("dose-titration.yaml", Plant("dose-titration.yaml", "rate_mcg_per_day: 660 } }", "rate_mcg_per_day: 6600 } }"));
        var f = report.Findings.Should().ContainSingle().Subject;
        f.Kind.Should().Be(FindingKinds.DecimalError);
        f["programmed_mcg_per_day"].Should().Be(6600);
        f["target_mcg_per_day"].Should().Be(660);
        f["ratio"].Should().Be(10);
        report.Received.McgPerDay.Should().BeApproximately(6600, 0.001);
        report.Received.PercentOfPrescription.Should().Be(1000);
    }

    [Fact]
    public void ComparePrograms_ThousandfoldRate_IsAUnitErrorThePumpRefuses()
    {
        // 660 000 for 660 mcg/day (mg typed as mcg): ratio 1000; at 2000 mcg/mL that is 330 mL/day,
        // beyond 24, so the pump refuses it.
        var c = Concentration.FromMcgPerMl(2000);
        var actual = TherapyProgram.Continuous(ProgramRate.McgPerDay(660_000));
        var f = Grader.ComparePrograms(TherapyProgram.Continuous(ProgramRate.McgPerDay(660)), actual, c, 5,
            accepted: false, PumpProfile.SynchroMedII20).Should().ContainSingle().Subject;
        f.Kind.Should().Be(FindingKinds.UnitError);
        f["programmed_mcg_per_day"].Should().Be(660_000);
        f["ratio"].Should().Be(1000);
        f.Message.Should().Contain("the pump refuses it");
    }

    [Fact]
    public void Grade_PlantedThousandfoldRate_IsAUnitErrorAndThePreviousProgramKeepsRunning()
    {
        // 660 000 for 660 mcg/day: ratio 1000; at 2000 mcg/mL it needs 330 mL/day, beyond 24, so the pump
        // refuses it (program-rejected) and keeps the old 600 mcg/day: 600 / 660 = 90.9 % of the prescription.
        var report = Grade("dose-titration.yaml", Plant("dose-titration.yaml", "rate_mcg_per_day: 660 } }", "rate_mcg_per_day: 660000 } }"));
        var f = report.Findings.Should().ContainSingle().Subject;
        f.Kind.Should().Be(FindingKinds.UnitError);
        f["programmed_mcg_per_day"].Should().Be(660_000);
        f["target_mcg_per_day"].Should().Be(660);
        f["ratio"].Should().Be(1000);
        f.Message.Should().Contain("the pump refuses it");
        report.Received.McgPerDay.Should().BeApproximately(600, 0.001);
        report.Received.PercentOfPrescription.Should().Be(90.9);
    }

    [Theory]
    [InlineData(10, FindingKinds.DecimalError)]
    [InlineData(0.1, FindingKinds.DecimalError)]
    [InlineData(9.9, FindingKinds.DecimalError)]   // within 2 % of 10
    [InlineData(9.7, FindingKinds.DoseOffTarget)]  // 3 % off: not a slip of the decimal point
    [InlineData(1000, FindingKinds.UnitError)]
    [InlineData(0.001, FindingKinds.UnitError)]
    [InlineData(2, FindingKinds.DoseOffTarget)]
    public void Classify_Slips(double ratio, string kind) => Grader.Classify(ratio, FindingKinds.DoseOffTarget).Should().Be(kind);

    [Fact]
    public void Grade_PlantedWrongEnteredConcentration_IsWrongConcentration()
    {
        // 750 entered for 1000: the pump runs 450 / 750 = 0.6 mL/day, believes 450 mcg/day, and the
        // patient gets 0.6 × 1000 = 600 mcg/day. Ratio 0.75.
        var report = Grade("new-concentration-refill.yaml", Plant("new-concentration-refill.yaml",
            "concentration_mcg_per_ml: 1000, bridge_bolus", "concentration_mcg_per_ml: 1000, programmed_concentration_mcg_per_ml: 750, bridge_bolus"));
        var f = report.Findings.Should().ContainSingle().Subject;
        f.Kind.Should().Be(FindingKinds.WrongConcentration);
        f["entered_mcg_per_ml"].Should().Be(750);
        f["target_mcg_per_ml"].Should().Be(1000);
        f["ratio"].Should().Be(0.75);
        f["pump_ml_per_day"].Should().Be(0.6);
        f["believed_mcg_per_day"].Should().Be(450);
        f["patient_mcg_per_day"].Should().Be(600);
    }

    [Fact]
    public void Grade_PlantedMilligramConcentration_IsAUnitError()
    {
        // 1 entered for 1000 mcg/mL: 450 mcg/day needs 450 mL/day; the pump runs its 24 mL/day limit,
        // believes 24 × 1 = 24 mcg/day, the patient gets 24 × 1000 = 24 000. Ratio 0.001.
        var report = Grade("new-concentration-refill.yaml", Plant("new-concentration-refill.yaml",
            "concentration_mcg_per_ml: 1000, bridge_bolus", "concentration_mcg_per_ml: 1000, programmed_concentration_mcg_per_ml: 1, bridge_bolus"));
        var f = report.Findings.Should().ContainSingle().Subject;
        f.Kind.Should().Be(FindingKinds.UnitError);
        f["ratio"].Should().Be(0.001);
        f["pump_ml_per_day"].Should().Be(24);
        f["believed_mcg_per_day"].Should().Be(24);
        f["patient_mcg_per_day"].Should().Be(24_000);
    }

    [Fact]
    public void Grade_MissingBridge_GivesTheFlushAndWhatThePatientReceived()
    {
        // 450 mcg/day at 1000 mcg/mL = 0.45 mL/day: the 0.2 mL of 500 mcg/mL takes 0.2 / 0.45 = 0.4444 d
        // = 10.667 h at 0.45 × 500 = 225 mcg/day; missing 0.2 × (1000 − 500) = 100 mcg.
        // Window 10m to 3d = 2.993056 d: 450 × 2.993056 − 100 = 1246.875 mcg, 416.589 mcg/day, 92.6 %.
        var report = Grade("new-concentration-refill.yaml", File.ReadAllText(LessonFiles.Path("new-concentration-refill.mistake-missing-bridge.yaml")));
        var f = report.Findings.Should().ContainSingle().Subject;
        f.Kind.Should().Be(FindingKinds.MissingBridge);
        f["flush_hours"].Should().BeApproximately(10.666667, 1e-6);
        f["mcg_per_day_during_flush"].Should().Be(225);
        f["shortfall_mcg"].Should().Be(100);
        report.Received.DeliveredMcg.Should().BeApproximately(1246.875, 0.001);
        report.Received.McgPerDay.Should().BeApproximately(416.589, 0.001);
        report.Received.PercentOfPrescription.Should().Be(92.6);
    }

    [Fact]
    public void Grade_WrongProgrammedVolume_SaysWhenTheAlarmComes()
    {
        // 2 mL programmed, 20 held: the alarm (at 2 mL) comes (20 − 2) / 0.9 = 20 days early.
        var f = Grade("routine-refill.yaml", File.ReadAllText(LessonFiles.Path("routine-refill.mistake-wrong-volume.yaml")))
            .Findings.Should().ContainSingle().Subject;
        f.Kind.Should().Be(FindingKinds.WrongVolume);
        f["programmed_ml"].Should().Be(2);
        f["reservoir_ml"].Should().Be(20);
        f["alarm_error_days"].Should().BeApproximately(20, 1e-6);
    }

    [Fact]
    public void Grade_LoweredAlarm_GivesTheWarningDays()
    {
        // 0.5 mL at 0.9 mL/day = 0.556 days of warning; 2 mL = 2.222.
        var f = Grade("alarm-response.yaml", File.ReadAllText(LessonFiles.Path("alarm-response.mistake-alarm-setting.yaml")))
            .Findings.Single(x => x.Kind == FindingKinds.AlarmSetting);
        f["set_ml"].Should().Be(0.5);
        f["warning_days"].Should().BeApproximately(0.555556, 1e-6);
        f["target_warning_days"].Should().BeApproximately(2.222222, 1e-6);
    }

    [Fact]
    public void Grade_AlarmLoweredAtTheProgrammer_IsAnAlarmSettingWithTheWarningDays()
    {
        // The console's way: the refill is right, then an alarm_settings event sets 1 mL. At the target's
        // 450 mcg/day of 500 mcg/mL (0.9 mL/day): 1 / 0.9 = 1.111 days of warning; the target 2 mL, 2 / 0.9 = 2.222.
        var report = Grade("alarm-response.yaml", Plant("alarm-response.yaml", "  - { at: 10m, refill: { add_ml: 20 } }",
            "  - { at: 10m, refill: { add_ml: 20 } }\n  - { at: 11m, alarm_settings: { low_reservoir_alarm_ml: 1 } }"));
        var f = report.Findings.Should().ContainSingle().Subject;
        f.Kind.Should().Be(FindingKinds.AlarmSetting);
        f["set_ml"].Should().Be(1);
        f["target_ml"].Should().Be(2);
        f["warning_days"].Should().BeApproximately(1 / 0.9, 1e-6);
        f["target_warning_days"].Should().BeApproximately(2 / 0.9, 1e-6);
    }

    [Fact]
    public void Grade_AlarmSetBackToTheTarget_HasNoFinding()
    {
        // The last setting counts: lowered, then set back to 2 mL at the same visit.
        var report = Grade("alarm-response.yaml", Plant("alarm-response.yaml", "  - { at: 10m, refill: { add_ml: 20 } }",
            "  - { at: 10m, refill: { add_ml: 20 } }\n  - { at: 11m, alarm_settings: { low_reservoir_alarm_ml: 1 } }\n  - { at: 12m, alarm_settings: { low_reservoir_alarm_ml: 2 } }"));
        report.Findings.Should().BeEmpty();
    }

    [Fact]
    public void Grade_MissingPriming_GivesTheDelay()
    {
        // 0.14 mL of saline at 0.9 mL/day: 0.1556 d = 3.733 h.
        var f = Grade("priming-after-revision.yaml", File.ReadAllText(LessonFiles.Path("priming-after-revision.mistake-dose-off-target.yaml")))
            .Findings.Should().ContainSingle().Subject;
        f.Kind.Should().Be(FindingKinds.DoseOffTarget);
        f["delay_hours"].Should().BeApproximately(3.733333, 1e-6);
    }

    [Fact]
    public void Grade_PlantedTubingVolume0199For0140_IsAWrongVolumeWithTheOverdose()
    {
        // The 2017 correction: 0.199 mL entered for a 0.140 mL catheter. The priming bolus pushes
        // 0.199 − 0.140 = 0.059 mL of 500 mcg/mL past the tip at once: 29.5 mcg.
        var report = Grade("priming-after-revision.yaml", Plant("priming-after-revision.yaml",
            "catheter: { volume_ml: 0.14, contents: saline }", "catheter: { volume_ml: 0.14, contents: saline, programmed_volume_ml: 0.199 }"));
        var f = report.Findings.Should().ContainSingle().Subject;
        f.Kind.Should().Be(FindingKinds.WrongVolume);
        f["entered_ml"].Should().Be(0.199);
        f["catheter_ml"].Should().Be(0.14);
        f["difference_ml"].Should().Be(0.059);
        f["mcg"].Should().Be(29.5);
    }

    [Fact]
    public void Grade_UnneededPriming_GivesItsDose()
    {
        // A catheter full of 500 mcg/mL: 0.2 mL pushed at once = 100 mcg.
        var f = Grade("routine-refill.yaml", File.ReadAllText(LessonFiles.Path("routine-refill.mistake-unneeded-bolus.yaml")))
            .Findings.Should().ContainSingle().Subject;
        f.Kind.Should().Be(FindingKinds.UnneededBolus);
        f["dose_mcg"].Should().Be(100);
    }

    [Fact]
    public void Grade_SessionOfAnotherLesson_IsRefused()
    {
        var act = () => Grade("routine-refill.yaml", Answer("dose-titration.yaml"));
        act.Should().Throw<ScenarioException>().Which.Reason.Should().StartWith("not a session of lesson 'routine-refill'");
    }

    [Fact]
    public void Grade_SessionThatChangesTheWorld_IsRefused()
    {
        var act = () => Grade("routine-refill.yaml", Plant("routine-refill.yaml", "reservoir_ml: 3\n", "reservoir_ml: 4\n"));
        act.Should().Throw<ScenarioException>().Which.Reason.Should().Contain("reservoir_ml");
    }
}
