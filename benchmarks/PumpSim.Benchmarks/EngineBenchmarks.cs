using BenchmarkDotNet.Attributes;
using PumpSim.Core.Engine;
using PumpSim.Core.Units;

namespace PumpSim.Benchmarks;

/// <summary>One pump-year of engine time (<see cref="OneYearPlan"/>) at a 1-s and a 1-min step,
/// with telemetry sampled hourly (8,760 samples) and with only the two end samples (as a sweep
/// runs it), so the cost of the clock and that of the telemetry show apart. Target (issue 11):
/// each ≤ 2 ms on one core — the engine jumps from breakpoint to breakpoint, so the step must not
/// change the cost.</summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    [Params(1, 60)]
    public int StepSeconds { get; set; }

    /// <summary>Telemetry sample interval in seconds; 0 = one sample at each end.</summary>
    [Params(3600, 0)]
    public int SampleSeconds { get; set; }

    private SimulationPlan _plan = null!;

    [GlobalSetup]
    public void Setup()
    {
        _plan = OneYearPlan.Build(SimDuration.FromSeconds(StepSeconds));
        _plan = _plan with { Sample = SampleSeconds == 0 ? _plan.Duration : SimDuration.FromSeconds(SampleSeconds) };
    }

    [Benchmark]
    public double OnePumpYear() => Simulation.Run(_plan).Totals.DeliveredCsfMcg;
}

/// <summary>Ten pump-years at a 1-s step (120 refills, hourly telemetry): the engine part of the
/// issue 11 target "10 pump-years at 1 s ≤ 3 s as a whole process".</summary>
[MemoryDiagnoser]
public class TenYearBenchmarks
{
    private SimulationPlan _plan = null!;

    [GlobalSetup]
    public void Setup() => _plan = OneYearPlan.Build(SimDuration.FromSeconds(1), years: 10);

    [Benchmark]
    public double TenPumpYearsAtOneSecond() => Simulation.Run(_plan).Totals.DeliveredCsfMcg;
}
