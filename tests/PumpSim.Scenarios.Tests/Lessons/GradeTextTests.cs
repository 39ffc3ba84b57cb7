using PumpSim.Core.Units;
using PumpSim.Scenarios.Lessons;

namespace PumpSim.Scenarios.Tests.Lessons;

/// <summary>The grade's words, shared by `pumpsim grade` and the web console's end of a lesson.</summary>
public class GradeTextTests
{
    private static readonly SimInstant Start = SimInstant.FromUnixSeconds(1_767_225_600); // 2026-01-01T00:00:00Z

    private static GradeReport Report(params Finding[] findings) =>
        new("dose-titration", findings, new Received(Start + SimDuration.FromSeconds(600), Start + SimDuration.FromSeconds(3 * 86_400), 1800, 600.5, 500, 120.1));

    [Fact]
    public void Lines_OfAPass_AreTheHeadlineAndTheIllustrativeDose()
    {
        GradeText.Lines(Report(), Start).Should().Equal(
            "lesson dose-titration: target met, no findings",
            // 600 s is 0.00694 day, shown to three decimals.
            "The patient would have received 600.5 mcg/day from day 0.007 to day 3, 120.1 % of the prescribed 500 mcg/day (illustrative simulation, not a clinical figure).");
    }

    [Fact]
    public void Lines_GiveOneIndentedLinePerFinding_WithItsKind()
    {
        var lines = GradeText.Lines(Report(
            new Finding(FindingKinds.DecimalError, "the rate is 5000 mcg/day; the target is 500 mcg/day (10×)", []),
            new Finding(FindingKinds.AlarmSetting, "the low-reservoir alarm is set to 0.5 mL", [])), Start);
        lines.Should().HaveCount(4);
        lines[3].Should().StartWith("The patient would have received 600.5 mcg/day");
        lines[0].Should().Be("lesson dose-titration: 2 findings");
        lines[1].Should().Be("  decimal-error: the rate is 5000 mcg/day; the target is 500 mcg/day (10×)");
        lines[2].Should().Be("  alarm-setting: the low-reservoir alarm is set to 0.5 mL");
        GradeText.Lines(Report(new Finding(FindingKinds.WrongVolume, "x", [])), Start)[0].Should().Be("lesson dose-titration: 1 finding");
    }
}
