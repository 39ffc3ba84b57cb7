using PumpSim.Core.Programmer;
using PumpSim.Core.Therapy;
using PumpSim.Core.Units;

namespace PumpSim.Core.Tests.Programmer;

public class BolusCalculatorTests
{
    private static readonly PumpProfile Pump = PumpProfile.SynchroMedII20;
    private static Concentration C(double mcgPerMl) => Concentration.FromMcgPerMl(mcgPerMl);

    [Theory]
    // volume / 24 mL/day × 86 400 s, rounded up; drug = volume × 500 mcg/mL.
    [InlineData(0.2, 720, 100)]     // 0.2 / 24 × 86400 = 720 s
    [InlineData(0.140, 504, 70)]    // the corrected SynchroMed II tubing volume
    [InlineData(0.199, 717, 99.5)]  // the old one: 716.4 s → 717; 29.5 mcg more drug than 0.140
    public void Priming_PushesTheEnteredVolumeAtTheMaximumFlow(double ml, long seconds, double mcg)
    {
        var b = BolusCalculator.Priming(Volume.FromMl(ml), C(500), Pump);
        b.Rate.Should().Be(FlowRate.FromMlPerDay(24));
        b.Duration.Should().Be(SimDuration.FromSeconds(seconds));
        b.Dose.Mcg.Should().BeApproximately(mcg, 1e-9);
    }

    [Fact]
    public void Bridge_RunsTheOldDrugAtTheOldConcentrationsRate()
    {
        // 500 mcg/day at the old 500 mcg/mL = 1 mL/day; 0.2 mL takes 0.2 day = 17 280 s and carries 100 mcg
        // (scenarios/dosing/bridge-bolus.yaml: the bolus ends at 10d4h48m).
        var b = BolusCalculator.Bridge(Volume.FromMl(0.2), DoseRate.FromMcgPerDay(500), C(500))!;
        b.Rate.Should().Be(FlowRate.FromMlPerDay(1));
        b.Duration.Should().Be(SimDuration.FromSeconds(17_280));
        b.Dose.Mcg.Should().BeApproximately(100, 1e-9);
    }

    [Fact]
    public void Bridge_NothingLeftOrNoDose_IsNone()
    {
        BolusCalculator.Bridge(Volume.Zero, DoseRate.FromMcgPerDay(500), C(500)).Should().BeNull();
        BolusCalculator.Bridge(Volume.FromMl(0.2), DoseRate.Zero, C(500)).Should().BeNull();
    }

    [Fact]
    public void WithoutBridge_TheOldDrugComesOutAtTheNewFlow()
    {
        // New flow 500 / 2000 = 0.25 mL/day: 0.2 mL takes 0.8 day = 69 120 s, at 0.25 × 500 = 125 mcg/day.
        // Missing: 0.2 × 2000 − 0.2 × 500 = 300 mcg.
        var f = BolusCalculator.WithoutBridge(Volume.FromMl(0.2), DoseRate.FromMcgPerDay(500), C(500), C(2000));
        f.Duration.Should().Be(SimDuration.FromSeconds(69_120));
        f.DoseDuringFlush.Should().Be(DoseRate.FromMcgPerDay(125));
        f.Shortfall.Mcg.Should().BeApproximately(300, 1e-9);
    }

    [Fact]
    public void Single_VolumeRateAndCap()
    {
        // 50 mcg at 500 mcg/mL = 0.1 mL over 1 h = 2.4 mL/day; with 0.9 basal, 3.3 < 24: not capped.
        var b = BolusCalculator.Single(50, SimDuration.FromHours(1), C(500), FlowRate.FromMlPerDay(0.9), Pump);
        b.Volume.Should().Be(Volume.FromMl(0.1));
        b.Rate.Should().Be(FlowRate.FromMlPerDay(2.4));
        b.Capped.Should().BeFalse();
        // 5000 mcg = 10 mL over 1 h = 240 mL/day: capped.
        BolusCalculator.Single(5000, SimDuration.FromHours(1), C(500), FlowRate.FromMlPerDay(0.9), Pump).Capped.Should().BeTrue();
    }

    [Fact]
    public void Ptm_OneBolusAndTheDailyMaximum()
    {
        // 20 mcg at 500 mcg/mL = 0.04 mL; 4 a day = 80 mcg a day at most.
        var (one, max) = BolusCalculator.Ptm(PtmSettings.Create(20, SimDuration.FromMinutes(10), SimDuration.FromHours(3), 4),
            C(500), FlowRate.FromMlPerDay(0.9), Pump);
        one.Volume.Should().Be(Volume.FromMl(0.04));
        max.Mcg.Should().BeApproximately(80, 1e-9);
    }
}
