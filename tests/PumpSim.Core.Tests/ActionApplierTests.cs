using PumpSim.Core.Engine;
using PumpSim.Core.Events;
using PumpSim.Core.Plant;
using PumpSim.Core.Therapy;
using PumpSim.Core.Units;
using static PumpSim.Core.Tests.Plans;

namespace PumpSim.Core.Tests;

/// <summary>Each scenario action goes to the world it touches and says so with its event (PUMP.md §3–§6),
/// on the 20-mL pump at 500 mcg/mL and 1 mL/day of <see cref="Plans.OneMlPerDay"/>.</summary>
public class ActionApplierTests
{
    private static T One<T>(SimulationResult r) where T : PumpEvent => r.Events.OfType<T>().Should().ContainSingle().Subject;

    [Fact]
    public void EachAction_EmitsItsEvent_AtItsInstant()
    {
        var r = Simulation.Run(OneMlPerDay(1).WithActions(
            Act("1h", new NarrationAction("hello")),
            Act("2h", new BolusAction(50, SimDuration.FromHours(1))),
            Act("3h", new CatheterFaultAction(CatheterFaultKind.Leak, 0.25)),
            Act("4h", new DiathermyAction(MotorDamage: false)),
            Act("5h", new PumpFlipAction()),
            Act("6h", new PumpFlipAction(Corrected: true)),
            Act("7h", new MriAction(SimDuration.FromMinutes(30), SimDuration.Zero)),
            Act("8h", new AccuracyAction(10))));
        One<Narration>(r).Should().Be(new Narration("hello") { At = At("1h"), Sequence = One<Narration>(r).Sequence });
        One<BolusStarted>(r).Should().Match<BolusStarted>(e => e.At == At("2h") && e.Kind == "single" && e.DoseMcg == 50);
        One<CatheterFault>(r).Should().Match<CatheterFault>(e => e.At == At("3h") && e.Fault == CatheterFaultKind.Leak && e.Fraction == 0.25 && e.Catheter == "leak");
        One<Diathermy>(r).Should().Match<Diathermy>(e => e.At == At("4h") && !e.MotorDamage);
        r.Events.OfType<PumpFlip>().Select(e => (e.At, e.Flipped)).Should().Equal((At("5h"), true), (At("6h"), false));
        One<MriStarted>(r).Should().Match<MriStarted>(e => e.At == At("7h") && e.Duration == SimDuration.FromMinutes(30) && !e.AlarmSounding);
        One<MriEnded>(r).At.Should().Be(At("7h30m"));
        One<AccuracyChanged>(r).Should().Match<AccuracyChanged>(e => e.At == At("8h") && e.AccuracyPct == 10);
    }

    [Fact]
    public void AnAccuracyChange_ChangesTheTrueFlowFromThen()
    {
        // 1 mL/day nominal: 1 mL on day 1, then +10 %: 1.1 mL on day 2, 2.1 mL in all.
        var r = Simulation.Run(OneMlPerDay(2).WithActions(Act("1d", new AccuracyAction(10))));
        r.Totals.PumpedMl.Should().BeApproximately(2.1, 1e-9);
    }

    [Fact]
    public void APtmRequest_GoesToTheFirmware()
    {
        var plan = OneMlPerDay(1) with { Ptm = PtmSettings.Create(25, SimDuration.FromMinutes(10), SimDuration.FromHours(3), 4) };
        var r = Simulation.Run(plan.WithActions(Act("2h", new PtmRequestAction())));
        One<PtmRequestAccepted>(r).Should().Match<PtmRequestAccepted>(e => e.At == At("2h") && e.DoseMcg == 25);
    }

    [Fact]
    public void ARefill_InterrogatesFirst_ThenReportsTheDiscrepancy()
    {
        // +50 % accuracy: in 5 days the pump truly draws 7.5 mL while the firmware counts 5, so 12.5 mL
        // is withdrawn against an expected 15: 2.5 mL off, more than the 2-mL limit.
        var r = Simulation.Run((OneMlPerDay(6) with { AccuracyPct = 50 }).WithActions(Act("5d", new RefillAction(Volume.FromMl(20)))));
        var atRefill = r.Events.Where(e => e.At == Day(5)).Select(e => e.Type).ToArray();
        atRefill[0].Should().Be(EventTypes.Interrogation);
        atRefill.Should().Contain([EventTypes.RefillDiscrepancy, EventTypes.Refill]);
        One<RefillDiscrepancy>(r).Should().Be(new RefillDiscrepancy(12.5, 15, -2.5, 2) { At = Day(5), Sequence = One<RefillDiscrepancy>(r).Sequence });
    }

    [Fact]
    public void ARefill_RefusesOnlyWhatDoesNotFit()
    {
        // After 5 days 15 mL are left; withdrawing 1 mL leaves 14, so 6 mL fit in the 20-mL reservoir.
        var over = Simulation.Run(OneMlPerDay(6).WithActions(Act("5d", new RefillAction(Volume.FromMl(10), Withdraw: Volume.FromMl(1)))));
        One<RefillOverfillRefused>(over).Should().Match<RefillOverfillRefused>(e => e.RequestedMl == 10 && e.AcceptedMl == 6 && e.RefusedMl == 4);
        One<Refill>(over).AddedMl.Should().Be(6);
        // Exactly the free space: nothing refused.
        var exact = Simulation.Run(OneMlPerDay(6).WithActions(Act("5d", new RefillAction(Volume.FromMl(6), Withdraw: Volume.FromMl(1)))));
        exact.Events.OfType<RefillOverfillRefused>().Should().BeEmpty();
        One<Refill>(exact).ReservoirTrueMl.Should().Be(20);
    }

    [Fact]
    public void AFlippedPump_RefusesTheRefill_AndSaysWhy()
    {
        var r = Simulation.Run(OneMlPerDay(3).WithActions(Act("1d", new PumpFlipAction()), Act("2d", new RefillAction(Volume.FromMl(5)))));
        One<RefillRefused>(r).Should().Match<RefillRefused>(e =>
            e.Reason == "the pump is flipped: the refill port faces inward and the needle cannot reach it" && e.RequestedMl == 5 && e.ReservoirTrueMl == 18);
        r.Events.OfType<Refill>().Should().BeEmpty();
    }

    [Fact]
    public void APocketFill_ProgramsTheVolumeTheClinicianEnters()
    {
        // 18 mL into the pocket; the clinician programs 12 mL (not the 18 added): the estimate is 12.
        var r = Simulation.Run(OneMlPerDay(3).WithActions(Act("1d", new RefillAction(Volume.FromMl(18), ProgramVolume: Volume.FromMl(12), Into: RefillTarget.Pocket))));
        One<PocketFill>(r).Should().Match<PocketFill>(e => e.InjectedMl == 18 && e.InjectedMcg == 9000 && e.ProgrammedMl == 12 && e.ReservoirTrueMl == 19);
    }

    [Theory]
    [InlineData(10.0, 9.0)]   // a new pump filled with 10 mL: 9 mL a day later, true and estimated
    [InlineData(null, 19.0)]  // no volume given: the plan's 20 mL
    public void AReplacedPump_StartsFullOfWhatWasGiven_AndTheFirmwareKnows(double? fillMl, double dayLaterMl)
    {
        var action = new ReplacePumpAction(fillMl is { } ml ? Volume.FromMl(ml) : null);
        var r = Simulation.Run(OneMlPerDay(3).WithActions(Act("2d", action)) with { Probes = [Day(3)] });
        var s = r.Snapshots[Day(3)].Telemetry;
        (s.ReservoirTrueMl, s.ReservoirEstimatedMl).Should().Be((dayLaterMl, dayLaterMl));
    }

    private sealed record UnknownAction : ScenarioAction;

    [Fact]
    public void AnActionWithNoHandler_IsNamedInTheError()
    {
        FluentActions.Invoking(() => Simulation.Run(OneMlPerDay(1).WithActions(Act("1h", new UnknownAction()))))
            .Should().Throw<NotSupportedException>().WithMessage("no handler for UnknownAction");
    }
}
