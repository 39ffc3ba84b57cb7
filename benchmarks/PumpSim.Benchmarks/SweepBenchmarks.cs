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
        var start = SimInstant.FromDateTimeOffset(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var refills = Enumerable.Range(1, 12)
            .Select(i => new TimedAction(start + SimDuration.FromDays(30 * i), i, new RefillAction(Volume.FromMl(30))))
            .ToArray();
        var plan = new SimulationPlan
        {
            Start = start,
            Duration = SimDuration.FromDays(365),
            Step = SimDuration.FromHours(1),
            Seed = 2026,
            Profile = PumpProfile.SynchroMedII40,
            Reservoir = Volume.FromMl(30),
            Program = TherapyProgram.Flex(FlexRepeat.Daily,
            [
                new FlexStep(7 * 3600, ProgramRate.McgPerDay(300)),
                new FlexStep(22 * 3600, ProgramRate.McgPerDay(600)),
            ]),
            Actions = refills,
        };
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
