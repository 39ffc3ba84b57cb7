using BenchmarkDotNet.Attributes;
using PumpSim.Core.Engine;
using PumpSim.Core.Sweeps;
using PumpSim.Core.Therapy;
using PumpSim.Core.Units;

namespace PumpSim.Benchmarks;

/// <summary>A Monte Carlo sweep of <see cref="Runs"/> one-year runs (the plan of
/// <see cref="EngineBenchmarks"/> at 1-h steps: a 40-mL pump, day/night flex, refilled every 30 days),
/// drawing the pump's accuracy, a refill delay and the battery life per run, on one worker and on
/// every processor. Divide by <see cref="Runs"/> for the cost of one run; `pumpsim sweep` adds only
/// file writing. Run: `dotnet run -c Release --project benchmarks/PumpSim.Benchmarks -- --filter '*Sweep*'`.</summary>
[MemoryDiagnoser]
public class SweepBenchmarks
{
    [Params(100)]
    public int Runs { get; set; }

    [Params(1, 0)] // 0 = Environment.ProcessorCount
    public int Workers { get; set; }

    private Sweep _sweep = null!;

    [GlobalSetup]
    public void Setup()
    {
        var plan = OneYearPlan.Build(SimDuration.FromHours(1)) with { Seed = 2026, Reservoir = Volume.FromMl(30), Sample = SimDuration.FromMinutes(15) };
        _sweep = new Sweep(plan, Runs, Variation.ParseAll(
        [
            "pump.accuracy_pct=normal(0,8)",
            "refill.delay=lognormal(2,1.5)",
            "pump.battery.life_remaining_days=uniform(200,2500)",
        ]));
    }

    [Benchmark]
    public double SweepOfOneYearRuns()
    {
        var rows = _sweep.Run(ShardSpec.Whole, Workers == 0 ? Environment.ProcessorCount : Workers);
        return SweepAggregate.Of(rows, [SweepKey.AccuracyPct, SweepKey.RefillDelay, SweepKey.BatteryDays]).DeliveredP50;
    }
}
