using PumpSim.Core.Engine;
using PumpSim.Core.Units;
using Xunit.Abstractions;
using static PumpSim.Core.Tests.Plans;

namespace PumpSim.Core.Tests;

/// <summary>A storm of motor stalls costs the same per stall however many there are (issue 24):
/// measured as bytes allocated on this thread, which for one deterministic run is the same every
/// time (a ratio of allocations, not a timing).</summary>
public class StallStormTests(ITestOutputHelper output)
{
    /// <summary>Bytes one run allocates with <paramref name="stalls"/> one-minute stalls every five
    /// minutes from the first hour, over the same 40 days (so telemetry and the clock cost the same).</summary>
    private static long Allocated(int stalls)
    {
        var plan = OneMlPerDay(40) with { Sample = SimDuration.FromDays(40) };
        if (stalls > 0)
            plan = plan.WithActions(Act("1h", new MotorStallAction(SimDuration.FromMinutes(1), Every: SimDuration.FromMinutes(5), Count: stalls)));
        return Allocated(plan);
    }

    /// <summary>Bytes one run allocates with <paramref name="boluses"/> one-minute 1-mcg boluses at the
    /// instants the stalls above start: two events each (started, finished), as a stall has two.</summary>
    private static long AllocatedBoluses(int boluses) =>
        Allocated((OneMlPerDay(40) with { Sample = SimDuration.FromDays(40) }).WithActions(Enumerable.Range(0, boluses)
            .Select(i => new TimedAction(At("1h") + SimDuration.FromMinutes(5 * i), i, new BolusAction(1, SimDuration.FromMinutes(1))))
            .ToArray()));

    private static long Allocated(SimulationPlan plan)
    {
        Simulation.Run(plan); // first run: JIT and static tables out of the count
        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = Simulation.Run(plan);
        var bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        GC.KeepAlive(result);
        return bytes;
    }

    [Fact]
    public void StallStorm_TenTimesTheStalls_AllocatesAtMostElevenTimesAsMuch()
    {
        // 1,000 and 10,000 stalls (the last starts at 1h + 9,999 × 5 min ≈ 34.7 days, inside the 40).
        var none = Allocated(0);
        var few = Allocated(1_000) - none;
        var many = Allocated(10_000) - none;
        output.WriteLine($"run without stalls {none} B; per stall: {few / 1_000.0:F0} B at 1,000, {many / 10_000.0:F0} B at 10,000");
        ((double)many / few).Should().BeLessThanOrEqualTo(11);
    }

    [Fact]
    public void StallStorm_EachStall_AllocatesAboutWhatABolusDoes()
    {
        // Per event a stall (stall, recovery) must cost what a bolus (started, finished) does: each
        // stall once fired the motor's and the alarm's Stateless machines, ~4.4 KB against ~0.33 KB
        // (13×); now ~0.31 KB. The 1.5× leaves room for the storm's alarm tones, which a bolus run has not.
        var none = Allocated(0);
        var stalls = Allocated(10_000) - none;
        var boluses = AllocatedBoluses(10_000) - none;
        output.WriteLine($"per stall {stalls / 10_000.0:F0} B, per bolus {boluses / 10_000.0:F0} B");
        ((double)stalls / boluses).Should().BeLessThanOrEqualTo(1.5);
    }
}
