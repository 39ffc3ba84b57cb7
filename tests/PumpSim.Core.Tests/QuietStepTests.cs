using PumpSim.Core.Engine;
using PumpSim.Core.Units;
using static PumpSim.Core.Tests.Plans;

namespace PumpSim.Core.Tests;

/// <summary>A step with nothing new costs a few integer operations: no allocation, no event.</summary>
public class QuietStepTests
{
    [Fact]
    public void StepsWithNothingNew_AllocateNothing_AndPublishNothing()
    {
        var plan = OneMlPerDay(3) with { Sample = SimDuration.FromDays(1), Step = SimDuration.FromSeconds(1) };
        // Warm the code paths (JIT) on a twin run first.
        using (var twin = new Simulation(plan)) twin.AdvanceTo(Day(1));

        using var sim = new Simulation(plan);
        var published = 0;
        using var sub = sim.Events.Subscribe(_ => published++);
        using var tsub = sim.Telemetry.Subscribe(_ => published++);
        sim.AdvanceTo(At("1h"));
        // A first quiet stretch lets tiered JIT promote the loop before the one we measure.
        sim.AdvanceTo(At("6h"));
        published = 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        sim.AdvanceTo(At("20h")); // 50 400 one-second steps, no breakpoint in between
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        allocated.Should().Be(0);
        published.Should().Be(0);
        sim.EstimatedReservoir.Should().Be(Volume.FromMl(20 - 20.0 / 24));
    }
}
