using PumpSim.Core.Engine;
using PumpSim.Core.Events;
using PumpSim.Core.Units;
using static PumpSim.Core.Tests.Plans;

namespace PumpSim.Core.Tests;

/// <summary>GC.GetTotalMemory counts every thread's heap: the memory test runs alone, never beside
/// tests that allocate in parallel (it failed once that way).</summary>
[CollectionDefinition(nameof(StreamingTests), DisableParallelization = true)]
public sealed class StreamingCollection;

[Collection(nameof(StreamingTests))]
public class StreamingTests
{
    private static SimulationPlan Year() => OneMlPerDay(365, "1h").WithActions(
        Enumerable.Range(1, 18).Select(i => Act($"{i * 19}d", new RefillAction(Volume.FromMl(20)))).ToArray());

    [Fact]
    public void WithoutHistory_SubscribersSeeEverything_AndTheTotalsAreTheSame()
    {
        var full = Simulation.Run(Year());
        using var sim = new Simulation(Year(), retainHistory: false);
        var seen = new List<PumpEvent>();
        using var sub = sim.Events.Subscribe(seen.Add);
        var streamed = sim.Run();
        streamed.Events.Should().BeEmpty();
        streamed.Telemetry.Should().BeEmpty();
        streamed.Totals.Should().Be(full.Totals);
        streamed.Alarms.Should().Equal(full.Alarms);
        seen.Select(e => e.ToString()).Should().Equal(full.Events.Select(e => e.ToString()));
    }

    [Fact]
    public void AOneYearSimulationWithoutHistory_HoldsUnderOneMegabyte()
    {
        var plan = Year();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var sim = new Simulation(plan, retainHistory: false);
        sim.Run();
        var held = GC.GetTotalMemory(forceFullCollection: true) - before;
        GC.KeepAlive(sim);
        held.Should().BeLessThan(1_000_000);
    }
}
