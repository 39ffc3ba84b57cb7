using PumpSim.Core.Engine;
using PumpSim.Core.Events;
using PumpSim.Core.Patient;
using PumpSim.Core.Therapy;
using PumpSim.Core.Units;
using static PumpSim.Core.Tests.Plans;

namespace PumpSim.Core.Tests;

/// <summary>Issue 10: each wrong dose found by hand-computed scenarios, with the arithmetic.
/// Plan: 500 mcg/day at 500 mcg/mL (1 mL/day), a 0.2-mL catheter full of drug.</summary>
public class DoseFidelityTests
{
    private static readonly Concentration Strong = Concentration.FromMcgPerMl(2000);

    /// <summary>A dose program (mcg/day), so a concentration change changes the flow, not the dose.</summary>
    private static SimulationPlan McgPlan(double days, string step = "1m") =>
        OneMlPerDay(days, step) with { Program = TherapyProgram.Continuous(ProgramRate.McgPerDay(500)) };

    private static SimulationPlan FiveHundred(double days, params TimedAction[] actions) =>
        McgPlan(days).WithActions(actions) with { Probes = ProbesEveryHour(days) };

    private static SimInstant[] ProbesEveryHour(double days) =>
        Enumerable.Range(0, (int)(days * 24) + 1).Select(h => Start + SimDuration.FromHours(h)).ToArray();

    private static double Delivered(SimulationResult r, SimInstant from, SimInstant to) =>
        Snap(r, to) - Snap(r, from);

    private static double Snap(SimulationResult r, SimInstant at) =>
        r.Snapshots.TryGetValue(at, out var s) ? s.DeliveredCsfMcg : throw new InvalidOperationException($"no probe at {at}");

    private static IEnumerable<T> Of<T>(SimulationResult r) where T : PumpEvent => r.Events.OfType<T>();

    [Fact]
    public void BridgeBolus_AfterTheCatheterHasFlushed_IsRefusedAndDeliversNoExtraDrug()
    {
        // Refill to 2000 mcg/mL at day 1: 500 mcg/day is now 0.25 mL/day, so the 0.2 mL of old drug
        // is out after 0.2/0.25 = 0.8 d. A bridge asked for at day 3 has nothing left to bridge.
        // Day 3→4 then delivers the program: 0.25 mL/day × 2000 mcg/mL = 500 mcg (not 400 extra).
        var r = Simulation.Run(FiveHundred(4,
            Act("1d", new RefillAction(Volume.FromMl(19), NewConcentration: Strong)),
            Act("3d", new BridgeBolusAction())));
        Of<BolusStarted>(r).Should().BeEmpty();
        var denied = Of<BolusDenied>(r).Should().ContainSingle().Subject;
        denied.At.Should().Be(Day(3));
        denied.Reason.Should().StartWith("nothing to bridge");
        Delivered(r, Day(3), Day(4)).Should().BeApproximately(500, 1e-6);
    }

    [Fact]
    public void BridgeBolus_ThreeHoursAfterTheChange_PushesOnlyTheOldDrugLeft()
    {
        // In the 3 h after the change the firmware pumped 0.25 mL/day × 3/24 d = 0.03125 mL, so
        // 0.2 − 0.03125 = 0.16875 mL of 500 mcg/mL is left: 84.375 mcg, run at 500/500 = 1 mL/day
        // for 0.16875 d = 4.05 h = 4 h 3 min. Then the new drug reaches the tip at 500 mcg/day.
        var r = Simulation.Run(FiveHundred(3,
            Act("1d", new RefillAction(Volume.FromMl(19), NewConcentration: Strong)),
            Act("1d3h", new BridgeBolusAction())) with
        { Probes = [At("1d3h"), At("1d7h3m"), At("2d7h3m")] });
        var started = Of<BolusStarted>(r).Should().ContainSingle().Subject;
        started.At.Should().Be(At("1d3h"));
        started.VolumeMl.Should().BeApproximately(0.16875, 1e-9);
        started.DoseMcg.Should().BeApproximately(84.375, 1e-9);
        Of<BolusFinished>(r).Should().ContainSingle().Which.At.Should().Be(At("1d7h3m"));
        Delivered(r, At("1d3h"), At("1d7h3m")).Should().BeApproximately(84.375, 1e-6);
        Delivered(r, At("1d7h3m"), At("2d7h3m")).Should().BeApproximately(500, 1e-6);
    }

    [Fact]
    public void BridgeBolus_IsPricedAtTheOldConcentration_InThePrescription()
    {
        // A perfect bridge at a refill keeps 500 mcg/day throughout: three days prescribe
        // 3 × 500 = 1500 mcg (not 1800, which prices the 0.2-mL bridge at 2000 mcg/mL), and the
        // prescription during the bridge (day 1 to 1d4h48m) is 500 mcg/day, not 2000.
        var r = Simulation.Run(McgPlan(3).WithActions(
            Act("1d", new RefillAction(Volume.FromMl(19), NewConcentration: Strong, BridgeBolus: true))) with
        { Sample = SimDuration.FromHours(1) });
        r.Totals.ProgrammedMcg.Should().BeApproximately(1500, 1e-6);
        r.Totals.DeliveredCsfMcg.Should().BeApproximately(1500, 1e-6);
        r.Telemetry.Where(s => s.At >= Day(1) && s.At < At("1d4h48m")).Should().NotBeEmpty()
            .And.OnlyContain(s => Math.Abs(s.ProgrammedMcgPerDay - 500) < 1e-9);
    }

    [Fact]
    public void Dilution_OutOfTheFlowRange_IsRejectedWithTheNumbers_AndTheLogSaysWhatThePumpRuns()
    {
        // 1250 mcg/day at 500 mcg/mL is 2.5 mL/day. Diluted to 50 mcg/mL it needs 25 mL/day, above
        // the 24-mL/day maximum: rejected; the pump runs 24 mL/day = 24 × 50 = 1200 mcg/day.
        var plan = new SimulationPlan
        {
            Start = Start,
            Duration = SimDuration.FromDays(2),
            Profile = PumpProfile.SynchroMedII40,
            Reservoir = Volume.FromMl(40),
            Program = TherapyProgram.Continuous(ProgramRate.McgPerDay(1250)),
        }.WithActions(Act("1d", new RefillAction(Volume.FromMl(40), NewConcentration: Concentration.FromMcgPerMl(50))));
        var r = Simulation.Run(plan);
        var rejected = Of<ProgramRejected>(r).Should().ContainSingle().Subject;
        rejected.At.Should().Be(Day(1));
        rejected.RunsMlPerDay.Should().Be(24);
        rejected.RunsMcgPerDay.Should().Be(1200);
        rejected.Reason.Should().Contain("25 mL/day");
        var changed = Of<ProgramChanged>(r).Should().ContainSingle().Subject;
        changed.OldMcgPerDay.Should().Be(1250);
        changed.NewMcgPerDay.Should().Be(1200);
        // The prescription stays the clinician's 1250 mcg/day; the pump runs 24 mL/day.
        var after = r.Telemetry.First(s => s.At > Day(1));
        after.PumpedMlPerDay.Should().BeApproximately(24, 1e-9);
        after.ProgrammedMcgPerDay.Should().BeApproximately(1250, 1e-9);
    }

    [Fact]
    public void CappedBolus_KeepsItsDose_AndSaysWhenItReallyEnded()
    {
        // 2000 mcg over 1 h at 500 mcg/mL is 4 mL, i.e. 96 mL/day. With the 1-mL/day basal the
        // bolus gets 24 − 1 = 23 mL/day, so 4 mL takes 4/23 d = 15 026.09 s → ends at 15 027 s
        // (4 h 10 min 27 s). Delivered meanwhile: the 2000-mcg bolus plus the basal
        // 500 × 15 027/86 400 = 86.962 mcg, within one second of capped flow (0.133 mcg).
        var end = At("1d4h10m27s");
        var r = Simulation.Run(OneMlPerDay(2).WithActions(Act("1d", new BolusAction(2000, SimDuration.FromHours(1))))
            with
        { Probes = [Day(1), end] });
        var finished = Of<BolusFinished>(r).Should().ContainSingle().Subject;
        finished.At.Should().Be(end);
        finished.Capped.Should().BeTrue();
        finished.Duration.ToString().Should().Be("4h10m27s");
        Delivered(r, Day(1), end).Should().BeApproximately(2000 + 500 * 15_027 / 86_400.0, 0.14);
    }

    [Theory]
    [InlineData("5m")]
    [InlineData("7m")]
    [InlineData("1h")]
    public void Patient_AfterAConcentrationChange_IsTheSameAtEveryStep(string step)
    {
        // The new drug reaches the tip 0.2/0.25 d = 19 h 12 min after the refill, in the middle of
        // a step at 7 min and 1 h: the patient's input changes there and must be split there.
        SimulationPlan Plan(string s) => McgPlan(4, s).WithActions(
            Act("1d", new RefillAction(Volume.FromMl(19), NewConcentration: Strong)),
            Act("2d5h", new ProgramAction(TherapyProgram.Continuous(ProgramRate.McgPerDay(2000))))) with
        {
            Patient = new PatientParameters { MaintenanceMcgPerDay = 500 },
        };
        var reference = Simulation.Run(Plan("1s"));
        var other = Simulation.Run(Plan(step));
        other.Telemetry.Should().Equal(reference.Telemetry, (a, b) =>
            a.PatientEffectPct == b.PatientEffectPct && a.PatientSpasticity == b.PatientSpasticity && a.At == b.At);
        other.Events.Select(e => e.ToString()).Should().Equal(reference.Events.Select(e => e.ToString()));
        reference.Events.OfType<PatientFlagRaised>().Should().Contain(e => e.Flag == "overdose-risk");
    }

    [Fact]
    public void Patient_WhenTheClockStopsBetweenBreakpoints_IsTheSameAsARunInOneGo()
    {
        // `play` and `serve` stop the clock wherever the display wants (here every 7 min 13 s); the
        // patient must still see the spans a `run` sees, or a saved live session would not replay
        // byte for byte. A pocket fill makes the effect curve (and any split) visible.
        var plan = McgPlan(3).WithActions(
            Act("1d", new RefillAction(Volume.FromMl(15), Into: RefillTarget.Pocket, NewConcentration: Strong))) with
        {
            Patient = new PatientParameters { MaintenanceMcgPerDay = 500 },
        };
        var whole = Simulation.Run(plan);
        using var sim = new Simulation(plan);
        for (var t = plan.Start; t < plan.End; t += SimDuration.FromSeconds(433)) sim.AdvanceTo(t);
        var walked = sim.Run();
        walked.Telemetry.Should().Equal(whole.Telemetry, (a, b) => a.PatientEffectPct == b.PatientEffectPct && a.At == b.At);
        walked.Events.Select(e => e.ToString()).Should().Equal(whole.Events.Select(e => e.ToString()));
        whole.Telemetry.Max(s => s.PatientEffectPct!.Value).Should().BeGreaterThan(200, "40 000 mcg in the pocket is an overdose");
    }

    [Fact]
    public void FlexProgramPatient_StartsAtThePeriodicSteadyState()
    {
        // Day/night flex: 300 mcg/day 07–22, 600 mcg/day 22–07, a mean of (15·300 + 9·600)/24 =
        // 412.5 mcg/day, the patient's maintenance. Starting at 00:00 inside the 600 step, the
        // patient has lived on the whole cycle: the effect at the start is the effect one period
        // later (periodic), and lies between 300/412.5 = 73 % and 600/412.5 = 145 %.
        var plan = new SimulationPlan
        {
            Start = Start,
            Duration = SimDuration.FromDays(2),
            Sample = SimDuration.FromHours(1),
            Program = TherapyProgram.Flex(FlexRepeat.Daily,
                [new FlexStep(7 * 3600, ProgramRate.McgPerDay(300)), new FlexStep(22 * 3600, ProgramRate.McgPerDay(600))]),
            Patient = new PatientParameters { MaintenanceMcgPerDay = 412.5 },
        };
        var r = Simulation.Run(plan);
        var first = r.Telemetry.First(s => s.At == Day(0)).PatientEffectPct!.Value;
        var oneDayOn = r.Telemetry.First(s => s.At == Day(1)).PatientEffectPct!.Value;
        first.Should().BeInRange(300 / 412.5 * 100, 600 / 412.5 * 100);
        first.Should().BeApproximately(oneDayOn, 1e-6);
    }
}
