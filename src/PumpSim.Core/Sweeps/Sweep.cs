using PumpSim.Core.Engine;

namespace PumpSim.Core.Sweeps;

/// <summary>A Monte Carlo sweep over one scenario: <see cref="Runs"/> runs, each drawing every
/// variation from its own generator <see cref="SplitMix64.ForRun"/>(scenario seed, run index).
/// Nothing else feeds a run, so run r is the same run in a whole sweep, in any shard and with
/// any number of workers.</summary>
public sealed record Sweep
{
    public Sweep(SimulationPlan plan, int runs, IReadOnlyList<Variation> variations)
    {
        if (runs < 1) throw new SweepException(SweepInput.Runs, $"must be at least 1, got {runs}");
        foreach (var v in variations)
            if (v.Key.Applicable?.Invoke(plan) is { } why) throw new SweepException(SweepInput.Variation, $"{v.Key.Name}: {why}");
        // The sweep needs totals, alarms and events, not telemetry: one sample at each end keeps a
        // one-year run from allocating 35 000 samples it would throw away.
        Plan = plan with { Sample = plan.Duration, Probes = [] };
        Runs = runs;
        Variations = variations;
    }

    public SimulationPlan Plan { get; }
    public int Runs { get; }
    public IReadOnlyList<Variation> Variations { get; }

    /// <summary>The plan of run <paramref name="run"/>, the values it applied (after clamping) and
    /// the keys whose drawn value was clamped to the domain.</summary>
    public (SimulationPlan Plan, double[] Values, string[] Clamped) PlanFor(int run)
    {
        var rng = SplitMix64.ForRun(Plan.Seed, run);
        var plan = Plan;
        var values = new double[Variations.Count];
        var clamped = new List<string>();
        for (var i = 0; i < Variations.Count; i++)
        {
            var v = Variations[i];
            var drawn = SweepRow.Quantise(v.Distribution.Draw(rng));
            var (min, max) = v.Key.Domain(Plan);
            var value = Math.Clamp(drawn, SweepRow.Quantise(min), SweepRow.Quantise(max));
            if (value != drawn) clamped.Add(v.Key.Name);
            values[i] = value;
            plan = v.Key.Apply(plan, value);
        }
        return (plan, values, clamped.ToArray());
    }

    public SweepRow RunOne(int run)
    {
        var (plan, values, clamped) = PlanFor(run);
        return SweepRow.From(run, values, clamped, Simulation.Run(plan));
    }

    /// <summary>Runs this shard's runs on <paramref name="workers"/> threads. Each result is stored
    /// at its run's slot, so the rows come back in run order whatever order the threads finish in.</summary>
    public IReadOnlyList<SweepRow> Run(ShardSpec shard, int workers, Action? runFinished = null)
    {
        if (workers < 1) throw new SweepException(SweepInput.Workers, $"must be at least 1, got {workers}");
        var runs = shard.Runs(Runs).ToArray();
        var rows = new SweepRow[runs.Length];
        Parallel.For(0, runs.Length, new ParallelOptions { MaxDegreeOfParallelism = workers }, k =>
        {
            rows[k] = RunOne(runs[k]);
            runFinished?.Invoke();
        });
        return rows;
    }
}
