using BenchmarkDotNet.Attributes;
using PumpSim.Scenarios;

namespace PumpSim.Benchmarks;

/// <summary>The loader on a hostile file: 40,000 unknown keys (the test MutationTests checks the
/// outcome, 25 capped errors; how long it takes is measured here, not asserted there). It should
/// stay linear: well under a second.</summary>
[MemoryDiagnoser]
public class LoaderBenchmarks
{
    private readonly string _manyKeys = "duration: 3d\n" + string.Concat(Enumerable.Range(0, 40_000).Select(i => $"k{i}: 1\n"));

    [Benchmark]
    public int FortyThousandUnknownKeys()
    {
        try { ScenarioLoader.Parse(_manyKeys, "keys.yaml"); return 0; }
        catch (ScenarioException e) { return e.Errors.Count; }
    }
}
