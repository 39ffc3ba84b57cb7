namespace PumpSim.Reports;

/// <summary>Thins long series before charting. A year at the default 15-minute sample is 35 040
/// points a series; as SVG paths that makes a page of many megabytes for a chart ~800 px wide.
/// Each bucket keeps its first, lowest, highest and last point (and its first gap), in their
/// original order, so peaks, steps and gaps survive: only points no pixel could show are dropped.
/// Deterministic: buckets depend only on the point count. The web console keeps its live history
/// with <see cref="KeepIndices"/> (several series share one x), so a session's memory is bounded.</summary>
public static class ChartDecimator
{
    /// <summary>About two points per horizontal pixel of a chart, with four kept per bucket.</summary>
    public const int MaxBuckets = 500;

    public static (double[] X, double[] Y) Thin(double[] xs, double[] ys, int maxBuckets = MaxBuckets)
    {
        ArgumentNullException.ThrowIfNull(xs);
        ArgumentNullException.ThrowIfNull(ys);
        if (xs.Length != ys.Length) throw new ArgumentException("x and y must have the same length.");
        if (xs.Length <= maxBuckets * 4) return (xs, ys);
        var keep = KeepIndices(xs.Length, [i => ys[i]], maxBuckets);
        return (keep.Select(i => xs[i]).ToArray(), keep.Select(i => ys[i]).ToArray());
    }

    /// <summary>The indices, ascending, to keep of <paramref name="count"/> points read by each of
    /// <paramref name="series"/>: per bucket, its first and last point and, for every series, its
    /// lowest, its highest and its first gap (NaN).</summary>
    public static IReadOnlyList<int> KeepIndices(int count, IReadOnlyList<Func<int, double>> series, int maxBuckets = MaxBuckets)
    {
        ArgumentNullException.ThrowIfNull(series);
        var keep = new List<int>(maxBuckets * 5);
        for (var b = 0; b < maxBuckets; b++)
        {
            var from = (int)((long)b * count / maxBuckets);
            var to = (int)((long)(b + 1) * count / maxBuckets); // exclusive
            if (to <= from) continue;
            var picked = new SortedSet<int> { from, to - 1 };
            foreach (var y in series)
            {
                int lo = -1, hi = -1, gap = -1;
                for (var i = from; i < to; i++)
                {
                    var v = y(i);
                    if (double.IsNaN(v)) { if (gap < 0) gap = i; continue; }
                    if (lo < 0 || v < y(lo)) lo = i;
                    if (hi < 0 || v > y(hi)) hi = i;
                }
                if (lo >= 0) picked.Add(lo);
                if (hi >= 0) picked.Add(hi);
                if (gap >= 0) picked.Add(gap);
            }
            keep.AddRange(picked);
        }
        return keep;
    }
}
