using PumpSim.Core.Programmer;
using PumpSim.Core.Therapy;
using PumpSim.Core.Units;

namespace PumpSim.Core.Tests.Programmer;

public class RefillCalculatorTests
{
    private static Concentration C(double mcgPerMl) => Concentration.FromMcgPerMl(mcgPerMl);

    private static PumpReading Reading(double estimateMl, double concentration = 500) => new(
        PumpProfile.SynchroMedII20, Volume.FromMl(estimateMl), C(concentration),
        TherapyProgram.Continuous(ProgramRate.McgPerDay(450)), Volume.FromMl(2), Volume.FromMl(2), Volume.FromMl(0.2));

    private static RefillEntry Entry(double withdrawn, double added, double entered) =>
        new(Volume.FromMl(withdrawn), Volume.FromMl(added), C(entered));

    [Fact]
    public void Calculate_RoutineRefill()
    {
        // Expected 4 mL, withdrawn 4.5: +0.5 mL, inside 2. 20 mL at 0.9 mL/day: 20 days to the alarm, 22.2 to empty.
        var v = RefillCalculator.Calculate(Reading(4), Entry(4.5, 20, 500));
        v.Discrepancy.Should().Be(Volume.FromMl(0.5));
        v.DiscrepancyOverLimit.Should().BeFalse();
        v.NewVolume.Should().Be(Volume.FromMl(20));
        v.Excess.Should().Be(Volume.Zero);
        v.Rate.Flow.Should().Be(FlowRate.FromMlPerDay(0.9));
        v.Forecast.DaysToLowReservoirAlarm.Should().BeApproximately(20, 1e-9);
        v.ConcentrationChanged.Should().BeFalse();
        v.Bridge.Should().BeNull();
    }

    [Fact]
    public void Calculate_NewConcentration_OffersTheBridge()
    {
        // 450 mcg/day at 1000 = 0.45 mL/day: (20 − 2) / 0.45 = 40 days to the alarm, 44.4 to empty.
        // Bridge: 450 / 500 = 0.9 mL/day, 0.2 mL in 0.2222 day = 19 200 s, 100 mcg.
        // Without it: 0.2 mL at 0.45 mL/day = 38 400 s at 0.45 × 500 = 225 mcg/day; 0.2 × (1000 − 500) = 100 mcg missing.
        var v = RefillCalculator.Calculate(Reading(3), Entry(3, 20, 1000));
        v.Rate.Flow.Should().Be(FlowRate.FromMlPerDay(0.45));
        v.Forecast.DaysToLowReservoirAlarm.Should().BeApproximately(40, 1e-9);
        v.Forecast.DaysToEmpty.Should().BeApproximately(44.4444444, 1e-6);
        v.ConcentrationChanged.Should().BeTrue();
        v.Bridge!.Rate.Should().Be(FlowRate.FromMlPerDay(0.9));
        v.Bridge.Duration.Should().Be(SimDuration.FromSeconds(19_200));
        v.Bridge.Dose.Mcg.Should().BeApproximately(100, 1e-9);
        v.WithoutBridge!.Duration.Should().Be(SimDuration.FromSeconds(38_400));
        v.WithoutBridge.DoseDuringFlush.Should().Be(DoseRate.FromMcgPerDay(225));
        v.WithoutBridge.Shortfall.Mcg.Should().BeApproximately(100, 1e-9);
    }

    [Fact]
    public void Calculate_DiscrepancyOverTheLimit()
    {
        // Expected 5 mL, withdrawn 2: −3 mL, beyond 2.
        var v = RefillCalculator.Calculate(Reading(5), Entry(2, 15, 500));
        v.Discrepancy.Should().Be(Volume.FromMl(-3));
        v.DiscrepancyOverLimit.Should().BeTrue();
        // 3 mL believed left + 15 = 18 mL.
        v.NewVolume.Should().Be(Volume.FromMl(18));
    }

    [Fact]
    public void Calculate_Overfill_IsHeldToTheCapacity()
    {
        // 6 − 1 = 5 mL left + 20 = 25 mL: 20 fit, 5 are refused.
        var v = RefillCalculator.Calculate(Reading(6), Entry(1, 20, 500));
        v.NewVolume.Should().Be(Volume.FromMl(20));
        v.Excess.Should().Be(Volume.FromMl(5));
    }
}
