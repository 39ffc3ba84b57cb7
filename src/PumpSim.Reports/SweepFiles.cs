using System.Globalization;
using System.Text.Json;
using PumpSim.Core.Sweeps;

namespace PumpSim.Reports;

/// <summary>What a sweep is, as aggregate.json records it: enough for `pumpsim merge` to check that
/// shards belong together and to write the file the whole sweep writes.</summary>
public sealed record SweepMeta(string Scenario, ulong Seed, int Runs, IReadOnlyList<SweepMetaKey> Vary)
{
    /// <summary>SHA-256 of the scenario file's bytes and the engine step (<see cref="SweepFiles.ScenarioHash"/>):
    /// two shards swept from different versions of a file with the same id must not merge.</summary>
    public string ScenarioSha256 { get; init; } = "";

    /// <summary>The engine step in seconds (0: not recorded, a file from before it was): the step is
    /// part of the hash too, and recorded on its own so merge can name it as the difference.</summary>
    public long StepSeconds { get; init; }
}

public sealed record SweepMetaKey(string Key, string Distribution, double Min, double Max);

/// <summary>runs.csv and aggregate.json of `pumpsim sweep` and `pumpsim merge`, and their reader.
/// Plain invariant text, "\n" line ends, numbers with at most 6 decimals (<see cref="SweepRow.Format"/>),
/// so a file read back gives the very doubles that were written.</summary>
public static partial class SweepFiles
{
    public const string RunsFile = "runs.csv";
    public const string AggregateFile = "aggregate.json";

    /// <summary>Bounds on what merge reads from a shard (a shard is input, and input is not trusted).</summary>
    public const int MaxRuns = 1_000_000;
    public const int MaxAggregateBytes = 1024 * 1024;
    public const int MaxRunsCsvBytes = 512 * 1024 * 1024;
    /// <summary>No figure in runs.csv is anywhere near this; a bigger one is an edited file.</summary>
    public const double MaxMagnitude = 1e12;

    /// <summary>The content hash recorded as "scenario_sha256": the file's bytes, then the step in seconds.</summary>
    public static string ScenarioHash(byte[] scenarioBytes, long stepSeconds)
    {
        ArgumentNullException.ThrowIfNull(scenarioBytes);
        using var sha = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        sha.AppendData(scenarioBytes);
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes("\nstep=" + stepSeconds.ToString(CultureInfo.InvariantCulture)));
        return Convert.ToHexString(sha.GetHashAndReset()).ToLowerInvariant();
    }

    public static SweepMeta Meta(Sweep sweep, string scenarioId) => new(scenarioId, sweep.Plan.Seed, sweep.Runs,
        sweep.Variations.Select(v =>
        {
            var (min, max) = v.Key.Domain(sweep.Plan);
            return new SweepMetaKey(v.Key.Name, v.Distribution.Describe(), SweepRow.Quantise(min), SweepRow.Quantise(max));
        }).ToArray());

    public static IReadOnlyList<OutputFile> Files(SweepMeta meta, ShardSpec shard, IReadOnlyList<SweepRow> rows) =>
    [
        OutputFile.Text(RunsFile, w => WriteRuns(w, meta, rows)),
        new OutputFile(AggregateFile, s => WriteAggregate(s, meta, shard, rows)),
    ];

    /// <summary>The runs.csv column of a --vary key: the key, with its unit appended where the key's name
    /// does not already carry one (refill.delay and catheter.fault_time are hours), so a reader of the
    /// CSV alone knows the unit. The --vary keys themselves are unchanged.</summary>
    public static string Column(string key) => key is SweepKey.RefillDelay or SweepKey.CatheterFaultTime ? key + "_h" : key;

    public static string Header(SweepMeta meta)
    {
        var cols = new List<string> { "run" };
        cols.AddRange(meta.Vary.Select(v => Column(v.Key)));
        cols.AddRange(["clamped", "delivered_csf_mcg", "programmed_mcg"]);
        foreach (var a in SweepRow.AlarmColumns) { cols.Add(a + "_raised"); cols.Add(a + "_first_day"); }
        cols.AddRange(["true_empty_before_lra", "withdrawal_risk", "final_therapy_state"]);
        return string.Join(",", cols);
    }

    public static void WriteRuns(TextWriter w, SweepMeta meta, IReadOnlyList<SweepRow> rows)
    {
        w.Write(Header(meta));
        w.Write('\n');
        foreach (var r in rows.OrderBy(r => r.Run))
        {
            var cells = new List<string> { r.Run.ToString(CultureInfo.InvariantCulture) };
            cells.AddRange(r.Values.Select(SweepRow.Format));
            cells.Add(string.Join(";", r.Clamped));
            cells.Add(SweepRow.Format(r.DeliveredCsfMcg));
            cells.Add(SweepRow.Format(r.ProgrammedMcg));
            foreach (var d in r.AlarmFirstRaiseDay) { cells.Add(Bool(d is not null)); cells.Add(d is { } v ? SweepRow.Format(v) : ""); }
            cells.Add(Bool(r.TrueEmptyBeforeLra));
            cells.Add(Bool(r.WithdrawalRisk));
            cells.Add(r.FinalTherapyState);
            w.Write(string.Join(",", cells));
            w.Write('\n');
        }
    }

    private static string Bool(bool b) => b ? "true" : "false";

    public static void WriteAggregate(Stream output, SweepMeta meta, ShardSpec shard, IReadOnlyList<SweepRow> rows)
    {
        var a = SweepAggregate.Of(rows, meta.Vary.Select(v => v.Key).ToArray());
        using var json = new Utf8JsonWriter(output, JsonOptions.Pretty);
        json.WriteStartObject();
        json.WriteString("scenario", meta.Scenario);
        if (meta.ScenarioSha256.Length > 0) json.WriteString("scenario_sha256", meta.ScenarioSha256);
        if (meta.StepSeconds > 0) json.WriteNumber("step_seconds", meta.StepSeconds);
        json.WriteNumber("seed", meta.Seed);
        json.WriteNumber("runs", meta.Runs);
        if (!shard.IsWhole)
        {
            json.WriteString("shard", shard.ToString());
            json.WriteString("shard_rule", "run % n == i");
        }
        json.WriteNumber("rows", a.Runs);
        json.WriteString("rng", "SplitMix64 seeded by (scenario seed, run index)");
        json.WriteStartArray("vary");
        foreach (var v in meta.Vary)
        {
            json.WriteStartObject();
            json.WriteString("key", v.Key);
            json.WriteString("distribution", v.Distribution);
            json.WriteStartArray("domain");
            Raw(json, v.Min);
            Raw(json, v.Max);
            json.WriteEndArray();
            json.WriteNumber("clamped_runs", a.Clamped.First(c => c.Key == v.Key).Count);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartObject("alarms");
        foreach (var (alarm, count, p) in a.Alarms) Probability(json, alarm, count, p);
        json.WriteEndObject();
        Probability(json, "true_empty_before_lra", a.TrueEmptyBeforeLraCount, a.TrueEmptyBeforeLraProbability);
        Probability(json, "withdrawal_risk", a.WithdrawalRiskCount, a.WithdrawalRiskProbability);
        json.WriteStartObject("delivered_csf_mcg");
        json.WritePropertyName("p5"); Raw(json, a.DeliveredP5);
        json.WritePropertyName("p50"); Raw(json, a.DeliveredP50);
        json.WritePropertyName("p95"); Raw(json, a.DeliveredP95);
        json.WritePropertyName("mean"); Raw(json, a.DeliveredMean);
        json.WriteString("percentile_method", "nearest rank");
        json.WriteEndObject();
        json.WriteStartObject("final_therapy_state");
        foreach (var (state, count) in a.FinalTherapyStates) json.WriteNumber(state, count);
        json.WriteEndObject();
        json.WriteString("disclaimer", SummaryWriter.Disclaimer);
        json.WriteEndObject();
    }

    private static void Probability(Utf8JsonWriter json, string name, int count, double p)
    {
        json.WriteStartObject(name);
        json.WriteNumber("runs", count);
        json.WritePropertyName("probability");
        Raw(json, p);
        json.WriteEndObject();
    }

    // Through decimal, which keeps the text's digits: "0.8" stays 0.8, never 0.80000000000000004.
    private static void Raw(Utf8JsonWriter json, double v) =>
        json.WriteNumberValue(decimal.Parse(SweepRow.Format(v), NumberStyles.Float, CultureInfo.InvariantCulture));

    /// <summary>Reads a shard's (or a whole sweep's) aggregate.json: the sweep it belongs to and its shard.</summary>
    public static (SweepMeta Meta, ShardSpec Shard) ReadMeta(string json, string where)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            var vary = root.GetProperty("vary").EnumerateArray().Select(v => new SweepMetaKey(
                v.GetProperty("key").GetString()!, v.GetProperty("distribution").GetString()!,
                v.GetProperty("domain")[0].GetDouble(), v.GetProperty("domain")[1].GetDouble())).ToArray();
            var shard = root.TryGetProperty("shard", out var s) ? ShardSpec.Parse(s.GetString()!) : ShardSpec.Whole;
            var runs = root.GetProperty("runs").GetInt32();
            if (runs < 1 || runs > MaxRuns) throw new SweepException($"{where}: \"runs\" is {runs}; a sweep has 1 to {MaxRuns} runs");
            if (vary.Length > SweepKey.All.Count) throw new SweepException($"{where}: more --vary keys than there are");
            foreach (var v in vary)
            {
                if (SweepKey.All.All(k => k.Name != v.Key)) throw new SweepException($"{where}: unknown --vary key '{v.Key}'");
                if (!double.IsFinite(v.Min) || !double.IsFinite(v.Max) || Math.Abs(v.Min) > MaxMagnitude || Math.Abs(v.Max) > MaxMagnitude)
                    throw new SweepException($"{where}: the domain of {v.Key} is out of range");
            }
            var hash = root.TryGetProperty("scenario_sha256", out var h) ? h.GetString() ?? "" : "";
            var step = root.TryGetProperty("step_seconds", out var st) ? st.GetInt64() : 0;
            if (step < 0) throw new SweepException($"{where}: \"step_seconds\" is {step}");
            return (new SweepMeta(root.GetProperty("scenario").GetString()!, root.GetProperty("seed").GetUInt64(),
                runs, vary)
            { ScenarioSha256 = hash, StepSeconds = step }, shard);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or IndexOutOfRangeException or OverflowException or ArgumentException)
        {
            throw new SweepException($"{where}: not a sweep aggregate.json ({e.Message})");
        }
    }

    /// <summary>Reads runs.csv back into rows; the header must be the one <paramref name="meta"/> gives.</summary>
    public static IReadOnlyList<SweepRow> ReadRuns(string text, SweepMeta meta, string where)
    {
        // A runs.csv that went through a Windows editor or git's autocrlf has "\r\n" line ends.
        var lines = text.Split('\n').Select(l => l.EndsWith('\r') ? l[..^1] : l).ToArray();
        if (lines.Length == 0 || lines[0] != Header(meta))
            throw new SweepException($"{where}: the header does not match the sweep in aggregate.json");
        var rows = new List<SweepRow>();
        var k = meta.Vary.Count;
        var alarms = SweepRow.AlarmColumns.Count;
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0) continue;
            var c = lines[i].Split(',');
            if (c.Length != 1 + k + 3 + 2 * alarms + 3) throw new SweepException($"{where}:{i + 1}: expected {1 + k + 3 + 2 * alarms + 3} cells, got {c.Length}");
            try
            {
                var p = 0;
                var run = int.Parse(c[p++], NumberStyles.None, CultureInfo.InvariantCulture);
                if (run >= meta.Runs) throw new FormatException($"run {run} is beyond the sweep's {meta.Runs} runs");
                if (rows.Count >= meta.Runs) throw new FormatException($"more rows than the sweep's {meta.Runs} runs");
                var values = new double[k];
                for (var j = 0; j < k; j++)
                {
                    values[j] = Num(c[p++]);
                    if (values[j] < meta.Vary[j].Min || values[j] > meta.Vary[j].Max)
                        throw new FormatException($"{Column(meta.Vary[j].Key)} {SweepRow.Format(values[j])} is outside its domain [{SweepRow.Format(meta.Vary[j].Min)}, {SweepRow.Format(meta.Vary[j].Max)}]");
                }
                var clamped = c[p].Length == 0 ? [] : c[p].Split(';');
                // Only the sweep's own keys: anything else (say "=HYPERLINK(...)") would reach a spreadsheet.
                foreach (var key in clamped)
                    if (meta.Vary.All(v => v.Key != key)) throw new FormatException($"'clamped' names '{Shorten(key)}', which is not a --vary key of this sweep");
                p++;
                var delivered = NonNegative(c[p++], "delivered_csf_mcg");
                var programmed = NonNegative(c[p++], "programmed_mcg");
                var first = new double?[alarms];
                for (var j = 0; j < alarms; j++)
                {
                    var raised = ParseBool(c[p++]);
                    var day = c[p++];
                    first[j] = raised ? NonNegative(day, SweepRow.AlarmColumns[j] + "_first_day") : null;
                }
                var empty = ParseBool(c[p++]);
                var withdrawal = ParseBool(c[p++]);
                if (!StateName().IsMatch(c[p])) throw new FormatException($"'final_therapy_state' must be a state name such as infusing, got '{Shorten(c[p])}'");
                rows.Add(new SweepRow(run, values, clamped, delivered, programmed, first, empty, withdrawal, c[p]));
            }
            catch (Exception e) when (e is FormatException or OverflowException) { throw new SweepException($"{where}:{i + 1}: {e.Message}"); }
        }
        return rows;
    }

    /// <summary>A finite number of sane size: NaN, Infinity and 1e300 are edits, not results.</summary>
    private static double Num(string s)
    {
        var v = double.Parse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture);
        if (!double.IsFinite(v) || Math.Abs(v) > MaxMagnitude) throw new FormatException($"'{Shorten(s)}' is out of range (at most {MaxMagnitude:0e0} in size)");
        return v;
    }

    /// <summary>A dose or a day: a sweep never delivers less than nothing nor raises an alarm before its start.</summary>
    private static double NonNegative(string s, string column)
    {
        var v = Num(s);
        if (v < 0) throw new FormatException($"{column} is {Shorten(s)}; it cannot be negative");
        return v;
    }

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z][a-z0-9-]{0,63}$")]
    private static partial System.Text.RegularExpressions.Regex StateName();

    private static bool ParseBool(string s) => s switch
    {
        "true" => true,
        "false" => false,
        _ => throw new FormatException($"'{s}' is not true or false"),
    };
}
