using PumpSim.Core.Engine;
using PumpSim.Core.Events;
using PumpSim.Core.Patient;
using PumpSim.Core.Therapy;
using PumpSim.Core.Units;
using static PumpSim.Core.Tests.Plans;

namespace PumpSim.Core.Tests;

/// <summary>Issue 12: a wrong concentration entry, diathermy and a flipped pump, computed by hand.</summary>
public class ProgrammingErrorTests
{
    private static readonly Concentration Strong = Concentration.FromMcgPerMl(2000);
    private static readonly Concentration Usual = Concentration.FromMcgPerMl(500);

    /// <summary>250 mcg/day at 500 mcg/mL: 0.5 mL/day; 20 mL; a 0.2-mL catheter full of drug.</summary>
    private static SimulationPlan Quarter(double days) => OneMlPerDay(days) with
    {
        Program = TherapyProgram.Continuous(ProgramRate.McgPerDay(250)),
        Sample = SimDuration.FromHours(1),
    };

    private static double Delivered(SimulationResult r, string from, string to) =>
        r.Snapshots[At(to)].DeliveredCsfMcg - r.Snapshots[At(from)].DeliveredCsfMcg;

    [Fact]
    public void WrongConcentrationEntered_RunsTheRightMlForTheWrongMcg_AndOnlyTheBodySeesIt()
    {
        // Refill at day 1 to 2000 mcg/mL, 500 entered: the pump still runs 250/500 = 0.5 mL/day.
        // The catheter's 0.2 mL of old drug gives 0.2 × 500 = 100 mcg over 0.2/0.5 d = 9 h 36 min,
        // then 0.5 mL/day × 2000 = 1000 mcg/day reaches the CSF. The estimate counts mL, so it
        // agrees with the true reservoir; the withdrawn 19.5 mL equals the estimate (no discrepancy).
        var plan = Quarter(4).WithActions(
            Act("1d", new RefillAction(Volume.FromMl(19), NewConcentration: Strong, ProgrammedConcentration: Usual))) with
        {
            Patient = new PatientParameters { MaintenanceMcgPerDay = 250 },
            Probes = [At("1d"), At("1d9h36m"), At("2d9h36m"), At("3d")],
        };
        var r = Simulation.Run(plan);
        Delivered(r, "1d", "1d9h36m").Should().BeApproximately(100, 1e-6);
        Delivered(r, "1d9h36m", "2d9h36m").Should().BeApproximately(1000, 1e-6);
        var s = r.Snapshots[At("3d")].Telemetry;
        s.ReservoirEstimatedMl.Should().BeApproximately(s.ReservoirTrueMl, 1e-9);
        s.ConcentrationMcgPerMl.Should().Be(2000);
        s.ProgrammedConcentrationMcgPerMl.Should().Be(500);
        s.ProgrammedMcgPerDay.Should().Be(250);
        r.Events.Should().NotContain(e => e.Type == EventTypes.RefillDiscrepancy);
        r.Events.Should().ContainSingle(e => e.Type == EventTypes.ProgrammedConcentrationMismatch).Which.At.Should().Be(Day(1));
        // The prescription stays the clinician's 4 × 250 = 1000 mcg.
        r.Totals.ProgrammedMcg.Should().BeApproximately(1000, 1e-6);
        r.Events.OfType<PatientFlagRaised>().Should().Contain(e => e.Flag == "overdose-risk"
                                       && e.At > Day(1) && e.At <= Day(3));
    }

    [Fact]
    public void AProgramThatReEntersTheConcentration_CorrectsTheConversion()
    {
        // After the wrong entry, a program at day 2 with 2000 mcg/mL entered runs 250/2000 =
        // 0.125 mL/day: day 3→4 delivers 0.125 × 2000 = 250 mcg again (the catheter long flushed).
        var plan = Quarter(4).WithActions(
            Act("1d", new RefillAction(Volume.FromMl(19), NewConcentration: Strong, ProgrammedConcentration: Usual)),
            Act("2d", new ProgramAction(TherapyProgram.Continuous(ProgramRate.McgPerDay(250)), Strong))) with
        {
            Probes = [At("3d"), At("4d")],
        };
        var r = Simulation.Run(plan);
        Delivered(r, "3d", "4d").Should().BeApproximately(250, 1e-6);
        r.Events.Should().NotContain(e => e.Type == EventTypes.BolusStarted);
    }

    [Fact]
    public void Diathermy_DamagesTheMotorForGood_AndTheFirmwareSeesTheStall()
    {
        // 1 mL/day × 500 mcg/mL until day 1, then nothing at all: the motor never turns again.
        var r = Simulation.Run(OneMlPerDay(3).WithActions(Act("1d", new DiathermyAction())) with { Probes = [At("1d"), At("3d")] });
        Delivered(r, "1d", "3d").Should().Be(0);
        r.Events.OfType<AlarmRaised>().Should().Contain(e => e.Alarm == "motor-stall" && e.At == Day(1));
        r.Events.OfType<MotorStall>().Should().ContainSingle().Which.Reason.Should().Be("diathermy");
        r.Events.Should().NotContain(e => e.Type == EventTypes.MotorStallRecovery);
    }

    [Fact]
    public void Diathermy_WithoutDamage_ChangesNothing()
    {
        var r = Simulation.Run(OneMlPerDay(2).WithActions(Act("1d", new DiathermyAction(MotorDamage: false))) with { Probes = [At("1d"), At("2d")] });
        Delivered(r, "1d", "2d").Should().BeApproximately(500, 1e-6);
        r.Events.Should().NotContain(e => e.Type == EventTypes.MotorStall);
    }

    [Fact]
    public void FlippedPump_RefusesARefill_UntilSurgeryTurnsItBack()
    {
        // 1 mL/day from 20 mL: 18 mL at day 2. A refill while flipped adds nothing (still 18 mL,
        // and 17.5 at 2d12h as delivery goes on); after the surgery at day 3 (17 mL left) a refill
        // of 3 mL withdraws the 17 mL and adds 3.
        var plan = OneMlPerDay(4).WithActions(
            Act("1d", new PumpFlipAction()),
            Act("2d", new RefillAction(Volume.FromMl(10))),
            Act("3d", new PumpFlipAction(Corrected: true)),
            Act("3d", new RefillAction(Volume.FromMl(3)))) with
        { Probes = [At("2d12h"), At("3d1h")] };
        var r = Simulation.Run(plan);
        var refused = r.Events.Should().ContainSingle(e => e.Type == EventTypes.RefillRefused).Subject;
        refused.At.Should().Be(Day(2));
        r.Snapshots[At("2d12h")].Telemetry.ReservoirTrueMl.Should().BeApproximately(17.5, 1e-9);
        var refill = r.Events.OfType<Refill>().Should().ContainSingle().Subject;
        refill.At.Should().Be(Day(3));
        refill.WithdrawnMl.Should().BeApproximately(17, 1e-9);
        r.Snapshots[At("3d1h")].Telemetry.ReservoirTrueMl.Should().BeApproximately(3 - 1.0 / 24, 1e-9);
    }

    [Fact]
    public void FlippedPump_APocketFillStillHappens()
    {
        var r = Simulation.Run(OneMlPerDay(3).WithActions(
            Act("1d", new PumpFlipAction()),
            Act("2d", new RefillAction(Volume.FromMl(10), Into: RefillTarget.Pocket))));
        r.Events.Should().ContainSingle(e => e.Type == EventTypes.PocketFill);
        r.Totals.PocketMcg.Should().BeApproximately(10 * 500, 1e-6);
    }
}
