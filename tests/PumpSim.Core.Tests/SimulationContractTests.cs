using PumpSim.Core.Engine;
using PumpSim.Core.Events;
using PumpSim.Core.Patient;
using PumpSim.Core.Therapy;
using PumpSim.Core.Units;
using static PumpSim.Core.Tests.Plans;

namespace PumpSim.Core.Tests;

/// <summary>What a run promises every reader, whatever happens in it: events numbered in the order
/// they were published, a closing event with the reservoir, every sample on the stream as in the
/// result, and no run of a plan outside the domain limits (found by the Engine Stryker rerun).</summary>
public class SimulationContractTests
{
    [Fact]
    public void Events_AreNumberedFromZero_InTheOrderTheyArePublished()
    {
        var r = Simulation.Run(OneMlPerDay(3));
        r.Events.Select(e => e.Sequence).Should().Equal(Enumerable.Range(0, r.Events.Count).Select(i => (long)i));
    }

    [Fact]
    public void TheLastEvent_ClosesTheRun_WithTheReservoirTrueAndEstimated()
    {
        // 3 days at 1 mL/day from 20 mL, an exact pump: 17 mL, and the firmware counts the same.
        var r = Simulation.Run(OneMlPerDay(3));
        r.Events[^1].Should().Be(new SimulationEnded(17, 17) with { At = Day(3), Sequence = r.Events.Count - 1 });
    }

    [Fact]
    public void EverySample_IsOnTheTelemetryStream_AsInTheResult()
    {
        using var sim = new Simulation(OneMlPerDay(2) with { Sample = SimDuration.FromHours(6) });
        var seen = new List<TelemetrySample>();
        using var _ = sim.Telemetry.Subscribe(seen.Add);
        var r = sim.Run();
        // Every 6 h over 2 days, both ends included: 9 samples.
        seen.Should().HaveCount(9).And.Equal(r.Telemetry);
    }

    [Fact]
    public void APlanOutsideTheLimits_IsRefusedBeforeItRuns()
    {
        FluentActions.Invoking(() => new Simulation(OneMlPerDay(1) with { Step = SimDuration.Zero }))
            .Should().Throw<ProgramRejectedException>().WithMessage("step must be*");
        FluentActions.Invoking(() => new Simulation(OneMlPerDay(1) with { Patient = new PatientParameters { CsfVolumeMl = 0 } }))
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("csf_volume_ml must be between 1 and 1000 mL*");
    }
}
