namespace PumpSim.Reports.Tests;

public sealed class OutputDirectoryTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("pumpsim-reports-tests-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static OutputFile Good(string name, string text) => OutputFile.Text(name, w => w.Write(text));

    /// <summary>Writes part of its file, then fails, like a writer that hits a NaN halfway.</summary>
    private static OutputFile Failing(string name) => new(name, s =>
    {
        s.Write("half-written"u8);
        throw new InvalidOperationException("boom");
    });

    [Fact]
    public void OutputDirectory_ASuccessfulRun_PublishesEveryFile()
    {
        var target = Path.Combine(_root, "out");
        OutputDirectory.WriteAll(target, [Good("a.txt", "A"), Good("b.txt", "B")]);
        File.ReadAllText(Path.Combine(target, "a.txt")).Should().Be("A");
        File.ReadAllText(Path.Combine(target, "b.txt")).Should().Be("B");
        Directory.GetFileSystemEntries(_root).Should().Equal(target); // no temp folder left over
    }

    [Fact]
    public void OutputDirectory_AWriterThatThrows_LeavesNothingBehind()
    {
        var target = Path.Combine(_root, "out");
        var act = () => OutputDirectory.WriteAll(target, [Good("a.txt", "A"), Failing("b.txt"), Good("c.txt", "C")]);
        act.Should().Throw<InvalidOperationException>().WithMessage("boom");
        Directory.GetFileSystemEntries(_root).Should().BeEmpty();
    }

    [Fact]
    public void OutputDirectory_AFailedRerun_KeepsThePreviousOutputsUntouched()
    {
        var target = Path.Combine(_root, "out");
        OutputDirectory.WriteAll(target, [Good("a.txt", "old A"), Good("b.txt", "old B")]);
        var act = () => OutputDirectory.WriteAll(target, [Good("a.txt", "new A"), Failing("b.txt")]);
        act.Should().Throw<InvalidOperationException>();
        File.ReadAllText(Path.Combine(target, "a.txt")).Should().Be("old A");
        File.ReadAllText(Path.Combine(target, "b.txt")).Should().Be("old B");
        Directory.GetFileSystemEntries(_root).Should().Equal(target);
        Directory.GetFileSystemEntries(target).Should().HaveCount(2);
    }

    [Fact]
    public void OutputDirectory_ASuccessfulRerun_ReplacesTheFiles()
    {
        var target = Path.Combine(_root, "out");
        OutputDirectory.WriteAll(target, [Good("a.txt", "old")]);
        OutputDirectory.WriteAll(target, [Good("a.txt", "new")]);
        File.ReadAllText(Path.Combine(target, "a.txt")).Should().Be("new");
        Directory.GetFileSystemEntries(_root).Should().Equal(target);
    }

    [Fact]
    public void OutputDirectory_NamesThatLeaveTheFolder_AreRefused()
    {
        var act = () => OutputDirectory.WriteAll(Path.Combine(_root, "out"), [Good("../evil.txt", "x")]);
        act.Should().Throw<ArgumentException>();
        Directory.GetFileSystemEntries(_root).Should().BeEmpty();
    }

    [Fact]
    public void OutputFile_SingleFileWrite_IsAtomic()
    {
        var path = Path.Combine(_root, "one.json");
        OutputDirectory.WriteTextFile(path, w => w.Write("v1"));
        var act = () => OutputDirectory.WriteFile(path, s => { s.Write("v2 partial"u8); throw new IOException("disk full"); });
        act.Should().Throw<IOException>();
        File.ReadAllText(path).Should().Be("v1");
        Directory.GetFileSystemEntries(_root).Should().Equal(path);
    }

    [Fact]
    public void RunOutputs_WritesTheContractFilesAndTheReport()
    {
        var target = Path.Combine(_root, "run");
        RunOutputs.Write(target, SampleRun.Result(), SampleRun.Expectations(), SampleRun.Report());
        Directory.GetFiles(target).Select(Path.GetFileName).Order(StringComparer.Ordinal)
            .Should().Equal("events.jsonl", "report.html", "summary.json", "telemetry.csv");
        File.ReadAllBytes(Path.Combine(target, "telemetry.csv")).Take(3).Should().NotEqual(new byte[] { 0xEF, 0xBB, 0xBF }); // no BOM
    }

    [Fact]
    public void RunOutputs_ThatFailMidway_LeaveNoFiles()
    {
        var target = Path.Combine(_root, "run");
        var r = SampleRun.Result();
        var bad = r with { Totals = r.Totals with { LeakedMcg = double.NaN } }; // summary.json refuses NaN, after events and CSV were written
        var act = () => RunOutputs.Write(target, bad, SampleRun.Expectations(), SampleRun.Report());
        act.Should().Throw<ArgumentOutOfRangeException>();
        Directory.GetFileSystemEntries(_root).Should().BeEmpty();
    }
}
