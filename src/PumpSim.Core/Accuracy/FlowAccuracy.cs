using PumpSim.Core.Engine;
using PumpSim.Core.Events;
using PumpSim.Core.Units;

namespace PumpSim.Core.Accuracy;

/// <summary>One row of trumpet.csv: the largest and smallest mean flow error over every
/// observation window of <see cref="WindowMin"/> minutes in the analysis period.</summary>
public sealed record TrumpetPoint(int WindowMin, double MaxErrorPct, double MinErrorPct);

/// <summary>One 0.5-min sample of the start-up curve (the first 2 h).</summary>
public sealed record StartupPoint(double TMin, double FlowMlPerH, double ProgrammedMlPerH, double ErrorPct);

public sealed record FlowAccuracyResult(
    IReadOnlyList<TrumpetPoint> Trumpet,
    IReadOnlyList<StartupPoint> Startup,
    double OverallErrorPct,
    double AnalysisFromMin,
    double AnalysisToMin);

/// <summary>Flow-accuracy analysis in the style of IEC 60601-2-24 as infusion-pump manuals describe
/// it (docs/trumpet.md). The "balance" is the volume that has left the catheter
/// (<see cref="Snapshot.PumpedMl"/>: to CSF, tissue and pocket together), read every
/// <see cref="SampleSeconds"/> s; the set rate of each sample is the rate the firmware commanded
/// at its start (telemetry's programmed dose ÷ the scenario's concentration).</summary>
public static class FlowAccuracy
{
    public const int SampleSeconds = 30;
    public const double SampleMin = SampleSeconds / 60.0;
    public static IReadOnlyList<int> WindowsMin { get; } = [2, 5, 11, 19, 31];
    public static SimDuration StartupPeriod { get; } = SimDuration.FromHours(2);
    public static SimDuration TrumpetFrom { get; } = SimDuration.FromHours(1);

    /// <summary>The plan cut to <paramref name="length"/> with a probe every 30 s.</summary>
    public static SimulationPlan ProbePlan(SimulationPlan plan, SimDuration length)
    {
        if (length < StartupPeriod) throw new ArgumentOutOfRangeException(nameof(length), "the analysis needs at least 2 h");
        if (length > plan.Duration) throw new ArgumentOutOfRangeException(nameof(length), $"the scenario lasts only {plan.Duration}");
        var n = length.Seconds / SampleSeconds;
        var probes = new SimInstant[n + 1];
        for (var i = 0; i <= n; i++) probes[i] = plan.Start + SimDuration.FromSeconds(i * SampleSeconds);
        return plan with { Duration = length, Probes = probes, Sample = length };
    }

    public static FlowAccuracyResult Run(SimulationPlan plan, SimDuration length)
    {
        var probed = ProbePlan(plan, length);
        return Analyse(probed, Simulation.Run(probed));
    }

    public static FlowAccuracyResult Analyse(SimulationPlan probed, SimulationResult result)
    {
        var snaps = probed.Probes.Select(p => result.Snapshots[p]).ToArray();
        var n = snaps.Length - 1;
        var flow = new double[n];    // mL/min over sample i
        var set = new double[n];     // mL/min commanded at the start of sample i
        var error = new double[n];   // %
        var concentration = probed.Concentration.McgPerMl;
        for (var i = 0; i < n; i++)
        {
            flow[i] = (snaps[i + 1].PumpedMl - snaps[i].PumpedMl) / SampleMin;
            set[i] = snaps[i].Telemetry.ProgrammedMcgPerDay / concentration / 1440.0;
            if (set[i] <= 0)
                throw new InvalidOperationException($"the programmed rate is zero at {snaps[i].At}: flow error is undefined (the analysis needs a running program)");
            error[i] = 100 * (flow[i] - set[i]) / set[i];
        }
        var startupSamples = (int)(StartupPeriod.Seconds / SampleSeconds);
        var startup = Enumerable.Range(0, startupSamples)
            .Select(i => new StartupPoint((i + 1) * SampleMin, flow[i] * 60, set[i] * 60, error[i])).ToArray();

        var from = (int)(TrumpetFrom.Seconds / SampleSeconds);
        var trumpet = new List<TrumpetPoint>();
        foreach (var p in WindowsMin)
        {
            var m = (int)(p / SampleMin);
            double max = double.NegativeInfinity, min = double.PositiveInfinity;
            for (var j = from; j + m <= n; j++)
            {
                var sum = 0.0;
                for (var i = j; i < j + m; i++) sum += error[i];
                var mean = sum / m;
                max = Math.Max(max, mean);
                min = Math.Min(min, mean);
            }
            if (double.IsFinite(max)) trumpet.Add(new TrumpetPoint(p, max, min));
        }
        double delivered = 0, programmed = 0;
        for (var i = from; i < n; i++) { delivered += flow[i]; programmed += set[i]; }
        var overall = 100 * (delivered - programmed) / programmed;
        return new FlowAccuracyResult(trumpet, startup, overall, from * SampleMin, n * SampleMin);
    }
}
