using BenchmarkDotNet.Attributes;
using PumpSim.Core.Engine;
using PumpSim.Core.Therapy;
using PumpSim.Core.Units;

namespace PumpSim.Benchmarks;

/// <summary>A storm of <see cref="Stalls"/> one-minute motor stalls every five minutes (one action,
/// as `motor_stall: { duration: 1m, every: 5m, count: N }`), against as many boluses of 1 mcg over a
/// minute every five minutes (one action each), in the engine over the same 40 days, ends-only
/// telemetry. Issue 24: a stall must cost per event what a bolus does, and 10× the stalls about
/// 10× the time (handled episodes were removed from the front of a list: n² moves).</summary>
[MemoryDiagnoser]
public class StallStormBenchmarks
{
    [Params(1_000, 10_000)]
    public int Stalls { get; set; }

    private SimulationPlan _stalls = null!, _boluses = null!;

    [GlobalSetup]
    public void Setup()
    {
        var start = SimInstant.FromDateTimeOffset(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var plan = new SimulationPlan
        {
            Start = start,
            Duration = SimDuration.FromDays(40),
            Sample = SimDuration.FromDays(40),
            Step = SimDuration.FromSeconds(60),
            Reservoir = Volume.FromMl(20),
            Concentration = Concentration.FromMcgPerMl(2000),
            Program = TherapyProgram.Continuous(ProgramRate.McgPerDay(100)),
        };
        var first = start + SimDuration.FromHours(1);
        _stalls = plan with
        {
            Actions = [new TimedAction(first, 0, new MotorStallAction(SimDuration.FromMinutes(1), Every: SimDuration.FromMinutes(5), Count: Stalls))],
        };
        _boluses = plan with
        {
            Actions = Enumerable.Range(0, Stalls)
                .Select(i => new TimedAction(first + SimDuration.FromMinutes(5 * i), i, new BolusAction(1, SimDuration.FromMinutes(1))))
                .ToArray(),
        };
    }

    [Benchmark]
    public int StallStorm() => Simulation.Run(_stalls).Events.Count;

    [Benchmark]
    public int BolusStorm() => Simulation.Run(_boluses).Events.Count;
}
