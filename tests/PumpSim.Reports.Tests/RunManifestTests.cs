using System.Text.Json;

namespace PumpSim.Reports.Tests;

/// <summary>manifest.json (issue 22): written last through the outputs mechanism, hashing every file as written.</summary>
public class RunManifestTests
{
    private static readonly ManifestInfo Info = new("run", new ToolIdentity("1.2.3", "abc123"),
        [new ManifestScenario("scenarios/x.yaml", new string('0', 64), "x", 7, "1m")]);

    private static string TempDir()
    {
        var d = Path.Combine(Path.GetTempPath(), "pumpsim-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.GetDirectoryName(d)!);
        return d;
    }

    private static IReadOnlyList<OutputFile> Files() =>
    [
        new OutputFile("a.txt", s => s.Write("hello\n"u8)),
        OutputFile.Text("b.csv", w => w.Write("x,y\n1,2\n")),
    ];

    [Fact]
    public void Manifest_ListsEveryFile_WithTheSha256OfItsBytes()
    {
        var dir = TempDir();
        OutputDirectory.WriteAll(dir, RunManifest.With(Files(), Info));
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, RunManifest.FileName)));
        var files = doc.RootElement.GetProperty("files").EnumerateArray().ToArray();
        files.Select(f => f.GetProperty("name").GetString()).Should().Equal("a.txt", "b.csv");
        // SHA-256("hello\n"), computed independently (sha256sum): 5891b5b5...
        files[0].GetProperty("sha256").GetString().Should().Be("5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03");
        files[0].GetProperty("bytes").GetInt64().Should().Be(6);
        files[1].GetProperty("sha256").GetString().Should().Be(RunManifest.Sha256(File.ReadAllBytes(Path.Combine(dir, "b.csv"))));
        doc.RootElement.GetProperty("tool").GetProperty("commit").GetString().Should().Be("abc123");
        doc.RootElement.GetProperty("scenarios")[0].GetProperty("seed").GetUInt64().Should().Be(7);
        doc.RootElement.GetProperty("runtime").GetString().Should().StartWith(".NET");
    }

    [Fact]
    public void Manifest_IsTheSameBytes_OnASecondWrite()
    {
        var a = TempDir();
        var b = TempDir();
        OutputDirectory.WriteAll(a, RunManifest.With(Files(), Info));
        OutputDirectory.WriteAll(b, RunManifest.With(Files(), Info));
        File.ReadAllBytes(Path.Combine(a, RunManifest.FileName)).Should().Equal(File.ReadAllBytes(Path.Combine(b, RunManifest.FileName)));
    }

    [Fact]
    public void Manifest_IsNotPublished_WhenAnotherFileFailsToWrite()
    {
        var dir = TempDir();
        var files = RunManifest.With([new OutputFile("a.txt", s => s.Write("x"u8)), new OutputFile("b.txt", _ => throw new IOException("disk full"))], Info);
        var act = () => OutputDirectory.WriteAll(dir, files);
        act.Should().Throw<IOException>();
        Directory.Exists(dir).Should().BeFalse("nothing is published when one file fails");
    }

    [Fact]
    public void Check_FindsAChangedAndAMissingFile()
    {
        var dir = TempDir();
        OutputDirectory.WriteAll(dir, RunManifest.With(Files(), Info));
        ManifestCheck.Of(dir).Differences.Should().BeEmpty();
        File.AppendAllText(Path.Combine(dir, "a.txt"), "!");
        File.Delete(Path.Combine(dir, "b.csv"));
        var check = ManifestCheck.Of(dir);
        check.FilesChecked.Should().Be(2);
        check.Differences.Should().HaveCount(2);
        check.Differences[0].Should().StartWith("a.txt: SHA-256");
        check.Differences[1].Should().Be("b.csv: missing");
    }

    [Fact]
    public void Check_RefusesAManifestNamingAFileOutsideTheFolder()
    {
        var dir = TempDir();
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, RunManifest.FileName), """{"files":[{"name":"../etc/passwd","sha256":"x"}],"scenarios":[]}""");
        var act = () => ManifestCheck.Of(dir);
        act.Should().Throw<InvalidDataException>().WithMessage("*not a plain file name*");
    }

    [Fact]
    public void ToolIdentity_SplitsTheCommitFromTheInformationalVersion()
    {
        var id = ToolIdentity.Of(typeof(RunManifest).Assembly);
        id.Version.Should().NotContain("+");
        id.Commit.Should().NotBeNullOrEmpty();
    }
}

/// <summary>summary.json names a known defect and its verdict on that expectation only.</summary>
public class SummaryKnownDefectTests
{
    [Fact]
    public void Summary_AddsKnownDefectAndVerdict_OnlyWhereThereIsOne()
    {
        var result = PumpSim.Core.Engine.Simulation.Run(new PumpSim.Core.Engine.SimulationPlan { Duration = PumpSim.Core.Units.SimDuration.FromDays(1) });
        var text = Render.Stream(s => SummaryWriter.Write(s, result, [
            new PumpSim.Core.Events.ExpectationOutcome("a", false, "d") { KnownDefect = "DEF-1" },
            new PumpSim.Core.Events.ExpectationOutcome("b", true, "e"),
        ]));
        using var doc = JsonDocument.Parse(text);
        var e = doc.RootElement.GetProperty("expectations");
        e[0].GetProperty("known_defect").GetString().Should().Be("DEF-1");
        e[0].GetProperty("verdict").GetString().Should().Be("expected-failure");
        e[1].TryGetProperty("known_defect", out _).Should().BeFalse();
        e[1].TryGetProperty("verdict", out _).Should().BeFalse();
    }
}
