using Spectre.Console.Testing;

namespace PumpSim.Cli.Tests;

public sealed class SweepCommandTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "pumpsim-sweep-" + Guid.NewGuid().ToString("N"));
    private static readonly string Scenario = Path.Combine(AppContext.BaseDirectory, "Data", "sweep-short.yaml");
    private static readonly string[] Vary =
    [
        "--vary", "reservoir_ml=uniform(1,5)",
        "--vary", "refill.delay=choice(0,12,30)",
        "--vary", "catheter.fault_time=normal(0,20)",
        "--vary", "pump.accuracy_pct=normal(0,60)",
    ];

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var console = new TestConsole();
        var err = new StringWriter();
        var code = PumpSimApp.Run(args, console, err);
        return (code, console.Output, err.ToString());
    }

    private string Dir(string name) => Path.Combine(_root, name);

    private (int, string, string) Sweep(string outDir, params string[] extra) =>
        Run(["sweep", Scenario, "--runs", "40", .. Vary, "--out", outDir, .. extra]);

    [Fact]
    public void WholeSweep_ShardsMerged_AndAnyWorkerCount_WriteTheSameBytes()
    {
        Sweep(Dir("w1"), "--workers", "1").Item1.Should().Be(0);
        Sweep(Dir("w2"), "--workers", "2").Item1.Should().Be(0);
        for (var i = 0; i < 4; i++) Sweep(Dir($"s{i}"), "--shard", $"{i}/4", "--workers", "2").Item1.Should().Be(0);
        // Merge in a scrambled order: the result must not care.
        var merge = Run("merge", Dir("s2"), Dir("s0"), Dir("s3"), Dir("s1"), "--out", Dir("merged"));
        merge.Code.Should().Be(0, merge.Err);

        foreach (var file in new[] { "runs.csv", "aggregate.json" })
        {
            var whole = File.ReadAllBytes(Path.Combine(Dir("w1"), file));
            File.ReadAllBytes(Path.Combine(Dir("w2"), file)).Should().Equal(whole, file);
            File.ReadAllBytes(Path.Combine(Dir("merged"), file)).Should().Equal(whole, file);
        }
        var runs = File.ReadAllLines(Path.Combine(Dir("w1"), "runs.csv"));
        runs.Should().HaveCount(41);
        runs.Skip(1).Select(l => int.Parse(l.Split(',')[0])).Should().Equal(Enumerable.Range(0, 40));
        // The draws make a difference: some runs raise the low-reservoir alarm, some do not.
        runs.Skip(1).Select(l => l.Split(',')[8]).Distinct().Should().HaveCount(2, "low-reservoir_raised should vary");
        File.ReadAllText(Path.Combine(Dir("w1"), "aggregate.json")).Should().NotContain("shard");
        File.ReadAllText(Path.Combine(Dir("s1"), "aggregate.json")).Should().Contain("\"shard\": \"1/4\"");
        File.ReadAllLines(Path.Combine(Dir("s1"), "runs.csv")).Skip(1).Select(l => l.Split(',')[0]).Should().StartWith(["1", "5", "9"]);
    }

    [Fact]
    public void InteractiveConsole_ShowsProgressAndWritesTheSameFiles()
    {
        var console = new TestConsole().Interactive();
        var code = PumpSimApp.Run(["sweep", Scenario, "--runs", "8", .. Vary, "--out", Dir("i")], console, new StringWriter());
        code.Should().Be(0);
        console.Output.Should().Contain("100%");
        Run(["sweep", Scenario, "--runs", "8", .. Vary, "--out", Dir("p")]).Out.Should().Contain("8 runs on");
        foreach (var file in new[] { "runs.csv", "aggregate.json" })
            File.ReadAllBytes(Path.Combine(Dir("i"), file)).Should().Equal(File.ReadAllBytes(Path.Combine(Dir("p"), file)));
    }

    [Fact]
    public void Merge_RefusesAMissingShard()
    {
        for (var i = 0; i < 2; i++) Run(["sweep", Scenario, "--runs", "6", "--vary", "reservoir_ml=uniform(1,5)", "--shard", $"{i}/3", "--out", Dir($"s{i}")]);
        var r = Run("merge", Dir("s0"), Dir("s1"), "--out", Dir("m"));
        r.Code.Should().Be(2);
        r.Err.Should().Contain("2 of 6 runs are missing (first: run 2)");
        r.Err.Should().Contain("no folder holds shard 2/3", "the failed task's shard is named, so it can be re-run");
        Directory.Exists(Dir("m")).Should().BeFalse();
        var twice = Run("merge", Dir("s0"), Dir("s0"), Dir("s1"), "--out", Dir("m"));
        twice.Code.Should().Be(2);
        twice.Err.Should().Contain("more than one shard");
    }

    [Fact]
    public void Merge_RefusesShardsOfDifferentSweeps()
    {
        Run(["sweep", Scenario, "--runs", "4", "--vary", "reservoir_ml=uniform(1,5)", "--shard", "0/2", "--out", Dir("a")]);
        Run(["sweep", Scenario, "--runs", "4", "--vary", "reservoir_ml=uniform(1,6)", "--shard", "1/2", "--out", Dir("b")]);
        var r = Run("merge", Dir("a"), Dir("b"), "--out", Dir("m"));
        r.Code.Should().Be(2);
        r.Err.Should().Contain("from a different sweep");
    }

    /// <summary>Two shards of a 4-run sweep, then <paramref name="edit"/> applied to s1's runs.csv cells.</summary>
    private (int Code, string Out, string Err) MergeEdited(Func<string[], string[]> edit)
    {
        for (var i = 0; i < 2; i++) Run(["sweep", Scenario, "--runs", "4", "--vary", "reservoir_ml=uniform(1,5)", "--shard", $"{i}/2", "--out", Dir($"s{i}")]).Item1.Should().Be(0);
        var csv = Path.Combine(Dir("s1"), "runs.csv");
        var lines = File.ReadAllLines(csv);
        File.WriteAllLines(csv, [lines[0], .. lines.Skip(1).Select(l => string.Join(",", edit(l.Split(','))))]);
        return Run("merge", Dir("s0"), Dir("s1"), "--out", Dir("m"));
    }

    [Fact]
    public void Merge_RefusesAShardWhoseRunsCsvContradictsItsOwnAggregate()
    {
        // Columns: run, reservoir_ml, clamped, delivered_csf_mcg (3), ... Every delivered dose ×10.
        var r = MergeEdited(c => { c[3] = (double.Parse(c[3], System.Globalization.CultureInfo.InvariantCulture) * 10).ToString(System.Globalization.CultureInfo.InvariantCulture); return c; });
        r.Code.Should().Be(2, r.Err);
        r.Err.Should().Contain("delivered_csf_mcg").And.Contain("disagree");
        Directory.Exists(Dir("m")).Should().BeFalse();
    }

    [Fact]
    public void Merge_RefusesANegativeDeliveredDose()
    {
        var r = MergeEdited(c => { c[3] = "-5"; return c; });
        r.Code.Should().Be(2, r.Err);
        r.Err.Should().Contain("runs.csv:2: delivered_csf_mcg is -5; it cannot be negative");
        Directory.Exists(Dir("m")).Should().BeFalse();
    }

    [Fact]
    public void Merge_OfAShardMadeWithAnotherStep_NamesTheStep()
    {
        // sweep-short.yaml says step: 1h; the second shard overrides it.
        Run(["sweep", Scenario, "--runs", "4", "--vary", "reservoir_ml=uniform(1,5)", "--shard", "0/2", "--out", Dir("a")]).Item1.Should().Be(0);
        Run(["sweep", Scenario, "--runs", "4", "--vary", "reservoir_ml=uniform(1,5)", "--shard", "1/2", "--step", "30m", "--out", Dir("b")]).Item1.Should().Be(0);
        var r = Run("merge", Dir("a"), Dir("b"), "--out", Dir("m"));
        r.Code.Should().Be(2);
        r.Err.Should().Contain("swept with --step 30m, not 1h");
    }

    [Theory]
    [InlineData("--vary", "pump.accuracy=normal(0,1)", "unknown sweep key 'pump.accuracy'")]
    [InlineData("--vary", "reservoir_ml=uniform(5,1)", "--vary reservoir_ml: 'uniform(5,1)': uniform(a,b) needs a < b")]
    [InlineData("--vary", "reservoir_ml=beta(1,2)", "unknown distribution 'beta'")]
    [InlineData("--shard", "4/4", "--shard '4/4': i must be 0 to 3")]
    [InlineData("--shard", "x", "--shard 'x': expected i/n")]
    [InlineData("--workers", "0", "--workers must be at least 1")]
    public void BadArguments_ExitWith2AndSayWhy(string option, string value, string message)
    {
        var r = Run("sweep", Scenario, "--runs", "3", option, value, "--out", Dir("bad"));
        r.Code.Should().Be(2);
        r.Err.Should().Contain(message);
        Directory.Exists(Dir("bad")).Should().BeFalse();
    }

    [Fact]
    public void AnEmptyShard_ExitsWith2()
    {
        var r = Run("sweep", Scenario, "--runs", "2", "--shard", "3/4", "--out", Dir("bad"));
        r.Code.Should().Be(2);
        r.Err.Should().Contain("has no runs");
    }

    [Fact]
    public void MissingRuns_ExitsWith2()
    {
        var r = Run("sweep", Scenario, "--out", Dir("bad"));
        r.Code.Should().Be(2);
        r.Err.Should().Contain("--runs is required");
    }

    [Fact]
    public void Trumpet_OfAnIdealOverInfusingPump_Is14Point5PercentInEveryWindow()
    {
        var r = Run("trumpet", Path.Combine(AppContext.BaseDirectory, "Data", "trumpet-over.yaml"), "--out", Dir("t"));
        r.Code.Should().Be(0, r.Err);
        var lines = File.ReadAllLines(Path.Combine(Dir("t"), "trumpet.csv"));
        lines[0].Should().Be("window_min,max_error_pct,min_error_pct");
        lines.Skip(1).Select(l => l.Split(',')[0]).Should().Equal("2", "5", "11", "19", "31");
        foreach (var l in lines.Skip(1))
        {
            var cells = l.Split(',').Skip(1).Select(c => double.Parse(c, System.Globalization.CultureInfo.InvariantCulture));
            cells.Should().OnlyContain(e => Math.Abs(e - 14.5) < 0.001, l);
        }
        File.ReadAllLines(Path.Combine(Dir("t"), "startup.csv")).Should().HaveCount(241);
        File.ReadAllText(Path.Combine(Dir("t"), "trumpet.svg")).Should().StartWith("<svg");
    }

    [Fact]
    public void Trumpet_LongerThanTheScenario_ExitsWith2()
    {
        var r = Run("trumpet", Path.Combine(AppContext.BaseDirectory, "Data", "trumpet-over.yaml"), "--hours", "4", "--out", Dir("t"));
        r.Code.Should().Be(2);
        r.Err.Should().Contain("longer than the scenario");
    }
}
