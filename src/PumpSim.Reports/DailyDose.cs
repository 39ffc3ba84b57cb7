using PumpSim.Core.Events;

namespace PumpSim.Reports;

/// <summary>The dose reaching the spinal fluid day by day, as a percentage of the dose prescribed
/// that day (issue 21: ten days at 400 % then ten at 0 % must not read as one harmless average).
/// Whole days from the start only (a last part-day is left out); days with nothing prescribed are
/// skipped. From the telemetry: the CSF dose is the rise of the cumulative delivered figure, the
/// prescribed dose the programmed rate held from each sample to the next (exact when the program
/// changes on a sample, as it does at the default sample intervals, which divide a day); an
/// interval across midnight is shared in proportion to time.</summary>
public sealed record DailyDose(int Days, double PeakPct, int PeakDay, int DaysAbove, int DaysBelow)
{
    /// <summary>Above this a day is an overdose, below <see cref="LowPct"/> an underdose, whatever the average.</summary>
    public const double HighPct = 200, LowPct = 60;

    /// <summary>Null when the run is shorter than a day or nothing was prescribed on any whole day.</summary>
    public static DailyDose? Of(SimulationResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var days = (int)Math.Min((r.End - r.Start).Seconds / 86_400, int.MaxValue);
        var samples = r.Telemetry;
        if (days < 1 || samples.Count == 0) return null;
        var delivered = new double[days];
        var prescribed = new double[days];
        for (var i = 0; i < samples.Count; i++)
        {
            var from = samples[i].At.UnixSeconds - r.Start.UnixSeconds;
            var to = (i + 1 < samples.Count ? samples[i + 1].At : r.End).UnixSeconds - r.Start.UnixSeconds;
            if (to <= from) continue;
            var gain = i + 1 < samples.Count ? samples[i + 1].DeliveredCsfMcgCumulative - samples[i].DeliveredCsfMcgCumulative : 0;
            Share(delivered, from, to, gain);
            Share(prescribed, from, to, samples[i].ProgrammedMcgPerDay * (to - from) / 86_400.0);
        }
        double peak = double.NegativeInfinity;
        int peakDay = -1, above = 0, below = 0, counted = 0;
        for (var d = 0; d < days; d++)
        {
            if (!(prescribed[d] > 0)) continue;
            counted++;
            var pct = delivered[d] / prescribed[d] * 100;
            if (pct > peak) { peak = pct; peakDay = d; }
            if (pct > HighPct) above++;
            if (pct < LowPct) below++;
        }
        return counted == 0 ? null : new DailyDose(counted, peak, peakDay, above, below);
    }

    /// <summary>Adds <paramref name="amount"/>, spread evenly over seconds [from, to), to the days it covers.</summary>
    private static void Share(double[] perDay, long from, long to, double amount)
    {
        var span = to - from;
        for (var t = from; t < to;)
        {
            var day = t / 86_400;
            var end = Math.Min(to, (day + 1) * 86_400);
            if (day < perDay.Length) perDay[day] += amount * (end - t) / span;
            t = end;
        }
    }
}
