using System.Text;
using CsCheck;
using Xunit.Abstractions;

namespace PumpSim.Scenarios.Tests.Fuzz;

/// <summary>A bounded fuzz of the scenario loader (see docs/testing.md): the valid example files
/// mutated at byte, line and token level, and random YAML built from the format's own keys.
/// CI runs a fixed number of inputs; PUMPSIM_PROPERTY_ITER / PUMPSIM_FUZZ_SECONDS run more.</summary>
public class LoaderFuzzTests(ITestOutputHelper output)
{
    private static string RepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "PumpSim.sln")) || Directory.Exists(Path.Combine(d.FullName, "scenarios")) && Directory.Exists(Path.Combine(d.FullName, "src")))
                return d.FullName;
        return AppContext.BaseDirectory;
    }

    /// <summary>The seed corpus: valid example files (test data and the repo's scenarios), plus the bad-file corpus.</summary>
    internal static readonly string[] Corpus = LoadCorpus(withBad: true);
    internal static readonly string[] ValidCorpus = LoadCorpus(withBad: false);

    private static string[] LoadCorpus(bool withBad)
    {
        var data = Path.Combine(AppContext.BaseDirectory, "Data");
        var files = Directory.GetFiles(data, "*.yaml")
            .Concat(withBad ? Directory.GetFiles(Path.Combine(data, "bad"), "*.yaml") : [])
            .Concat(Directory.Exists(Path.Combine(RepoRoot(), "scenarios"))
                ? Directory.GetFiles(Path.Combine(RepoRoot(), "scenarios"), "*.yaml", SearchOption.AllDirectories)
                    .Where(f => Path.GetFileName(f) != PumpSim.Scenarios.Requirements.RequirementCatalog.FileName) : [])
            .Order(StringComparer.Ordinal);
        return files.Select(f => File.ReadAllText(f)).Where(t => t.Length > 0).ToArray();
    }

    /// <summary>Tokens that stress a YAML reader and the scenario reader.</summary>
    internal static readonly string[] Tokens =
    [
        ":", ": ", "- ", "-", "{", "}", "[", "]", ",", "&a ", "*a", "&x [1, *x]", "!!str ", "!!binary ", "!custom ", "\t", "\n", "\r\n", "\r",
        "  ", "    ", "#", "'", "\"", "|", ">", "|-", ">+", "? ", "---\n", "...\n", "%YAML 1.2\n", "%TAG ! tag:x:\n", "<<: *a", "<<: {a: 1}",
        "1e309", "-1e309", ".nan", ".NaN", ".inf", "-.inf", "0x10", "0o17", "1_000", "99999999999999999999", "-0", "1e-400", "NaN", "Infinity",
        "P3DT4H", "PT", "P", "1d2h", "100y", "5218w", "-1s", "0s", "1.5h", "999999999999999d", "2026-13-45T99:99:99Z", "2026-01-01", "9999-12-31T23:59:59Z",
        "null", "~", "true", "yes", "on", "\"\"", "''", "[]", "{}", "é", "\U0001F600", "\u200B", "\uFEFF", "\u0085", "\u2028", "\\", "\\u0000",
        "synchromed-ii-40", "kink", "revision", "pocket", "all", "weekly", "flex", "mon", "25:00", "07:60",
    ];

    internal static readonly string[] Keys =
    [
        "scenario", "title", "description", "covers", "start", "duration", "step", "sample", "seed", "pump", "model", "low_reservoir_alarm_ml",
        "accuracy_pct", "battery", "life_remaining_days", "catheter", "volume_ml", "contents", "drug", "name", "concentration_mcg_per_ml",
        "reservoir_ml", "therapy", "mode", "repeat", "steps", "start", "day", "rate_mcg_per_day", "rate_ml_per_day", "ptm", "dose_mcg",
        "lockout", "max_per_day", "patient", "maintenance_mcg_per_day", "events", "at", "fault", "fraction", "refill", "add_ml", "withdraw",
        "program_volume_ml", "into", "bridge_bolus", "program", "bolus", "priming_bolus", "ptm_request", "mri", "recovery", "interrogate",
        "silence", "motor_stall", "permanent", "every", "count", "memory_error", "critical", "battery_reset", "replace_pump", "accuracy",
        "narration", "text", "expect", "alarm", "raised", "after", "before", "never", "event", "delivered_mcg", "from", "to", "equals",
        "tolerance_pct", "true", "approx", "tolerance", "estimated", "state", "flag", "refill_discrepancy_limit_ml",
    ];

    // ---- mutations ----------------------------------------------------------------------------

    private enum Op { FlipByte, DeleteSpan, InsertToken, ReplaceToken, DeleteLine, DuplicateLine, SwapLines, Indent, Dedent, ReplaceScalar, InsertKey, TruncateAt }

    private static readonly Gen<(int Op, int A, int B, int Token)> Mutation =
        Gen.Select(Gen.Int[0, Enum.GetValues<Op>().Length - 1], Gen.Int[0, int.MaxValue / 2], Gen.Int[0, int.MaxValue / 2], Gen.Int[0, Tokens.Length + Keys.Length - 1]);

    private static string Apply(string text, (int Op, int A, int B, int Token) m)
    {
        if (text.Length == 0) return Tokens[m.Token % Tokens.Length];
        var token = m.Token < Tokens.Length ? Tokens[m.Token] : Keys[m.Token - Tokens.Length] + ": ";
        var at = m.A % (text.Length + 1);
        var lines = text.Split('\n').ToList();
        var li = m.A % lines.Count; var lj = m.B % lines.Count;
        switch ((Op)m.Op)
        {
            case Op.FlipByte:
                if (at == text.Length) return text;
                return text[..at] + (char)(text[at] ^ (1 << (m.B % 7))) + text[(at + 1)..];
            case Op.DeleteSpan: return text[..at] + text[Math.Min(text.Length, at + m.B % 40)..];
            case Op.InsertToken: return text[..at] + token + text[at..];
            case Op.ReplaceToken: return text[..at] + token + text[Math.Min(text.Length, at + token.Length)..];
            case Op.DeleteLine: lines.RemoveAt(li); break;
            case Op.DuplicateLine: lines.Insert(lj, lines[li]); break;
            case Op.SwapLines: (lines[li], lines[lj]) = (lines[lj], lines[li]); break;
            case Op.Indent: lines[li] = new string(' ', 1 + m.B % 6) + lines[li]; break;
            case Op.Dedent: lines[li] = lines[li].TrimStart(); break;
            case Op.ReplaceScalar:
                {
                    var colon = lines[li].IndexOf(": ", StringComparison.Ordinal);
                    if (colon < 0) return text;
                    lines[li] = lines[li][..(colon + 2)] + Tokens[m.Token % Tokens.Length];
                    break;
                }
            case Op.InsertKey: lines.Insert(li, new string(' ', 2 * (m.B % 3)) + Keys[m.Token % Keys.Length] + ": " + Tokens[m.B % Tokens.Length]); break;
            case Op.TruncateAt: return text[..at];
        }
        return string.Join('\n', lines);
    }

    private static Gen<string> Mutated => Gen.Frequency(
        // mostly one or two mutations of a valid file, so the deeper checks are reached
        (4, Gen.Select(Gen.Int[0, ValidCorpus.Length - 1], Mutation.Array[1, 2]).Select(t => t.Item2.Aggregate(ValidCorpus[t.Item1], Apply))),
        (1, Gen.Select(Gen.Int[0, Corpus.Length - 1], Mutation.Array[1, 6]).Select(t => t.Item2.Aggregate(Corpus[t.Item1], Apply))));

    // ---- random YAML from the format's keys ---------------------------------------------------

    private static Gen<string> Scalar => Gen.Frequency(
        (4, Gen.Int[0, Tokens.Length - 1].Select(i => Tokens[i].Trim() is { Length: > 0 } t && !t.Contains('\n') ? t : "x")),
        (3, Gen.Double[-1e6, 1e6].Select(d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture))),
        (2, Gen.Int[-5, 100].Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        (2, Gen.OneOf("1d", "15m", "3d", "1h", "1s", "2w", "P3DT4H", "90s")),
        (1, Gen.String[Gen.Char, 0, 12].Select(s => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"")));

    private static Gen<string> Node(int depth) => depth <= 0 ? Scalar : Gen.Frequency(
        (4, Scalar),
        (2, Gen.Select(Gen.Int[0, Keys.Length - 1], Gen.Int[0, 4]).Array[0, 6].SelectMany(entries =>
            Node(depth - 1).Array[entries.Length, entries.Length].Select(values =>
                "{ " + string.Join(", ", entries.Select((e, i) => Keys[e.Item1] + ": " + values[i])) + " }"))),
        (1, Node(depth - 1).Array[0, 4].Select(items => "[" + string.Join(", ", items) + "]")));

    private static Gen<string> RandomDocument =>
        Gen.Select(Gen.Int[0, Keys.Length - 1], Gen.Bool).Array[1, 14].SelectMany(keys =>
            Node(3).Array[keys.Length, keys.Length].Select(values =>
                string.Concat(keys.Select((k, i) => k.Item2 && i > 0 ? $"  {Keys[k.Item1]}: {values[i]}\n" : $"{Keys[k.Item1]}: {values[i]}\n"))));

    private static Gen<string> Generated => Gen.Frequency((1, RandomDocument),
        // a valid head so the deeper readers are reached
        (2, RandomDocument.Select(d => "duration: 3d\n" + d)));

    // ---- the tests ----------------------------------------------------------------------------

    private static long Iter(long ci) =>
        long.TryParse(Environment.GetEnvironmentVariable("PUMPSIM_PROPERTY_ITER"), out var n) && n > 0 ? n * 10 : ci;

    private void Fuzz(Gen<string> gen, long ciIter, Func<string, string?> crash, bool someMustLoad = true)
    {
        int tried = 0, loaded = 0;
        var inner = crash;
        crash = text =>
        {
            var before = LoaderOracle.Loaded;
            var r = inner(text);
            tried++;
            if (LoaderOracle.Loaded != before) loaded++;
            return r;
        };
        void Assert(string text)
        {
            if (crash(text) is { } why) throw new Xunit.Sdk.XunitException(why);
        }
        // Pinned cases in CI (the same inputs every run), fresh ones on demand: see PropertyRun.
        PumpSim.Core.Tests.Properties.PropertyRun.Sample(gen, Assert, Iter(ciIter), LoaderOracle.Show);
        output.WriteLine($"fuzz: {tried} inputs, {loaded} loaded, {tried - loaded} refused with a located error, 0 crashes");
        // Mutants of valid files must sometimes still load, or the fuzz only exercises the first
        // error; random documents built from the keys rarely make a whole valid scenario.
        if (someMustLoad) loaded.Should().BeGreaterThan(0, "some mutants must still load, or the fuzz only exercises the first error");
        (tried - loaded).Should().BeGreaterThan(0);
    }

    [Fact]
    public void TheSeedCorpus_LoadsCleanly()
    {
        ValidCorpus.Length.Should().BeGreaterThan(1);
        Corpus.Length.Should().BeGreaterThan(ValidCorpus.Length);
        foreach (var text in Corpus) LoaderOracle.Crash(text).Should().BeNull();
        foreach (var text in ValidCorpus) LoaderOracle.Guard(() => ScenarioLoader.Parse(text, "valid.yaml"), out var kind).Should().BeNull();
    }

    [Fact]
    public void MutatedExampleFiles_LoadOrAreRefusedWithALocatedError() => Fuzz(Mutated, 3000, LoaderOracle.Crash);

    [Fact]
    public void MutatedExampleBytes_LoadOrAreRefusedWithALocatedError() =>
        Fuzz(Gen.Select(Mutated, Gen.Int[0, int.MaxValue], Gen.Byte, Gen.Int[0, 3]).Select(t =>
        {
            // Raw bytes too: invalid UTF-8, a BOM, a NUL, a stray high byte.
            var bytes = Encoding.UTF8.GetBytes(t.Item1).ToList();
            var at = bytes.Count == 0 ? 0 : t.Item2 % bytes.Count;
            switch (t.Item4)
            {
                case 0: bytes.Insert(at, t.Item3); break;
                case 1: bytes.InsertRange(0, Encoding.UTF8.Preamble.ToArray()); break;
                case 2: if (bytes.Count > 0) bytes[at] = t.Item3; break;
            }
            return Convert.ToBase64String(bytes.ToArray());
        }), 500, b64 => LoaderOracle.CrashBytes(Convert.FromBase64String(b64)));

    [Fact]
    public void RandomYamlFromTheFormatsKeys_LoadsOrIsRefusedWithALocatedError() => Fuzz(Generated, 1500, LoaderOracle.Crash, someMustLoad: false);

    /// <summary>Crashers the fuzz found, kept as files: each must now load or be refused cleanly.</summary>
    [Fact]
    public void FoundCrashers_StayFixed()
    {
        var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Data", "fuzz"));
        files.Should().NotBeEmpty();
        foreach (var f in files)
            LoaderOracle.CrashBytes(File.ReadAllBytes(f)).Should().BeNull(because: Path.GetFileName(f));
    }
}
