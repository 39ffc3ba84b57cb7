namespace PumpSim.Core.Sweeps;

/// <summary>One varied parameter, written KEY=DIST: a <see cref="SweepKey"/> and the distribution it is drawn from.</summary>
public sealed record Variation(SweepKey Key, Distribution Distribution)
{
    public string Describe() => $"{Key.Name}={Distribution.Describe()}";

    public static Variation Parse(string text)
    {
        var eq = text.IndexOf('=');
        if (eq <= 0) throw new SweepException(SweepInput.Variation, $"'{text}': expected KEY=DIST, e.g. pump.accuracy_pct=normal(0,5)");
        var key = SweepKey.Find(text[..eq].Trim());
        try { return new Variation(key, Distribution.Parse(text[(eq + 1)..])); }
        catch (SweepException e) { throw new SweepException(SweepInput.Variation, $"{key.Name}: {e.Message}"); }
    }

    /// <summary>Parses every variation; a key given twice is an error (which one would win?).</summary>
    public static IReadOnlyList<Variation> ParseAll(IEnumerable<string> texts)
    {
        var list = texts.Select(Parse).ToList();
        var dup = list.GroupBy(v => v.Key.Name).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new SweepException(SweepInput.Variation, $"{dup.Key} is given more than once");
        return list;
    }
}

/// <summary>Shard i/n of a sweep: this process runs the runs r with r % n == i (round-robin, so every
/// shard gets early and late runs alike and shard sizes differ by at most one).</summary>
public readonly record struct ShardSpec(int Index, int Count)
{
    public static ShardSpec Whole => new(0, 1);
    public bool IsWhole => Count == 1;
    public bool Owns(int run) => run % Count == Index;
    public IEnumerable<int> Runs(int total) { for (var r = Index; r < total; r += Count) yield return r; }
    public override string ToString() => $"{Index}/{Count}";

    public static ShardSpec Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var i)
            || !int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n))
            throw new SweepException(SweepInput.Shard, $"'{text}': expected i/n with whole numbers, e.g. 0/4");
        if (n < 1) throw new SweepException(SweepInput.Shard, $"'{text}': n must be at least 1");
        if (i >= n) throw new SweepException(SweepInput.Shard, $"'{text}': i must be 0 to {n - 1} (shards count from 0)");
        return new ShardSpec(i, n);
    }
}
