namespace PumpSim.Cli.Tests;

public class CommandLineTests
{
    private static readonly string Continuous = Repo.Path("scenarios", "dosing", "continuous-maintenance.yaml");

    // The help of every verb is compared exactly with golden files: HelpGoldenTests.

    [Fact]
    public void Run_WritesEventsTelemetryAndSummary_AndPrintsTheSummaryTable()
    {
        var dir = Cli.TempDir();
        var r = Cli.Run("run", Continuous, "--out", dir);
        r.ExitCode.Should().Be(0, r.Error);
        Directory.GetFiles(dir).Select(Path.GetFileName).Should().BeEquivalentTo("events.jsonl", "telemetry.csv", "summary.json", "manifest.json");
        r.Out.Should().Contain("Delivered to CSF").And.Contain("not for clinical decisions");
        File.ReadLines(Path.Combine(dir, "events.jsonl")).First().Should().StartWith("{\"t\":\"2026-01-01T00:00:00Z\",\"type\":\"simulation-started\"");
    }

    [Fact]
    public void Run_TwiceWithOneSeed_WritesByteIdenticalFiles()
    {
        string[] Files(string dir) => new[] { "events.jsonl", "telemetry.csv", "summary.json", "report.html", "manifest.json" }
            .Select(f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(dir, f))))).ToArray();
        var a = Cli.TempDir(); var b = Cli.TempDir();
        Cli.Run("run", Continuous, "--out", a, "--html").ExitCode.Should().Be(0);
        Cli.Run("run", Continuous, "--out", b, "--html").ExitCode.Should().Be(0);
        Files(b).Should().Equal(Files(a));
    }

    [Fact]
    public void Run_GivesTheSameTotalsAtAnotherStep()
    {
        var a = Cli.TempDir(); var b = Cli.TempDir();
        Cli.Run("run", Continuous, "--out", a).ExitCode.Should().Be(0);
        Cli.Run("run", Continuous, "--out", b, "--step", "1h").ExitCode.Should().Be(0);
        string Totals(string d) => File.ReadAllText(Path.Combine(d, "summary.json")).Split("\"alarms\"")[0];
        Totals(b).Should().Be(Totals(a));
    }

    [Fact]
    public void Run_OnABadFile_ExitsTwo_NamesFileLineAndColumn_AndWritesNothing()
    {
        var dir = Cli.TempDir();
        var bad = Path.Combine(dir, "bad.yaml");
        File.WriteAllText(bad, "scenario: bad\nduration: 3d\ntherapy: { mode: continuous, rate_mcg_per_dya: 500 }\n");
        var outDir = Path.Combine(dir, "out");
        var r = Cli.Run("run", bad, "--out", outDir);
        r.ExitCode.Should().Be(2);
        r.Error.Should().Contain("bad.yaml:3:").And.Contain("rate_mcg_per_day");
        r.Error.Should().NotContain("   at ", "a user's mistake never shows a stack trace");
        Directory.Exists(outDir).Should().BeFalse();
    }

    [Fact]
    public void Run_WithAFailedExpectation_ExitsOne()
    {
        var dir = Cli.TempDir();
        var file = Path.Combine(dir, "fails.yaml");
        File.WriteAllText(file, """
            duration: 2d
            therapy: { mode: continuous, rate_mcg_per_day: 500 }
            expect:
              - alarm: low-reservoir
            """);
        var r = Cli.Run("run", file, "--out", Path.Combine(dir, "o"));
        r.ExitCode.Should().Be(1);
        r.Out.Should().Contain("FAIL");
    }

    [Theory]
    [InlineData("run")]
    [InlineData("run", "no-such-file.yaml")]
    [InlineData("run", "x.yaml", "--bogus")]
    [InlineData("frobnicate")]
    [InlineData("diagram", "--format", "png")]
    [InlineData("run", "x.yaml", "--step", "3 parsecs")]
    public void BadArguments_ExitTwo_WithAMessage(params string[] args)
    {
        var r = Cli.Run(args);
        r.ExitCode.Should().Be(2);
        (r.Error + r.Out).Should().NotBeEmpty();
        r.Error.Should().NotContain("   at ");
    }

    [Fact]
    public void Verify_WritesOneJUnitTestCasePerExpectation()
    {
        var dir = Cli.TempDir();
        var junit = Path.Combine(dir, "junit.xml");
        var r = Cli.Run("verify", Repo.Path("scenarios", "dosing"), "--junit", junit);
        r.ExitCode.Should().Be(0, r.Out + r.Error);
        var xml = System.Xml.Linq.XDocument.Load(junit);
        var cases = xml.Descendants("testcase").Count();
        var expected = Directory.GetFiles(Repo.Path("scenarios", "dosing"), "*.yaml")
            .Sum(f => PumpSim.Scenarios.ScenarioLoader.Load(f).Expectations.Count);
        cases.Should().Be(expected).And.BeGreaterThan(0);
    }

    [Fact]
    public void Verify_WritesAnInvalidFileAsAJUnitError_AndExitsTwo()
    {
        var dir = Cli.TempDir();
        File.Copy(Repo.Path("scenarios", "dosing", "day-night-flex.yaml"), Path.Combine(dir, "good.yaml"));
        File.WriteAllText(Path.Combine(dir, "broken.yaml"), "duration: 1d\ntherapy: { mode: continuous, rate_mcg_per_dya: 5 }\n");
        var junit = Path.Combine(dir, "junit.xml");
        var r = Cli.Run("verify", dir, "--junit", junit);
        r.ExitCode.Should().Be(2);
        var xml = System.Xml.Linq.XDocument.Load(junit);
        var error = xml.Descendants("error").Single();
        error.Attribute("message")!.Value.Should().Contain("broken.yaml:2:");
        xml.Root!.Attribute("errors")!.Value.Should().Be("1");
        xml.Descendants("testsuite").Should().OnlyContain(s => s.Attribute("file") != null);
    }

    [Fact]
    public void Validate_ReportsEveryBadFileAndExitsTwo()
    {
        var dir = Cli.TempDir();
        File.WriteAllText(Path.Combine(dir, "a.yaml"), "duration: 1d\ntherapy: { mode: continuous, rate_ml_per_day: 99 }\n");
        File.WriteAllText(Path.Combine(dir, "b.yaml"), "\u0001\u0002garbage");
        var r = Cli.Run("validate", dir);
        r.ExitCode.Should().Be(2);
        r.Error.Should().Contain("a.yaml:2:").And.Contain("b.yaml:1:");
    }

    [Fact]
    public void Schema_IsJson()
    {
        var r = Cli.Run("schema");
        r.ExitCode.Should().Be(0);
        System.Text.Json.JsonDocument.Parse(r.Out).RootElement.GetProperty("$schema").GetString().Should().Contain("2020-12");
    }

    [Fact]
    public void Play_WithoutATerminal_TellsTheStoryAsLines()
    {
        var r = Cli.Run("play", Continuous, "--no-input", "--speed", "0");
        r.ExitCode.Should().Be(0, r.Error);
        r.Out.Should().Contain("ALARM low-reservoir").And.Contain("illustrative");
    }
}
