using PumpSim.Core.Programmer;
using PumpSim.Core.Therapy;
using PumpSim.Core.Units;

namespace PumpSim.Core.Tests.Programmer;

public class RateCalculatorTests
{
    private static readonly PumpProfile Pump = PumpProfile.SynchroMedII20;
    private static Concentration C(double mcgPerMl) => Concentration.FromMcgPerMl(mcgPerMl);

    [Fact]
    public void Of_McgPerDay_ShowsTheFlowAtTheEnteredConcentration()
    {
        // 450 mcg/day ÷ 500 mcg/mL = 0.9 mL/day, inside 0.048–24.
        var v = RateCalculator.Of(ProgramRate.McgPerDay(450), C(500), Pump);
        v.Flow.Should().Be(FlowRate.FromMlPerDay(0.9));
        v.Dose.Should().Be(DoseRate.FromMcgPerDay(450));
        v.InRange.Should().BeTrue();
    }

    [Fact]
    public void Of_MlPerDay_ShowsTheDose()
    {
        // 0.45 mL/day × 1000 mcg/mL = 450 mcg/day.
        RateCalculator.Of(ProgramRate.MlPerDay(0.45), C(1000), Pump).Dose.Should().Be(DoseRate.FromMcgPerDay(450));
    }

    [Theory]
    [InlineData(30_000, 1000, false)] // 30 mL/day > 24
    [InlineData(24_000, 1000, true)]  // 24 mL/day, the limit itself
    [InlineData(20, 500, false)]      // 0.04 mL/day < 0.048
    [InlineData(24, 500, true)]       // 0.048 mL/day, the lower limit
    public void Of_FlowRange_IsThePumpModels(double mcgPerDay, double concentration, bool inRange) =>
        RateCalculator.Of(ProgramRate.McgPerDay(mcgPerDay), C(concentration), Pump).InRange.Should().Be(inRange);

    [Fact]
    public void Mean_DayNightFlex_IsTimeWeighted()
    {
        // 07:00–22:00 (15 h) at 300 mcg/day = 0.6 mL/day; 22:00–07:00 (9 h) at 600 = 1.2 mL/day.
        // Mean flow (15 × 0.6 + 9 × 1.2) / 24 = 19.8 / 24 = 0.825 mL/day = 412.5 mcg/day at 500.
        var flex = TherapyProgram.Flex(FlexRepeat.Daily,
            [new FlexStep(7 * 3600, ProgramRate.McgPerDay(300)), new FlexStep(22 * 3600, ProgramRate.McgPerDay(600))]);
        var mean = RateCalculator.Mean(flex, C(500), Pump);
        mean.Flow.Should().Be(FlowRate.FromMlPerDay(0.825));
        mean.Dose.Should().Be(DoseRate.FromMcgPerDay(412.5));
        mean.InRange.Should().BeTrue();
    }

    [Fact]
    public void Mean_FlexWithOneStepOutOfRange_IsNotInRange()
    {
        // The night step, 30 000 mcg/day at 500 = 60 mL/day, is refused even if the mean were not.
        var flex = TherapyProgram.Flex(FlexRepeat.Daily,
            [new FlexStep(0, ProgramRate.McgPerDay(30)), new FlexStep(23 * 3600, ProgramRate.McgPerDay(30_000))]);
        RateCalculator.Mean(flex, C(500), Pump).InRange.Should().BeFalse();
    }

    [Fact]
    public void Mean_MinimumRateAndStopped()
    {
        // The minimum rate is 0.006 mL/day: 3 mcg/day at 500.
        RateCalculator.Mean(TherapyProgram.MinimumRate(), C(500), Pump).Dose.Should().Be(DoseRate.FromMcgPerDay(3));
        RateCalculator.Mean(TherapyProgram.Stopped(), C(500), Pump).Flow.Should().Be(FlowRate.Zero);
    }
}
