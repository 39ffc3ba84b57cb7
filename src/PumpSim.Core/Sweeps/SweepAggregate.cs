namespace PumpSim.Core.Sweeps;

/// <summary>What aggregate.json says about a set of runs. Computed from the rows alone (sorted by
/// run index first), so merging shards is: concatenate the rows, sort, aggregate.</summary>
public sealed record SweepAggregate(
    int Runs,
    IReadOnlyList<(string Alarm, int Count, double Probability)> Alarms,
    int TrueEmptyBeforeLraCount,
    double TrueEmptyBeforeLraProbability,
    int WithdrawalRiskCount,
    double WithdrawalRiskProbability,
    double DeliveredP5, double DeliveredP50, double DeliveredP95, double DeliveredMean,
    IReadOnlyList<(string State, int Count)> FinalTherapyStates,
    IReadOnlyList<(string Key, int Count)> Clamped)
{
    public static SweepAggregate Of(IEnumerable<SweepRow> rows, IReadOnlyList<string> keys)
    {
        var sorted = rows.OrderBy(r => r.Run).ToArray();
        var n = sorted.Length;
        if (n == 0) throw new SweepException("no runs to aggregate");
        double P(int count) => SweepRow.Quantise((double)count / n);
        var alarms = SweepRow.AlarmColumns.Select((id, i) =>
        {
            var c = sorted.Count(r => r.AlarmFirstRaiseDay[i] is not null);
            return (id, c, P(c));
        }).ToArray();
        var empty = sorted.Count(r => r.TrueEmptyBeforeLra);
        var withdrawal = sorted.Count(r => r.WithdrawalRisk);
        var delivered = sorted.Select(r => r.DeliveredCsfMcg).Order().ToArray();
        var sum = 0.0;
        foreach (var r in sorted) sum += r.DeliveredCsfMcg; // run order: a fixed summation order
        var states = sorted.GroupBy(r => r.FinalTherapyState).Select(g => (g.Key, g.Count()))
            .OrderBy(s => s.Key, StringComparer.Ordinal).ToArray();
        var clamped = keys.Select(k => (k, sorted.Count(r => r.Clamped.Contains(k)))).ToArray();
        return new SweepAggregate(n, alarms, empty, P(empty), withdrawal, P(withdrawal),
            NearestRank(delivered, 5), NearestRank(delivered, 50), NearestRank(delivered, 95),
            SweepRow.Quantise(sum / n), states, clamped);
    }

    /// <summary>The nearest-rank percentile of sorted values: the value at rank ceil(p/100 × n)
    /// (1-based), no interpolation, so it is always one of the runs' own values.</summary>
    public static double NearestRank(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0) throw new ArgumentException("no values", nameof(sorted));
        var rank = (int)Math.Ceiling(p / 100 * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }
}
