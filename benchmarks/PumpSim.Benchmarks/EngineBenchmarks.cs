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
        var start = SimInstant.FromDateTimeOffset(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var refills = Enumerable.Range(1, 12)
            .Select(i => new TimedAction(start + SimDuration.FromDays(30 * i), i, new RefillAction(Volume.FromMl(30))))
            .ToArray();
        _plan = new SimulationPlan
        {
            Start = start,
            Duration = SimDuration.FromDays(365),
            Step = SimDuration.FromSeconds(StepSeconds),
            Sample = SimDuration.FromHours(1),
            Profile = PumpProfile.SynchroMedII40,
            Reservoir = Volume.FromMl(40),
            Program = TherapyProgram.Flex(FlexRepeat.Daily,
            [
                new FlexStep(7 * 3600, ProgramRate.McgPerDay(300)),
                new FlexStep(22 * 3600, ProgramRate.McgPerDay(600)),
            ]),
            Actions = refills,
        };
    }

    [Benchmark]
    public double OnePumpYear() => Simulation.Run(_plan).Totals.DeliveredCsfMcg;
}
