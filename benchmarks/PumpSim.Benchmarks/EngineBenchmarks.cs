using BenchmarkDotNet.Attributes;
using PumpSim.Core.Engine;
using PumpSim.Core.Therapy;
using PumpSim.Core.Units;

namespace PumpSim.Benchmarks;

/// <summary>One pump-year of engine time: a day/night flex program, a 40-mL pump refilled every
/// 30 days, with telemetry sampled hourly. Targets (issue 2/6): under 20 ms at 1-min steps, under
/// 2 s at 1-s steps, on one core.</summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    [Params(1, 60)]
    public int StepSeconds { get; set; }

    private SimulationPlan _plan = null!;

    [GlobalSetup]
    public void Setup()
    {
        _plan = OneYearPlan.Build(SimDuration.FromSeconds(StepSeconds));
    }

    [Benchmark]
    public double OnePumpYear() => Simulation.Run(_plan).Totals.DeliveredCsfMcg;
}
