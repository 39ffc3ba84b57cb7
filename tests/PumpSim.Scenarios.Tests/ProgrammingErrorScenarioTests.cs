using FluentAssertions;
using PumpSim.Core.Engine;
using PumpSim.Core.Events;
using Xunit;

namespace PumpSim.Scenarios.Tests;

/// <summary>Programming errors as the pump sees them (issue 20): the pump checks what it is told, a
/// program out of range is refused at the programmer (at run time), and every wrong entry is logged
/// with the belief and the truth side by side. Expected numbers are worked by hand in comments.</summary>
public class ProgrammingErrorScenarioTests
{
    private static SimulationResult Run(string yaml) => Simulation.Run(ScenarioLoader.Parse(yaml, "p.yaml").Plan);

    [Fact]
    public void StartUp_ChecksTheFlowRangeAtTheEnteredConcentration_AndLogsTheWrongEntryAtTheStart()
    {
        // Real 50 mcg/mL, entered 500: 5000 mcg/day is 5000/500 = 10 mL/day to the pump (inside
        // 0.048–24), though at the real drug it would be 100 mL/day. The body gets 10 mL/day × 50 =
        // 500 mcg/day; the catheter starts full of the real drug, so one day delivers 500 mcg.
        var r = Run("""
            duration: 1d
            drug: { concentration_mcg_per_ml: 50, programmed_concentration_mcg_per_ml: 500 }
            therapy: { mode: continuous, rate_mcg_per_day: 5000 }
            """);
        var mismatch = r.Events.OfType<ProgrammedConcentrationMismatch>().Should().ContainSingle().Which;
        mismatch.At.Should().Be(r.Start);
        (mismatch.ConcentrationMcgPerMl, mismatch.ProgrammedConcentrationMcgPerMl).Should().Be((50, 500));
        r.Totals.PumpedMl.Should().BeApproximately(10, 1e-9);
        r.Totals.DeliveredCsfMcg.Should().BeApproximately(500, 1e-6);
        r.Totals.ProgrammedMcg.Should().BeApproximately(5000, 1e-6, "the prescription is the pump's belief");
    }

    [Fact]
    public void AProgramOutOfRange_IsRejectedAtRunTime_AndThePreviousProgramKeepsRunning()
    {
        // 20 000 mcg/day at 500 mcg/mL is 40 mL/day, above the 24 mL/day maximum: refused at 1 d. The
        // 500 mcg/day program (1 mL/day) runs on: 2 days deliver 1000 mcg and leave 20 − 2 = 18 mL.
        var r = Run("""
            duration: 2d
            events:
              - at: 1d
                program: { mode: continuous, rate_mcg_per_day: 20000 }
            """);
        var rejected = r.Events.OfType<ProgramRejected>().Should().ContainSingle().Which;
        rejected.At.Should().Be(r.Start + Core.Units.SimDuration.FromDays(1));
        rejected.Reason.Should().Contain("24 mL/day");
        rejected.Program.Should().Be("continuous 20000 mcg/day");
        rejected.ConcentrationMcgPerMl.Should().Be(500);
        (rejected.RunsMlPerDay, rejected.RunsMcgPerDay).Should().Be((1, 500));
        r.Events.OfType<ProgramChanged>().Should().BeEmpty();
        r.Totals.DeliveredCsfMcg.Should().BeApproximately(1000, 1e-6);
        r.Final.ReservoirTrueMl.Should().BeApproximately(18, 1e-9);
    }

    [Fact]
    public void ARejectedProgram_WritesTheEnteredConcentrationUnderItsOwnName()
    {
        var r = Run("duration: 2d\nevents:\n  - { at: 1d, program: { mode: continuous, rate_mcg_per_day: 20000 } }\n");
        var fields = EventTable.Values(r.Events.OfType<ProgramRejected>().Single()).ToList();
        fields.Select(f => f.Name).Should().ContainInConsecutiveOrder("concentration_mcg_per_ml", "programmed_concentration_mcg_per_ml");
        fields.Single(f => f.Name == "programmed_concentration_mcg_per_ml").Value.Should().Be(500.0);
    }

    [Fact]
    public void AWrongEntryAtARefill_PutsTheTruthBesideTheBelief()
    {
        // The reservoir holds 500 mcg/mL; the clinician enters 1000. The standing 500 mcg/day is
        // then 500/1000 = 0.5 mL/day to the pump, which really gives 0.5 × 500 = 250 mcg/day.
        var r = Run("""
            duration: 2d
            events:
              - { at: 1d, refill: { add_ml: 10, programmed_concentration_mcg_per_ml: 1000 } }
            """);
        var refill = r.Events.OfType<Refill>().Single();
        (refill.ConcentrationMcgPerMl, refill.ProgrammedConcentrationMcgPerMl).Should().Be((500, 1000));
        var changed = r.Events.OfType<ProgramChanged>().Single();
        (changed.NewMcgPerDay, changed.RealNewMcgPerDay).Should().Be((500, 250));
        EventTable.ValueOf(changed, "real_new_mcg_per_day").Should().Be(250.0);
        EventTable.ValueOf(refill, "programmed_concentration_mcg_per_ml").Should().Be(1000.0);
    }

    [Fact]
    public void ARightEntry_AddsNoTruthFields()
    {
        var r = Run("duration: 2d\nevents:\n  - { at: 1d, refill: { add_ml: 10, concentration_mcg_per_ml: 1000 } }\n");
        r.Events.OfType<Refill>().Single().ProgrammedConcentrationMcgPerMl.Should().BeNull();
        r.Events.OfType<ProgramChanged>().Single().RealNewMcgPerDay.Should().BeNull();
        r.Events.OfType<ProgrammedConcentrationMismatch>().Should().BeEmpty();
    }

    [Fact]
    public void APocketFillWithANewConcentration_LeavesThePumpConvertingAtTheReservoirsDrug()
    {
        // The 1000 mcg/mL drug goes into the pocket; the reservoir still holds 500 mcg/mL, which is
        // what the pump is told by default. So the program stays 1 mL/day: 2 days deliver
        // 2 × 500 = 1000 mcg to the CSF (the pocket's 10 mL × 1000 = 10 000 mcg go to tissue).
        var r = Run("""
            duration: 2d
            events:
              - { at: 1d, refill: { add_ml: 10, concentration_mcg_per_ml: 1000, into: pocket } }
            """);
        r.Events.OfType<ProgramChanged>().Should().BeEmpty("the concentration the pump converts with did not change");
        r.Events.OfType<ProgrammedConcentrationMismatch>().Should().BeEmpty();
        r.Totals.DeliveredCsfMcg.Should().BeApproximately(1000, 1e-6);
        r.Totals.PocketMcg.Should().BeApproximately(10_000, 1e-6);
        r.Telemetry[^1].ConcentrationMcgPerMl.Should().Be(500, "the reservoir's drug is unchanged");
    }

    [Theory]
    // Entered 0.200 mL = the true dead volume: 0.2 mL at 24 mL/day takes 0.2/24 d = 720 s and pushes
    // out exactly the saline the catheter held: nothing reaches the CSF.
    [InlineData(null, 720, 0.2, 0)]
    // Entered 0.259 mL (the 0.199 mL tubing the programmer showed before the 2017 correction + 0.060 mL
    // of catheter): 0.259/24 d = 932.4 s, so 933 s at 0.259 × 86400/933 mL/day; after the 0.2 mL of
    // saline, 0.059 mL of drug at 500 mcg/mL leaves the tip: 29.5 mcg of unintended bolus.
    [InlineData(0.259, 933, 0.259, 29.5)]
    public void APrimingBolus_IsSizedByTheEnteredDeadVolume_AndWhatIsPushedBeyondTheTrueOneReachesTheCsf(
        double? enteredMl, long seconds, double pushedMl, double deliveredMcg)
    {
        var entered = enteredMl is { } e ? $", programmed_volume_ml: {e.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : "";
        var r = Run($$"""
            duration: {{seconds}}s
            pump: { catheter: { volume_ml: 0.2, contents: saline{{entered}} } }
            events:
              - { at: 0s, priming_bolus: {} }
            """);
        var started = r.Events.OfType<BolusStarted>().Single();
        (started.Kind, started.VolumeMl, started.Duration.Seconds).Should().Be(("priming", pushedMl, seconds));
        r.Events.OfType<BolusFinished>().Single().At.Should().Be(r.End);
        // The bolus rate is a whole number of pL/day, so the engine may fall short by a picolitre or so.
        r.Totals.PumpedMl.Should().BeApproximately(pushedMl, 1e-8);
        r.Totals.DeliveredCsfMcg.Should().BeApproximately(deliveredMcg, 1e-6);
    }

    [Fact]
    public void ARevision_TellsThePumpTheEnteredVolume_AndOnlyARevisionTakesOne()
    {
        // The new catheter truly holds 0.1 mL of saline; the clinician enters 0.15. The priming bolus
        // then pushes 0.15 mL: 0.05 mL of it is drug beyond the tip, 0.05 × 500 = 25 mcg.
        var r = Run("""
            duration: 1d
            events:
              - { at: 1h, catheter: { fault: revision, volume_ml: 0.1, programmed_volume_ml: 0.15 } }
              - { at: 1h, priming_bolus: {} }
            """);
        r.Events.OfType<BolusStarted>().Single().VolumeMl.Should().Be(0.15);
        FluentActions.Invoking(() => ScenarioLoader.Parse("duration: 1d\nevents:\n  - { at: 1h, catheter: { fault: kink, programmed_volume_ml: 0.1 } }\n", "k.yaml"))
            .Should().Throw<ScenarioException>().Which.Reason.Should().Be("'programmed_volume_ml' applies only to fault: revision (a new catheter), not to kink");
    }
}
