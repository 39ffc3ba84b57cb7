using System.Globalization;
using System.Text.Json;
using PumpSim.Core.Sweeps;

namespace PumpSim.Reports;

/// <summary>What `pumpsim merge` checks of one shard beyond its files' syntax: its rows belong to
/// its shard, and its aggregate.json is the one its own runs.csv gives (an edited runs.csv, or an
/// edited aggregate.json, disagrees with the other). Also which field makes two shards different sweeps.</summary>
public static class SweepShardCheck
{
    /// <summary>Throws a <see cref="SweepException"/> naming the first figure where <paramref name="aggregateJson"/>
    /// and the aggregate recomputed from <paramref name="rows"/> differ.</summary>
    public static void Check(string aggregateJson, SweepMeta meta, ShardSpec shard, IReadOnlyList<SweepRow> rows, string where)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var foreign = rows.FirstOrDefault(r => !shard.Owns(r.Run));
        if (foreign is not null)
            throw new SweepException($"{where}: run {foreign.Run} does not belong to shard {shard} (run % {shard.Count} must be {shard.Index})");
        using var expected = new MemoryStream();
        SweepFiles.WriteAggregate(expected, meta, shard, rows);
        using var mine = JsonDocument.Parse(expected.ToArray());
        using var theirs = JsonDocument.Parse(aggregateJson);
        if (FirstDifference(theirs.RootElement, mine.RootElement, "") is { } d)
            throw new SweepException($"{where}: {SweepFiles.AggregateFile} says {d.Path} is {d.Recorded}, but its {SweepFiles.RunsFile} gives {d.Computed}: "
                + "the two files of this shard disagree (one was edited or damaged); re-run the shard");
    }

    /// <summary>Why <paramref name="other"/> is not the sweep <paramref name="first"/> is, or null when it is.</summary>
    public static string? Difference(SweepMeta first, SweepMeta other)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(other);
        if (first.Scenario != other.Scenario) return $"scenario '{other.Scenario}', not '{first.Scenario}'";
        if (first.StepSeconds > 0 && other.StepSeconds > 0 && first.StepSeconds != other.StepSeconds)
            return $"swept with --step {Step(other.StepSeconds)}, not {Step(first.StepSeconds)}; every shard of a sweep must use the same --step";
        if (first.ScenarioSha256 != other.ScenarioSha256) return "the scenario file's content differs (scenario_sha256): was it edited between shards?";
        if (first.Seed != other.Seed) return $"seed {other.Seed}, not {first.Seed}";
        if (first.Runs != other.Runs) return $"--runs {other.Runs}, not {first.Runs}";
        if (!first.Vary.SequenceEqual(other.Vary)) return "its --vary keys, distributions or domains differ";
        return null;
    }

    private static string Step(long seconds) => PumpSim.Core.Units.SimDuration.FromSeconds(seconds).ToString();

    private static (string Path, string Recorded, string Computed)? FirstDifference(JsonElement recorded, JsonElement computed, string path)
    {
        if (recorded.ValueKind != computed.ValueKind && !(IsBool(recorded) && IsBool(computed)))
            return (Name(path), recorded.GetRawText(), computed.GetRawText());
        switch (computed.ValueKind)
        {
            case JsonValueKind.Object:
                var a = recorded.EnumerateObject().ToArray();
                var b = computed.EnumerateObject().ToArray();
                for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
                {
                    if (i >= a.Length) return (Name(path + "." + b[i].Name), "missing", b[i].Value.GetRawText());
                    if (i >= b.Length) return (Name(path + "." + a[i].Name), a[i].Value.GetRawText(), "nothing");
                    if (a[i].Name != b[i].Name) return (Name(path + "." + b[i].Name), "missing", b[i].Value.GetRawText());
                    if (FirstDifference(a[i].Value, b[i].Value, path + "." + a[i].Name) is { } d) return d;
                }
                return null;
            case JsonValueKind.Array:
                var x = recorded.EnumerateArray().ToArray();
                var y = computed.EnumerateArray().ToArray();
                if (x.Length != y.Length) return (Name(path), recorded.GetRawText(), computed.GetRawText());
                for (var i = 0; i < x.Length; i++)
                    if (FirstDifference(x[i], y[i], path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]") is { } d) return d;
                return null;
            case JsonValueKind.Number:
                var same = recorded.TryGetDecimal(out var r) && computed.TryGetDecimal(out var c) ? r == c : recorded.GetRawText() == computed.GetRawText();
                return same ? null : (Name(path), recorded.GetRawText(), computed.GetRawText());
            default:
                return recorded.GetRawText() == computed.GetRawText() ? null : (Name(path), recorded.GetRawText(), computed.GetRawText());
        }
    }

    private static bool IsBool(JsonElement e) => e.ValueKind is JsonValueKind.True or JsonValueKind.False;

    private static string Name(string path) => "\"" + path.TrimStart('.') + "\"";
}
