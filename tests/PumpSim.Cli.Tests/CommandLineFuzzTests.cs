using System.Globalization;
using System.Text;
using PumpSim.Core.Engine;

namespace PumpSim.Cli.Tests;

/// <summary>Issue 13's CLI-level fuzz: random argument vectors over every verb, aimed at mutated
/// scenario files, special files and hostile option values. Whatever comes in, `pumpsim` exits
/// 0, 1 or 2, never prints a stack trace or "internal error", and writes nothing outside the
/// sandbox it was pointed at. The cases come from SplitMix64 with pinned seeds, so CI checks the
/// same cases on every run; PUMPSIM_FUZZ_CASES=N explores N cases per seed on demand
/// (docs/testing.md, "Hostile inputs").</summary>
public sealed class CommandLineFuzzTests : IDisposable
{
    private const int DefaultCases = 60;
    private readonly string _root = Cli.TempDir();

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    private static readonly string[] Verbs = ["run", "verify", "validate", "list", "play", "sweep", "merge", "trumpet", "schema", "diagram", "frobnicate"];

    private static readonly string[] HostileValues =
    [
        "0", "-1", "1", "7", "1e308", "-1e308", "NaN", "Infinity", "١٢", "١h", "999999999999999", "9223372036854775808",
        "18446744073709551616", "", " ", "/", "-", "--", "\u001b[2J", "5m", "1h", "3d", "P1D", "0/2", "1/2", "2/2", "x/y",
        "uniform(1,5)", "reservoir_ml=uniform(1,5)", "pump.accuracy_pct=normal(0,1e308)", "refill.delay=choice(0,,1)", "dot", "png",
    ];

    private static readonly string[] Options =
        ["--out", "--junit", "--step", "--seed", "--runs", "--vary", "--shard", "--workers", "--hours", "--speed", "--format", "--html", "-v", "--no-input", "--bogus"];

    /// <summary>Numbers and durations in a scenario replaced by values a parser may choke on.</summary>
    private static readonly string[] ValueMutations =
        ["0", "-1", "1e308", "١٢", "999999999999999s", "NaN", ".inf", "\"500\"", "!!str 5", "9223372036854775808", "[]", "{}", "~", "&a", "*a", "\"\\e]0;x\\a\""];

    private static readonly string[] Inserts = ["\u001b", "\u0000", "\u009b", "{", "[", ":", "\t", "\n  - ", "\"", "'", "\r", "\u202e", "&x ", "*x", "? ", "---\n"];

    public static TheoryData<ulong> Seeds() => new() { 1UL, 2UL, 3UL, 20261130UL, 0xC0FFEEUL };

    [Theory]
    [MemberData(nameof(Seeds))]
    public void RandomCommandLinesAndMutatedFiles_ExitZeroOneOrTwo_WithoutTraces_AndWriteOnlyIntoTheSandbox(ulong seed)
    {
        var cases = int.TryParse(Environment.GetEnvironmentVariable("PUMPSIM_FUZZ_CASES"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : DefaultCases;
        var rng = new SplitMix64(seed);
        var inputs = Path.Combine(_root, "in");
        Directory.CreateDirectory(inputs);
        var bases = new[]
        {
            File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "sweep-short.yaml")),
            File.ReadAllText(Repo.Path("scenarios", "dosing", "continuous-maintenance.yaml")),
        };
        var cwd = Directory.GetCurrentDirectory();
        var cwdBefore = Directory.GetFileSystemEntries(cwd).Order(StringComparer.Ordinal).ToArray();
        for (var i = 0; i < cases; i++)
        {
            var file = Path.Combine(inputs, $"case{i}.yaml");
            File.WriteAllText(file, Mutate(bases[rng.NextInt(bases.Length)], rng));
            var args = Arguments(rng, file, inputs, i);
            var r = Cli.Run(args);
            var shown = string.Join(" ", args.Select(a => $"[{a}]"));
            r.ExitCode.Should().BeOneOf([0, 1, 2], $"seed {seed} case {i}: {shown}\n{r.Error}");
            Cli.HasStackTrace(r.Out + r.Error).Should().BeFalse($"seed {seed} case {i}: {shown}\n{r.Out}{r.Error}");
            (r.Out + r.Error).Should().NotContain("internal error", $"seed {seed} case {i}: {shown}");
        }
        Directory.GetFileSystemEntries(cwd).Order(StringComparer.Ordinal).Should().Equal(cwdBefore, "nothing is written outside --out (the default out/ is never used here)");
        Directory.GetFileSystemEntries(_root).Select(Path.GetFileName).Should().OnlyContain(name => name == "in" || name!.StartsWith('o'));
    }

    private string[] Arguments(SplitMix64 rng, string file, string folder, int i)
    {
        var verb = Verbs[rng.NextInt(Verbs.Length)];
        var args = new List<string> { verb };
        // The subject: the mutated file mostly, sometimes a folder, a device, nothing or garbage.
        var subject = rng.NextInt(10) switch
        {
            < 6 => file,
            6 => folder,
            7 => "/dev/null",
            8 => Path.Combine(_root, "missing.yaml"),
            _ => HostileValues[rng.NextInt(HostileValues.Length)],
        };
        if (verb == "merge") { args.Add(Path.Combine(_root, $"o{rng.NextInt(Math.Max(1, i))}")); args.Add(subject); }
        else if (verb is not ("schema" or "diagram")) args.Add(subject);
        var extra = rng.NextInt(4);
        for (var k = 0; k < extra; k++)
        {
            var option = Options[rng.NextInt(Options.Length)];
            if (option is "--out" or "--junit") continue; // added below, always inside the sandbox
            args.Add(option);
            if (option is "--html" or "-v" or "--no-input" or "--bogus") continue;
            args.Add(option switch
            {
                "--runs" or "--workers" => rng.NextInt(3) == 0 ? HostileValues[rng.NextInt(HostileValues.Length)] : (1 + rng.NextInt(4)).ToString(CultureInfo.InvariantCulture),
                "--hours" => rng.NextInt(2) == 0 ? "2" : HostileValues[rng.NextInt(HostileValues.Length)],
                "--speed" => rng.NextInt(2) == 0 ? "0" : HostileValues[rng.NextInt(HostileValues.Length)],
                _ => HostileValues[rng.NextInt(HostileValues.Length)],
            });
        }
        if (verb is "run" or "sweep" or "trumpet" or "merge") { args.Add("--out"); args.Add(Path.Combine(_root, $"o{i}")); }
        if (verb == "sweep" && !args.Contains("--runs")) { args.Add("--runs"); args.Add("3"); }
        if (verb == "play") { args.Add("--no-input"); if (!args.Contains("--speed")) { args.Add("--speed"); args.Add("0"); } }
        if (verb == "verify" && rng.NextInt(2) == 0)
        {
            args.Add("--junit");
            // Written through, so never the machine's /dev/null: a private one (mknod, as root in CI) or a file.
            args.Add(rng.NextInt(3) switch { 0 => "-", 1 => NullDevice(), _ => Path.Combine(_root, $"o{i}.xml") });
        }
        return args.ToArray();
    }

    private string? _nullDevice;

    private string NullDevice()
    {
        if (_nullDevice is not null) return _nullDevice;
        var path = Path.Combine(_root, "onull");
        try
        {
            using var p = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("mknod", [path, "c", "1", "3"]) { RedirectStandardError = true });
            p!.WaitForExit();
            if (p.ExitCode == 0) { using var probe = new FileStream(path, FileMode.Open, FileAccess.Write); }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception) { }
        return _nullDevice = path; // a regular file if mknod was not allowed: still a valid --junit target
    }

    private static string Mutate(string text, SplitMix64 rng)
    {
        var lines = text.Split('\n').ToList();
        var count = 1 + rng.NextInt(4);
        for (var m = 0; m < count && lines.Count > 0; m++)
        {
            var at = rng.NextInt(lines.Count);
            switch (rng.NextInt(5))
            {
                case 0: lines.RemoveAt(at); break;
                case 1: lines.Insert(at, lines[rng.NextInt(lines.Count)]); break;
                case 2:
                    {
                        // Replace the value after the line's first ": " (a number, a duration, a mapping).
                        var colon = lines[at].IndexOf(": ", StringComparison.Ordinal);
                        if (colon > 0) lines[at] = lines[at][..(colon + 2)] + ValueMutations[rng.NextInt(ValueMutations.Length)];
                        break;
                    }
                case 3:
                    {
                        var line = lines[at];
                        var pos = line.Length == 0 ? 0 : rng.NextInt(line.Length + 1);
                        lines[at] = line[..pos] + Inserts[rng.NextInt(Inserts.Length)] + line[pos..];
                        break;
                    }
                default:
                    lines.RemoveRange(at, lines.Count - at); // truncated, as by a crash or a full disk
                    break;
            }
        }
        return string.Join("\n", lines);
    }
}
