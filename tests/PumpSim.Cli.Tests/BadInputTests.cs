namespace PumpSim.Cli.Tests;

/// <summary>The loader's corpus of bad files, through the command line: each is exit 2, a located
/// message on stderr, no stack trace, and `run` writes nothing.</summary>
public class BadInputTests
{
    public static TheoryData<string> BadFiles()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(Repo.Path("tests", "PumpSim.Scenarios.Tests", "Data", "bad")).Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(f));
        return data;
    }

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void EveryBadFile_IsExitTwo_WithFileLineAndColumn_AndNothingWritten(string name)
    {
        var file = Repo.Path("tests", "PumpSim.Scenarios.Tests", "Data", "bad", name);
        var outDir = Path.Combine(Cli.TempDir(), "out");
        var run = Cli.Run("run", file, "--out", outDir);
        run.ExitCode.Should().Be(2, run.Out + run.Error);
        run.Error.Should().MatchRegex($@"{System.Text.RegularExpressions.Regex.Escape(name)}:\d+:\d+: error: ");
        run.Error.Should().NotContain("   at ");
        Directory.Exists(outDir).Should().BeFalse();
        Cli.Run("validate", file).ExitCode.Should().Be(2);
    }

    [Fact]
    public void Verify_OfAFileOverTheEventLimit_ExitsTwoWithRunsMessage()
    {
        // Before: verify called it "internal error (a bug in PumpSim)" and exited 3 while run exited 2.
        var file = Path.Combine(AppContext.BaseDirectory, "Data", "too-many-events.yaml");
        var run = Cli.Run("run", file, "--out", Path.Combine(Cli.TempDir(), "out"));
        var verify = Cli.Run("verify", file);
        run.ExitCode.Should().Be(2, run.Error);
        verify.ExitCode.Should().Be(2, verify.Error);
        const string message = "too-many-events: more than 1,000,000 events by day";
        run.Error.Should().Contain(message);
        verify.Error.Should().Contain(message).And.NotContain("internal error");
    }
}
