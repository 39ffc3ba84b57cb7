namespace PumpSim.Reports;

/// <summary>Thins long series before charting. A year at the default 15-minute sample is 35 040
/// points a series; as SVG paths that makes a page of many megabytes for a chart ~800 px wide.
/// Each bucket keeps its first, lowest, highest and last point (and its first gap), in their
/// original order, so peaks, steps and gaps survive: only points no pixel could show are dropped.
/// Deterministic: buckets depend only on the point count.</summary>
internal static class ChartDecimator
{
    /// <summary>About two points per horizontal pixel of a chart, with four kept per bucket.</summary>
    public const int MaxBuckets = 500;

    public static (double[] X, double[] Y) Thin(double[] xs, double[] ys, int maxBuckets = MaxBuckets)
    {
        if (xs.Length != ys.Length) throw new ArgumentException("x and y must have the same length.");
        if (xs.Length <= maxBuckets * 4) return (xs, ys);
        var keep = new List<int>(maxBuckets * 5);
        for (var b = 0; b < maxBuckets; b++)
        {
            var from = (int)((long)b * xs.Length / maxBuckets);
            var to = (int)((long)(b + 1) * xs.Length / maxBuckets); // exclusive
            if (to <= from) continue;
            int lo = -1, hi = -1, gap = -1;
            for (var i = from; i < to; i++)
            {
                var y = ys[i];
                if (double.IsNaN(y)) { if (gap < 0) gap = i; continue; }
                if (lo < 0 || y < ys[lo]) lo = i;
                if (hi < 0 || y > ys[hi]) hi = i;
            }
            var picked = new SortedSet<int> { from, to - 1 };
            if (lo >= 0) picked.Add(lo);
            if (hi >= 0) picked.Add(hi);
            if (gap >= 0) picked.Add(gap);
            keep.AddRange(picked);
        }
        return (keep.Select(i => xs[i]).ToArray(), keep.Select(i => ys[i]).ToArray());
    }
}
