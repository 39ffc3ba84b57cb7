using System.Text.Json;

namespace PumpSim.Cli.Tests;

/// <summary>The evidence verbs and options of issue 22 end to end: known defects in verify, list --hazard/--code,
/// trace, manifest.json on run/verify/sweep and `check`.</summary>
public class EvidenceCommandTests
{
    private static readonly string Kinked = Repo.Path("scenarios", "training", "kinked-catheter.yaml");

    private const string Catalog = """
        requirements:
          - { id: REQ-NO-ALARM, text: "a kink raises no alarm", source: "PUMP.md §1" }
          - { id: REQ-NOTHING, text: "nothing verifies this", source: "PUMP.md §8" }
        hazards:
          - { id: HAZ-UNDER-INFUSION, hazard: h, situation: s, harm: w, source: x }
        """;

    /// <summary>A folder with the catalog and one scenario: a day of 500 mcg/day from 20 mL, a kink at 12 h.</summary>
    private static string Library(string expect)
    {
        var dir = Cli.TempDir();
        File.WriteAllText(Path.Combine(dir, "requirements.yaml"), Catalog);
        File.WriteAllText(Path.Combine(dir, "kink.yaml"), $"""
            scenario: kink
            duration: 1d
            hazards: [HAZ-UNDER-INFUSION]
            therapy: {"{"} mode: continuous, rate_mcg_per_day: 500 {"}"}
            events:
              - {"{"} at: 12h, catheter: {"{"} fault: kink {"}"} {"}"}
            expect:
            {expect}
            """);
        return dir;
    }

    // Half a day at 500 mcg/day reaches the CSF before the kink: 250 mcg. The known defect claims 500.
    private const string FailingKnownDefect = "  - { delivered_mcg: { from: 0d, to: 1d, equals: 500 }, known_defect: \"DEF-1: the kink is not modelled\", verifies: [REQ-NO-ALARM] }";
    private const string PassingKnownDefect = "  - { delivered_mcg: { from: 0d, to: 1d, equals: 250 }, known_defect: \"DEF-1: the kink is not modelled\" }";

    [Fact]
    public void Verify_KnownDefectThatStillFails_IsAnExpectedFailure_Exit0_AndSkippedInJUnit()
    {
        var dir = Library(FailingKnownDefect);
        var junit = Path.Combine(Cli.TempDir(), "junit.xml");
        var r = Cli.Run("verify", dir, "--junit", junit);
        r.ExitCode.Should().Be(0, r.Out + r.Error);
        r.Out.Should().Contain("1 expected failure (known defects)");
        var skipped = System.Xml.Linq.XDocument.Load(junit).Descendants("skipped").Should().ContainSingle().Subject;
        skipped.Attribute("message")!.Value.Should().StartWith("known defect: DEF-1: the kink is not modelled");
    }

    [Fact]
    public void Verify_KnownDefectThatPasses_IsAnUnexpectedPass_Exit1()
    {
        var r = Cli.Run("verify", Library(PassingKnownDefect));
        r.ExitCode.Should().Be(1, r.Out + r.Error);
        r.Out.Should().Contain("unexpected pass of a known defect (DEF-1: the kink is not modelled)");
    }

    [Fact]
    public void Verify_UnknownRequirementId_IsExit2_WithFileLineAndColumn()
    {
        var dir = Library("  - { event: catheter-fault, count: 1, verifies: [REQ-NO-ALARMS] }");
        var r = Cli.Run("verify", dir);
        r.ExitCode.Should().Be(2);
        r.Error.Should().Contain($"{Path.Combine(dir, "kink.yaml")}:8:51: error: unknown requirement 'REQ-NO-ALARMS'");
        Cli.HasStackTrace(r.Error).Should().BeFalse();
    }

    [Fact]
    public void Verify_SkipsTheRequirementsCatalogInAFolder()
    {
        var r = Cli.Run("verify", Library("  - { event: catheter-fault, count: 1 }"));
        r.ExitCode.Should().Be(0, r.Out + r.Error);
        r.Out.Should().Contain("1 scenario, 1 expectation: 1 passed");
    }

    [Fact]
    public void List_FiltersByHazardAndCode_AndRefusesAnUnknownHazard()
    {
        var byCode = Cli.Run("list", Repo.Path("scenarios"), "--code", "1395");
        byCode.ExitCode.Should().Be(0, byCode.Error);
        byCode.Out.Should().Contain("catheter-migration.yaml").And.NotContain("kinked-catheter.yaml");
        var byHazard = Cli.Run("list", Repo.Path("scenarios"), "--hazard", "HAZ-REFILL-FAILURE");
        byHazard.Out.Should().Contain("pump-flip.yaml").And.Contain("pocket-fill.yaml").And.NotContain("kinked-catheter.yaml");
        var typo = Cli.Run("list", Repo.Path("scenarios"), "--hazard", "HAZ-UNDER-INFUSON");
        typo.ExitCode.Should().Be(2);
        typo.Error.Should().Contain("did you mean 'HAZ-UNDER-INFUSION'");
    }

    [Fact]
    public void Trace_WritesTheMatrixWithGapsAsRows_AndExits1OnlyWhenCoverageIsRequired()
    {
        var dir = Library("  - { event: catheter-fault, count: 1, verifies: [REQ-NO-ALARM] }");
        var outDir = Path.Combine(Cli.TempDir(), "trace");
        var r = Cli.Run("trace", dir, "--out", outDir);
        r.ExitCode.Should().Be(0, r.Out + r.Error);
        Directory.GetFiles(outDir).Select(Path.GetFileName).Should().BeEquivalentTo("trace.csv", "trace.json", "trace.html", "trace.reqif", "manifest.json");
        var csv = File.ReadAllLines(Path.Combine(outDir, "trace.csv"));
        csv.Should().HaveCount(3);
        csv[1].Should().StartWith("REQ-NO-ALARM,a kink raises no alarm,PUMP.md §1,kink,").And.Contain(",8,").And.Contain(",pass,");
        csv[2].Should().StartWith("REQ-NOTHING,").And.Contain(",not-covered,");
        r.Out.Should().Contain("2 requirements: 1 covered, 1 not covered").And.Contain("not covered: REQ-NOTHING");
        Cli.Run("trace", dir, "--out", outDir, "--require-coverage").ExitCode.Should().Be(1);
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(outDir, "trace.json")));
        json.RootElement.GetProperty("hazards")[0].GetProperty("scenarios")[0].GetProperty("scenario").GetString().Should().Be("kink");
    }

    [Fact]
    public void Trace_Exits1_WhenAnExpectationFails()
    {
        var r = Cli.Run("trace", Library("  - { event: catheter-fault, count: 2 }"), "--out", Path.Combine(Cli.TempDir(), "t"));
        r.ExitCode.Should().Be(1, r.Out + r.Error);
        r.Out.Should().Contain("1 failing");
    }

    [Fact]
    public void Trace_OfTheBundledScenarios_ListsEveryRequirement_CoveredOrAsAGap()
    {
        var outDir = Path.Combine(Cli.TempDir(), "trace");
        var r = Cli.Run("trace", Repo.Path("scenarios"), "--out", outDir);
        r.ExitCode.Should().Be(0, r.Out + r.Error);
        var catalog = PumpSim.Scenarios.Requirements.RequirementsReader.Load(Repo.Path("scenarios", "requirements.yaml"));
        var rows = File.ReadAllLines(Path.Combine(outDir, "trace.csv")).Skip(1).Select(l => l.Split(',')[0]).ToHashSet();
        rows.Should().BeEquivalentTo(catalog.Requirements.Select(q => q.Id));
        catalog.Requirements.Count.Should().BeGreaterThanOrEqualTo(50);
    }

    [Fact]
    public void Run_WritesAManifest_ThatCheckAccepts_AndCheckFindsAnEditedFile()
    {
        var dir = Cli.TempDir();
        Cli.Run("run", Kinked, "--out", dir).ExitCode.Should().Be(0);
        using (var m = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, "manifest.json"))))
        {
            var s = m.RootElement.GetProperty("scenarios")[0];
            s.GetProperty("sha256").GetString().Should().Be(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Kinked))).ToLowerInvariant());
            s.GetProperty("seed").GetUInt64().Should().Be(0);
            s.GetProperty("step").GetString().Should().Be("5m"); // kinked-catheter.yaml: step: 5m
            m.RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("name").GetString())
                .Should().Equal("events.jsonl", "telemetry.csv", "summary.json");
        }
        var ok = Cli.Run("check", dir);
        ok.ExitCode.Should().Be(0, ok.Out + ok.Error);
        ok.Out.Should().Contain("all 3 files match manifest.json");
        File.AppendAllText(Path.Combine(dir, "telemetry.csv"), "tampered\n");
        var bad = Cli.Run("check", dir);
        bad.ExitCode.Should().Be(1);
        bad.Out.Should().Contain("DIFFERS  telemetry.csv");
    }

    [Fact]
    public void Run_ManifestRecordsTheSeedAndStepOverrides_AndIsByteIdenticalOnARerun()
    {
        var a = Cli.TempDir(); var b = Cli.TempDir();
        Cli.Run("run", Kinked, "--out", a, "--seed", "42", "--step", "1h").ExitCode.Should().Be(0);
        Cli.Run("run", Kinked, "--out", b, "--seed", "42", "--step", "1h").ExitCode.Should().Be(0);
        File.ReadAllBytes(Path.Combine(a, "manifest.json")).Should().Equal(File.ReadAllBytes(Path.Combine(b, "manifest.json")));
        using var m = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(a, "manifest.json")));
        m.RootElement.GetProperty("scenarios")[0].GetProperty("seed").GetUInt64().Should().Be(42);
        m.RootElement.GetProperty("scenarios")[0].GetProperty("step").GetString().Should().Be("1h");
    }

    [Fact]
    public void Check_WithoutAManifest_IsExit2()
    {
        var r = Cli.Run("check", Cli.TempDir());
        r.ExitCode.Should().Be(2);
        r.Error.Should().Contain("no manifest");
    }

    [Fact]
    public void VerifyOut_WritesByteStableJUnitAndAManifest()
    {
        var a = Path.Combine(Cli.TempDir(), "v"); var b = Path.Combine(Cli.TempDir(), "v");
        Cli.Run("verify", Kinked, "--out", a).ExitCode.Should().Be(0);
        Cli.Run("verify", Kinked, "--out", b).ExitCode.Should().Be(0);
        Directory.GetFiles(a).Select(Path.GetFileName).Should().BeEquivalentTo("junit.xml", "manifest.json");
        File.ReadAllBytes(Path.Combine(a, "junit.xml")).Should().Equal(File.ReadAllBytes(Path.Combine(b, "junit.xml")));
        File.ReadAllBytes(Path.Combine(a, "manifest.json")).Should().Equal(File.ReadAllBytes(Path.Combine(b, "manifest.json")));
        Cli.Run("check", a).ExitCode.Should().Be(0);
    }

    [Fact]
    public void Sweep_WritesAManifest_WithItsOptions()
    {
        var dir = Cli.TempDir();
        var r = Cli.Run("sweep", Repo.Path("scenarios", "dosing", "continuous-maintenance.yaml"), "--runs", "3", "--vary", "pump.accuracy_pct=normal(0,5)", "--workers", "1", "--out", dir);
        r.ExitCode.Should().Be(0, r.Out + r.Error);
        using var m = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, "manifest.json")));
        m.RootElement.GetProperty("command").GetString().Should().Be("sweep");
        m.RootElement.GetProperty("options").GetProperty("runs").GetString().Should().Be("3");
        m.RootElement.GetProperty("options").GetProperty("vary").GetString().Should().Be("pump.accuracy_pct=normal(0,5)");
        Cli.Run("check", dir).ExitCode.Should().Be(0);
    }
}
