using BenchmarkDotNet.Attributes;
using PumpSim.Core.Sweeps;
using PumpSim.Scenarios;

namespace PumpSim.Benchmarks;

/// <summary>A Monte Carlo sweep of <see cref="Runs"/> one-year runs of
/// benchmarks/scenarios/one-year-refills.yaml (40-mL pump, day/night flex, 12 refills, a leak on
/// day 200, patient model on), drawing the pump's accuracy from normal(0, 8) per run — the sweep
/// `pumpsim sweep benchmarks/scenarios/one-year-refills.yaml --runs N --vary 'pump.accuracy_pct=normal(0,8)'`
/// does, without writing the files. On one worker and on every processor. Divide by
/// <see cref="Runs"/> for one run, multiply by 100 for the issue 11 target of 100,000 runs ≤ 60 s.</summary>
[MemoryDiagnoser]
public class SweepBenchmarks
{
    [Params(1000)]
    public int Runs { get; set; }

    [Params(1, 0)] // 0 = Environment.ProcessorCount
    public int Workers { get; set; }

    private Sweep _sweep = null!;

    [GlobalSetup]
    public void Setup()
    {
        var scenario = ScenarioLoader.Load(RepoFile.Path("benchmarks", "scenarios", "one-year-refills.yaml"));
        _sweep = new Sweep(scenario.Plan, Runs, Variation.ParseAll(["pump.accuracy_pct=normal(0,8)"]));
    }

    [Benchmark]
    public double SweepOfOneYearRuns()
    {
        var rows = _sweep.Run(ShardSpec.Whole, Workers == 0 ? Environment.ProcessorCount : Workers);
        return SweepAggregate.Of(rows, [SweepKey.AccuracyPct]).DeliveredP50;
    }
}
