using System.Xml.Linq;

namespace PumpSim.Cli.Tests;

/// <summary>Issue 13: the hostile inputs an attacker tried, one regression test (at least) per item.
/// Each failed before its fix (exit 3, a hang, a followed link, a replaced device or a wrong merge).</summary>
public sealed class HostileInputTests : IDisposable
{
    private readonly string _root = Cli.TempDir();
    private static readonly string Continuous = Repo.Path("scenarios", "dosing", "continuous-maintenance.yaml");
    private static readonly string SweepScenario = Path.Combine(AppContext.BaseDirectory, "Data", "sweep-short.yaml");
    private const string Therapy = "therapy: { mode: continuous, rate_mcg_per_day: 500 }\n";

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_root, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static void Mkfifo(string path)
    {
        using var p = System.Diagnostics.Process.Start("mkfifo", path);
        p.WaitForExit();
    }

    private static void CleanExit(CliResult r, int code)
    {
        r.ExitCode.Should().Be(code, r.Out + r.Error);
        Cli.HasStackTrace(r.Out + r.Error).Should().BeFalse("no stack trace without --debug");
        (r.Out + r.Error).Should().NotContain("internal error");
    }

    // ---- 1. --out: links are never followed ----

    [Fact]
    public void Run_IntoAFolderWithAPlantedLink_RefusesAndLeavesTheVictimAlone()
    {
        var outDir = Path.Combine(_root, "out");
        Cli.Run("run", Continuous, "--out", outDir).ExitCode.Should().Be(0);
        var victim = Write("victim.txt", "precious");
        var summaryBefore = File.ReadAllText(Path.Combine(outDir, "summary.json"));
        File.Delete(Path.Combine(outDir, "events.jsonl"));
        File.CreateSymbolicLink(Path.Combine(outDir, "events.jsonl"), victim);

        var r = Cli.Run("run", Continuous, "--out", outDir, "--seed", "5");

        CleanExit(r, 2);
        r.Error.Should().Contain("events.jsonl").And.Contain("symbolic link");
        File.ReadAllText(victim).Should().Be("precious");
        File.ReadAllText(Path.Combine(outDir, "summary.json")).Should().Be(summaryBefore, "the set changes all together or not at all");
    }

    // ---- 2. --junit onto special files ----

    [SkippableFact]
    public void Verify_JUnitOntoANullDevice_WritesThroughAndLeavesTheDevice()
    {
        // A private null device (mknod, as root in CI), never the real /dev/null: a regression
        // would replace the machine's. Reported as skipped (not passed) where mknod is not allowed.
        var device = Path.Combine(_root, "null");
        Skip.IfNot(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "mknod needs a Unix");
        using (var p = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("mknod", [device, "c", "1", "3"]) { RedirectStandardError = true }))
        {
            p!.WaitForExit();
            Skip.If(p.ExitCode != 0, "mknod is not allowed here (not root, or a user namespace)");
        }
        try { using var probe = new FileStream(device, FileMode.Open, FileAccess.Write); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new SkipException("the test folder is on a nodev mount"); }
        var r = Cli.Run("verify", Continuous, "--junit", device);
        CleanExit(r, 0);
        PumpSim.Scenarios.Files.FileNode.KindOf(device, followLinks: false).Should().Be(PumpSim.Scenarios.Files.NodeKind.CharacterDevice);
    }

    [Fact]
    public void Verify_JUnitDash_WritesTheXmlToStdout_AndTheTableToStderr()
    {
        var r = Cli.Run("verify", Continuous, "--junit", "-");
        CleanExit(r, 0);
        XDocument.Parse(r.Out).Descendants("testcase").Should().NotBeEmpty();
        r.Error.Should().Contain("expectations");
    }

    [Theory]
    [InlineData("")]
    [InlineData("/")]
    [InlineData("FOLDER")]
    public void Verify_JUnitOntoAFolderOrNothing_IsExitTwo(string junit)
    {
        var r = Cli.Run("verify", Continuous, "--junit", junit == "FOLDER" ? _root : junit);
        CleanExit(r, 2);
        Directory.Exists(_root).Should().BeTrue();
    }

    // ---- 3. merge trusts no shard ----

    private (string S0, string S1) TwoShards(string scenario, string prefix = "s")
    {
        string Shard(int i)
        {
            var dir = Path.Combine(_root, prefix + i);
            Cli.Run("sweep", scenario, "--runs", "6", "--vary", "reservoir_ml=uniform(1,5)", "--shard", $"{i}/2", "--workers", "1", "--out", dir)
                .ExitCode.Should().Be(0);
            return dir;
        }
        return (Shard(0), Shard(1));
    }

    [Fact]
    public void Merge_OfShardsFromAnEditedScenarioWithTheSameId_IsRefused()
    {
        var original = Write("sweep.yaml", File.ReadAllText(SweepScenario));
        var (s0, _) = TwoShards(original);
        File.WriteAllText(original, File.ReadAllText(SweepScenario).Replace("add_ml: 18", "add_ml: 9", StringComparison.Ordinal));
        var (_, s1) = TwoShards(original, "edited");
        var outDir = Path.Combine(_root, "merged");
        var r = Cli.Run("merge", s0, s1, "--out", outDir);
        CleanExit(r, 2);
        r.Error.Should().Contain("different sweep");
        Directory.Exists(outDir).Should().BeFalse();
    }

    [Fact]
    public void Merge_WithAnEditedHugeRunCount_IsExitTwoAtOnce()
    {
        var (s0, s1) = TwoShards(SweepScenario);
        var agg = Path.Combine(s0, "aggregate.json");
        File.WriteAllText(agg, File.ReadAllText(agg).Replace("\"runs\": 6", "\"runs\": 2147483647", StringComparison.Ordinal));
        var r = Cli.Run("merge", s0, s1, "--out", Path.Combine(_root, "m"));
        CleanExit(r, 2);
        r.Error.Should().Contain("1000000");
    }

    [Fact]
    public void Merge_OntoOneOfItsShards_IsRefused()
    {
        var (s0, s1) = TwoShards(SweepScenario);
        var before = File.ReadAllText(Path.Combine(s1, "runs.csv"));
        CleanExit(Cli.Run("merge", s0, s1, "--out", s1 + "/"), 2);
        File.ReadAllText(Path.Combine(s1, "runs.csv")).Should().Be(before);
    }

    [Fact]
    public void Merge_ReadsCrlfRunsCsv_IntoTheSameBytes()
    {
        var (s0, s1) = TwoShards(SweepScenario);
        CleanExit(Cli.Run("merge", s0, s1, "--out", Path.Combine(_root, "lf")), 0);
        var csv = Path.Combine(s1, "runs.csv");
        File.WriteAllText(csv, File.ReadAllText(csv).Replace("\n", "\r\n", StringComparison.Ordinal));
        CleanExit(Cli.Run("merge", s0, s1, "--out", Path.Combine(_root, "crlf")), 0);
        File.ReadAllBytes(Path.Combine(_root, "crlf", "runs.csv")).Should().Equal(File.ReadAllBytes(Path.Combine(_root, "lf", "runs.csv")));
    }

    [Theory]
    [InlineData("formula")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1e300")]
    [InlineData("index")]
    public void Merge_OfAnEditedRow_IsExitTwo(string edit)
    {
        var (s0, s1) = TwoShards(SweepScenario);
        var csv = Path.Combine(s1, "runs.csv");
        var lines = File.ReadAllLines(csv);
        // Columns: run, reservoir_ml (the one --vary), clamped, delivered_csf_mcg, …, final_therapy_state.
        var cells = lines[1].Split(',');
        switch (edit)
        {
            case "formula": cells[^1] = "=HYPERLINK(\"http://x\")"; break;
            case "index": cells[0] = "99999999999"; break; // beyond Int32
            default: cells[3] = edit; break;
        }
        lines[1] = string.Join(",", cells);
        File.WriteAllText(csv, string.Join("\n", lines) + "\n");
        var outDir = Path.Combine(_root, "m");
        CleanExit(Cli.Run("merge", s0, s1, "--out", outDir), 2);
        Directory.Exists(outDir).Should().BeFalse();
    }

    [Fact]
    public async Task Merge_OfAShardWhoseAggregateIsAFifo_IsRefusedWithoutBlocking()
    {
        if (OperatingSystem.IsWindows()) return;
        var (s0, s1) = TwoShards(SweepScenario);
        File.Delete(Path.Combine(s1, "aggregate.json"));
        Mkfifo(Path.Combine(s1, "aggregate.json"));
        var run = Task.Run(() => Cli.Run("merge", s0, s1, "--out", Path.Combine(_root, "m")));
        var done = await Task.WhenAny(run, Task.Delay(TimeSpan.FromMinutes(2)));
        done.Should().BeSameAs(run, "merge must not open a FIFO");
        var r = await run;
        CleanExit(r, 2);
        r.Error.Should().Contain("FIFO");
    }

    // ---- 4. bounded work ----

    [Theory]
    [InlineData("duration: 18250d\nsample: 1s\n", "'sample'")]            // 1,576,800,001 rows (50 × 365 × 86400 + 1)
    [InlineData("duration: 18250d\n", "'sample'")]                       // default 15m: 1,752,001 rows > 1,000,000
    [InlineData("duration: 3000d\nsample: 1h\npump: { tone_repeat: { noncritical: 1s, critical: 1s } }\n", "tone_repeat")]
    [InlineData("duration: 1d\nevents:\n  - { at: 1h, motor_stall: { duration: 1s, every: 2s, count: 60000 } }\n  - { at: 2h, motor_stall: { duration: 1s, every: 2s, count: 60000 } }\n", "motor_stall.count")]
    [InlineData("duration: 1d\nevents:\n  - { at: 1h, motor_stall: { duration: 10s, every: 99999999999999s, count: 100000 } }\n", "'every'")]
    [InlineData("duration: 1d\nevents:\n  - { at: 1h, silence: { duration: 999999999999999s } }\n", "50 years")]
    public void AFewLinesAskingForUnboundedWork_AreRefusedAtLoad_NamingTheKey(string yaml, string key)
    {
        var file = Write("big.yaml", yaml + Therapy);
        var validate = Cli.Run("validate", file);
        CleanExit(validate, 2);
        validate.Error.Should().Contain(key);
        var outDir = Path.Combine(_root, "o");
        CleanExit(Cli.Run("run", file, "--out", outDir), 2);
        Directory.Exists(outDir).Should().BeFalse();
    }

    [Fact]
    public void Trumpet_WithFiftyYearsOfHours_IsExitTwo()
    {
        var r = Cli.Run("trumpet", Continuous, "--hours", "439200", "--out", Path.Combine(_root, "t"));
        CleanExit(r, 2);
        r.Error.Should().Contain("--hours");
    }

    // ---- 5. special and looping inputs ----

    [Fact]
    public void Validate_DevZero_IsRefusedWithoutReadingIt()
    {
        if (!File.Exists("/dev/zero")) return;
        var r = Cli.Run("validate", "/dev/zero");
        CleanExit(r, 2);
        r.Error.Should().Contain("character device");
    }

    [Fact]
    public async Task AFifoNamedYaml_InAFolder_IsReportedNotOpened()
    {
        if (OperatingSystem.IsWindows()) return;
        var dir = Path.Combine(_root, "lib");
        Directory.CreateDirectory(dir);
        File.Copy(Continuous, Path.Combine(dir, "good.yaml"));
        Mkfifo(Path.Combine(dir, "trap.yaml"));
        foreach (var verb in new[] { "validate", "list", "verify" })
        {
            var run = Task.Run(() => Cli.Run(verb, dir));
            var done = await Task.WhenAny(run, Task.Delay(TimeSpan.FromMinutes(2)));
            done.Should().BeSameAs(run, $"{verb} must not block on a FIFO");
            var r = await run;
            CleanExit(r, 2);
            r.Error.Should().Contain("trap.yaml").And.Contain("FIFO");
        }
    }

    [Fact]
    public void ASymlinkLoop_IsWalkedOnce_AndEachFileVerifiedOnce()
    {
        var dir = Path.Combine(_root, "lib");
        Directory.CreateDirectory(dir);
        File.Copy(Continuous, Path.Combine(dir, "a.yaml"));
        Directory.CreateSymbolicLink(Path.Combine(dir, "loop"), dir);
        Directory.CreateSymbolicLink(Path.Combine(dir, "up"), "..");
        File.CreateSymbolicLink(Path.Combine(dir, "b.yaml"), Path.Combine(dir, "a.yaml"));
        var junit = Path.Combine(_root, "junit.xml");
        var r = Cli.Run("verify", dir, "--junit", junit);
        CleanExit(r, 0);
        XDocument.Load(junit).Descendants("testsuite").Should().HaveCount(1, "one file reached four ways is one scenario");
    }

    // ---- 6. one bad file never aborts verify ----

    [Fact]
    public void Verify_WithAUnicodeDigitDuration_GivesEveryFileItsResult_AndWritesJUnit()
    {
        var dir = Path.Combine(_root, "lib");
        Directory.CreateDirectory(dir);
        File.Copy(Continuous, Path.Combine(dir, "good.yaml"));
        File.WriteAllText(Path.Combine(dir, "arabic.yaml"), "duration: ١٢h\n" + Therapy);
        var junit = Path.Combine(_root, "junit.xml");
        var r = Cli.Run("verify", dir, "--junit", junit);
        CleanExit(r, 2);
        r.Error.Should().Contain("arabic.yaml:1:");
        var xml = XDocument.Load(junit);
        xml.Descendants("testsuite").Should().HaveCount(2);
        xml.Descendants("error").Should().ContainSingle();
    }

    // ---- 7. exit 2 where exit 2 is promised ----

    public static TheoryData<string[]> BadCommandLines() => new()
    {
        new[] { "run", "SCENARIO", "--step", "١h" },
        new[] { "run", "SCENARIO", "--seed", "9223372036854775808" },
        new[] { "run", "SCENARIO", "--seed", "18446744073709551615" },
        new[] { "run", "SCENARIO", "--out", "" },
        new[] { "run", "SCENARIO", "--out", "  " },
        new[] { "run", "SCENARIO", "--out", "/" },
        new[] { "run", "SCENARIO", "--out" },
        new[] { "run", "SCENARIO", "--out", "EXISTINGFILE" },
        new[] { "play", "SCENARIO", "--speed", "NaN", "--no-input" },
        new[] { "play", "SCENARIO", "--speed", "Infinity", "--no-input" },
        new[] { "sweep", "SCENARIO", "--runs", "2", "--vary", "pump.accuracy_pct=uniform(-1e308,1e308)", "--out", "OUT" },
        new[] { "sweep", "SCENARIO", "--runs", "2", "--vary", "pump.accuracy_pct=lognormal(800,1)", "--out", "OUT" },
        new[] { "sweep", "SCENARIO", "--runs", "2", "--seed", "9223372036854775808", "--out", "OUT" },
        new[] { "sweep", "SCENARIO", "--runs", "2", "--out", "EXISTINGFILE" },
        new[] { "sweep", "SCENARIO", "--runs", "2", "--seed", "-1", "--out", "OUT" },
        new[] { "trumpet", "SCENARIO", "--out", "EXISTINGFILE" },
        new[] { "verify", "SCENARIO", "--junit", "" },
    };

    [Theory]
    [MemberData(nameof(BadCommandLines))]
    public void BadCommandLines_AreExitTwo_WithAPlainMessage(string[] template)
    {
        var existing = Write("existing.txt", "keep");
        var args = template.Select(a => a switch
        {
            "SCENARIO" => SweepScenario,
            "EXISTINGFILE" => existing,
            "OUT" => Path.Combine(_root, "o"),
            _ => a,
        }).ToArray();
        var r = Cli.Run(args);
        CleanExit(r, 2);
        r.Error.Should().NotContain("Nullable").And.NotContain("Exception");
        File.ReadAllText(existing).Should().Be("keep");
    }

    [Fact]
    public void ANegativeNumberForAnOption_SaysWhichOption_InPlainWords()
    {
        // Before: "Failed to convert '-1' to Nullable`1".
        var r = Cli.Run("sweep", SweepScenario, "--runs", "2", "--seed", "-1", "--out", Path.Combine(_root, "o"));
        CleanExit(r, 2);
        r.Error.Should().Contain("--seed: '-1' is not a whole number");
    }

    [Fact]
    public void ASeedBeyondLong_InTheFile_IsExitTwoInValidateToo()
    {
        var file = Write("seed.yaml", "duration: 1d\nseed: -1\n" + Therapy);
        CleanExit(Cli.Run("validate", file), 2);
    }

    [Fact]
    public void RunDashDash_TakesTheFileAsAPath()
    {
        CleanExit(Cli.Run("validate", "--", Continuous), 0);
        CleanExit(Cli.Run("run", "--out", Path.Combine(_root, "o"), "--", Continuous), 0);
    }

    // ---- 8. terminal escapes ----

    [Fact]
    public void EscapeSequencesInScenarioText_NeverReachTheTerminal()
    {
        // YAML double-quoted escapes decode to ESC (\e), BEL (\a) and the one-character CSI (\x9b).
        var file = Write("esc.yaml", "title: \"\\e]0;pwned\\a\\e]52;c;ZWNobyBoaQ==\\a\\x9b2J\"\n" +
            "description: \"\\e[2J\\e[Hwiped\"\n" +
            "duration: 2d\nreservoir_ml: 3\n" + Therapy +
            "narration:\n  - { at: 1d, text: \"\\e[2Jcleared\" }\n" +
            "expect:\n  - { alarm: low-reservoir }\n");
        // An invalid file quotes the bad value in its error message: that path is cleaned too.
        var bad = Write("esc-bad.yaml", "duration: 2d\n" + Therapy + "expect:\n  - { event: \"\\e[31mred\", count: 0 }\n");
        var outputs = new[]
        {
            Cli.Run("validate", file), Cli.Run("validate", bad), Cli.Run("list", _root), Cli.Run("verify", file), Cli.Run("verify", bad),
            Cli.Run("run", file, "--out", Path.Combine(_root, "o")), Cli.Run("play", file, "--no-input", "--speed", "0"),
        };
        foreach (var r in outputs)
        {
            var all = r.Out + r.Error;
            all.Should().NotContain("\u001b").And.NotContain("\u0007").And.NotContain("\u009b");
            all.Should().NotContain("   at ");
        }
        outputs.Select(o => o.Out + o.Error).Should().Contain(s => s.Contains("pwned", StringComparison.Ordinal), "the text stays, only the controls go");
    }

    // ---- 9. ids from file names ----

    [Fact]
    public void AFileNamedDotDotDotYaml_GetsASafeId()
    {
        var s = PumpSim.Scenarios.ScenarioLoader.Parse("duration: 1d\n" + Therapy, "/some/where/...yaml");
        s.Plan.Id.Should().Be("scenario");
        PumpSim.Scenarios.ScenarioLoader.Parse("duration: 1d\n" + Therapy, "My Test_File.yaml").Plan.Id.Should().Be("my-test-file");
    }

    // ---- 10. leftovers ----

    [Fact]
    public void AnIdLongerThanTheLimit_IsExitTwo_AndOneAtTheLimitRuns()
    {
        var tooLong = Write("long.yaml", $"scenario: {new string('a', 201)}\nduration: 1d\n" + Therapy);
        CleanExit(Cli.Run("validate", tooLong), 2);
        var atLimit = Write("ok.yaml", $"scenario: {new string('a', 200)}\nduration: 1d\n" + Therapy);
        var parent = Path.Combine(_root, "outs");
        Directory.CreateDirectory(parent);
        CleanExit(Cli.Run("run", atLimit, "--out", Path.Combine(parent, new string('a', 200))), 0);
    }

    [Fact]
    public void ATaggedStringIsNotANumber()
    {
        var file = Write("tag.yaml", "duration: 1d\ntherapy: { mode: continuous, rate_mcg_per_day: !!str 500 }\n");
        var r = Cli.Run("validate", file);
        CleanExit(r, 2);
        r.Error.Should().Contain("tag.yaml:2:");
    }
}
