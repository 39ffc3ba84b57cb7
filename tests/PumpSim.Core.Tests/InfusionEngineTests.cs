using PumpSim.Core.Engine;
using PumpSim.Core.Events;
using PumpSim.Core.Plant;
using PumpSim.Core.Therapy;
using PumpSim.Core.Units;
using static PumpSim.Core.Tests.Plans;

namespace PumpSim.Core.Tests;

public class InfusionEngineTests
{
    private static SimulationPlan DayNightFlex(string step) => new()
    {
        Start = Start,
        Duration = SimDuration.FromDays(3),
        Step = Parse(step),
        Concentration = Concentration.FromMcgPerMl(500),
        Reservoir = Volume.FromMl(20),
        Program = TherapyProgram.Flex(FlexRepeat.Daily,
        [
            new FlexStep(7 * 3600, ProgramRate.McgPerDay(300)),
            new FlexStep(22 * 3600, ProgramRate.McgPerDay(600)),
        ]),
        Probes = [Day(1), At("34h"), Day(2)],
    };

    [Theory]
    [InlineData("1s")]
    [InlineData("1m")]
    [InlineData("7m")]
    [InlineData("1h")]
    public void DayNightFlex_Delivers412_5McgADay_And212_5McgFromMidnightToTen(string step)
    {
        var r = Simulation.Run(DayNightFlex(step));
        var day = r.Snapshots[Day(2)].DeliveredCsfMcg - r.Snapshots[Day(1)].DeliveredCsfMcg;
        var morning = r.Snapshots[At("34h")].DeliveredCsfMcg - r.Snapshots[Day(1)].DeliveredCsfMcg;
        day.Should().BeApproximately(412.5, 1e-6);
        morning.Should().BeApproximately(212.5, 1e-6);
    }

    [Theory]
    [InlineData("1s")]
    [InlineData("1m")]
    [InlineData("7m")]
    [InlineData("1h")]
    public void ContinuousOneMlPerDay_ReachesTheTwoMlThreshold_AtExactlyDay18(string step)
    {
        var r = Simulation.Run(OneMlPerDay(21, step));
        Raised(r, "low-reservoir").Should().Be(Day(18));
        Raised(r, "empty-reservoir").Should().Be(Day(20));
    }

    [Fact]
    public void TotalsAndEventTimes_AreTheSameAtEveryStepSize()
    {
        SimulationPlan Plan(string step) => OneMlPerDay(12, step).WithActions(
            Act("2d", new CatheterFaultAction(CatheterFaultKind.Leak, 0.3)),
            Act("3d", new BolusAction(50, SimDuration.FromMinutes(37))),
            Act("4d", new CatheterFaultAction(CatheterFaultKind.Repair)),
            Act("5d", new RefillAction(Volume.FromMl(15), NewConcentration: Concentration.FromMcgPerMl(2000))),
            Act("6d", new ProgramAction(TherapyProgram.Continuous(ProgramRate.McgPerDay(700)))),
            Act("7d", new MriAction(SimDuration.FromMinutes(45), SimDuration.FromHours(3))),
            Act("8d", new CatheterFaultAction(CatheterFaultKind.Kink, 0.5)));
        var fine = Simulation.Run(Plan("1s"));
        foreach (var step in new[] { "1m", "7m", "1h" })
        {
            var coarse = Simulation.Run(Plan(step));
            coarse.Totals.Should().BeEquivalentTo(fine.Totals, o => o.Using<double>(c => c.Subject.Should().BeApproximately(c.Expectation, 1e-9)).WhenTypeIs<double>(), step);
            coarse.Events.Select(e => $"{e.At} {e.Type}").Should().Equal(fine.Events.Select(e => $"{e.At} {e.Type}"), step);
        }
    }

    [Fact]
    public void ConcentrationChange_DeliversTheOldDrugFirst()
    {
        // Catheter 0.2 mL of 500 mcg/mL; refill with 2000 mcg/mL at 1 mL/day flow kept (mL/day program).
        var plan = OneMlPerDay(3).WithActions(
            Act("1d", new RefillAction(Volume.FromMl(10), NewConcentration: Concentration.FromMcgPerMl(2000)))) with
        {
            Program = TherapyProgram.Continuous(ProgramRate.MlPerDay(1)),
            Probes = [Day(1), At("28h"), At("29h"), Day(2)],
        };
        var r = Simulation.Run(plan);
        double Between(SimInstant a, SimInstant b) => r.Snapshots[b].DeliveredCsfMcg - r.Snapshots[a].DeliveredCsfMcg;
        // The first 0.2 mL (4.8 h at 1 mL/day) after the refill is the old 500 mcg/mL drug.
        Between(Day(1), At("28h")).Should().BeApproximately(4.0 / 24 * 500, 1e-6);
        // 28 h → 29 h straddles the interface at 24 h + 4.8 h = 28.8 h:
        // 0.8 h of old drug (0.8/24 mL × 500) + 0.2 h of new (0.2/24 mL × 2000) = 16.667 + 16.667 = 33.333 mcg.
        Between(At("28h"), At("29h")).Should().BeApproximately(0.8 / 24 * 500 + 0.2 / 24 * 2000, 1e-6);
        // From 29 h to 48 h it is all new drug: 19 h at 1 mL/day = 19/24 mL × 2000 mcg/mL = 1583.333 mcg.
        Between(At("29h"), Day(2)).Should().BeApproximately(19.0 / 24 * 2000, 1e-6);
        // The whole day: 0.2 mL old + 0.8 mL new = 100 + 1600 = 1700 mcg (the three parts above sum to it).
        Between(Day(1), Day(2)).Should().BeApproximately(0.2 * 500 + 0.8 * 2000, 1e-6);
    }

    [Fact]
    public void SalineFilledCatheter_DeliversNothingUntilPrimed()
    {
        var plan = OneMlPerDay(2) with
        {
            CatheterContents = CatheterContents.Saline,
            Probes = [At("4h"), At("6h"), Day(1)],
        };
        var unprimed = Simulation.Run(plan);
        unprimed.Snapshots[At("4h")].DeliveredCsfMcg.Should().Be(0, "0.2 mL of saline takes 4.8 h to clear at 1 mL/day");
        unprimed.Snapshots[At("6h")].DeliveredCsfMcg.Should().BeGreaterThan(0);

        var primed = Simulation.Run(plan.WithActions(Act("0s", new PrimingBolusAction())) with { Probes = [At("1h")] });
        primed.Snapshots[At("1h")].DeliveredCsfMcg.Should().BeGreaterThan(0, "the priming bolus pushes drug to the tip in minutes");
        primed.Events.OfType<BolusStarted>().Should().Contain(e => e.Kind == "priming");
    }

    [Fact]
    public void Conservation_HoldsAfterEveryStep_WithEveryCatheterFault()
    {
        var plan = OneMlPerDay(16, "7m").WithActions(
            Act("1d", new CatheterFaultAction(CatheterFaultKind.Kink, 0.7)),
            Act("2d", new CatheterFaultAction(CatheterFaultKind.Occlusion)),
            Act("3d", new CatheterFaultAction(CatheterFaultKind.Leak)),
            Act("4d", new CatheterFaultAction(CatheterFaultKind.Tear)),
            Act("5d", new CatheterFaultAction(CatheterFaultKind.Disconnect)),
            Act("6d", new CatheterFaultAction(CatheterFaultKind.Migration)),
            Act("7d", new CatheterFaultAction(CatheterFaultKind.Repair)),
            Act("8d", new RefillAction(Volume.FromMl(12), Withdraw: Volume.FromMl(3), NewConcentration: Concentration.FromMcgPerMl(1234.567))),
            Act("9d", new CatheterFaultAction(CatheterFaultKind.Revision, NewVolume: Volume.FromMl(0.33))),
            Act("9d", new PrimingBolusAction()),
            Act("10d", new RefillAction(Volume.FromMl(5), Into: RefillTarget.Pocket)),
            Act("11d", new CatheterFaultAction(CatheterFaultKind.None)),
            Act("12d", new ReplacePumpAction()),
            Act("13d", new AccuracyAction(14.5)));
        using var sim = new Simulation(plan);
        var checks = 0;
        for (var t = plan.Start; t < plan.End; t += plan.Step)
        {
            sim.AdvanceTo(t + plan.Step);
            var imbalance = sim.ConservationImbalance;
            imbalance.Volume.Picolitres.Should().Be(0, $"volume at {sim.Now}");
            imbalance.Mass.Attograms.Should().Be(0, $"mass at {sim.Now}");
            checks++;
        }
        checks.Should().BeGreaterThan(3000);
        sim.DeliveredToCsf.Mcg.Should().BeGreaterThan(0);
    }

    [Fact]
    public void TwoRunsOfOneScenario_GiveIdenticalEventsAndTelemetry()
    {
        var plan = OneMlPerDay(21).WithActions(Act("3d", new MotorStallAction(SimDuration.FromMinutes(20), Every: SimDuration.FromHours(6), Count: 3)));
        var a = Simulation.Run(plan);
        var b = Simulation.Run(plan);
        b.Events.Select(e => e.ToString()).Should().Equal(a.Events.Select(e => e.ToString()));
        b.Telemetry.Should().Equal(a.Telemetry, (x, y) => x.ToString() == y.ToString());
    }

    [Fact]
    public void PumpedVolume_CountsOnlyWhatTheMotorDrew_NotAPocketFill()
    {
        var plan = OneMlPerDay(4).WithActions(Act("2d", new RefillAction(Volume.FromMl(15), Into: RefillTarget.Pocket)));
        var r = Simulation.Run(plan);
        r.Totals.PumpedMl.Should().BeApproximately(4, 1e-9);
        r.Totals.PocketMcg.Should().BeApproximately(15 * 500, 1e-6);
    }

    private static SimInstant? Raised(SimulationResult r, string alarm) =>
        r.Events.OfType<AlarmRaised>().FirstOrDefault(e => e.Alarm == alarm)?.At;
}
