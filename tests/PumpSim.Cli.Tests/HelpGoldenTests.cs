namespace PumpSim.Cli.Tests;

/// <summary>`pumpsim --help` and every verb's `--help`, compared byte for byte with the files in
/// Golden/. A changed option, description or verb fails here until the golden file is regenerated
/// on purpose (docs/testing.md, "Golden help files"):
/// <c>PUMPSIM_UPDATE_GOLDEN=1 dotnet test tests/PumpSim.Cli.Tests --filter FullyQualifiedName~HelpGoldenTests</c>.</summary>
public class HelpGoldenTests
{
    /// <summary>Every verb; <see cref="Help_ListsExactlyTheVerbsWithGoldenFiles"/> fails if the root
    /// help lists another, so a new verb cannot go without a golden file.</summary>
    private static readonly string[] Verbs = ["run", "verify", "play", "list", "validate", "diagram", "schema", "sweep", "merge", "serve", "trace", "check", "grade", "trumpet"];

    public static TheoryData<string> Pages => new([null!, .. Verbs]);

    [Theory]
    [MemberData(nameof(Pages))]
    public void Help_MatchesItsGoldenFile(string? verb)
    {
        var r = verb is null ? Cli.Run("--help") : Cli.Run(verb, "--help");
        r.ExitCode.Should().Be(0, r.Error);
        var file = Repo.Path("tests", "PumpSim.Cli.Tests", "Golden", verb is null ? "help.txt" : $"help-{verb}.txt");
        if (Environment.GetEnvironmentVariable("PUMPSIM_UPDATE_GOLDEN") == "1")
        {
            // Rewriting the golden file and then comparing with it would pass anything: never in CI.
            Environment.GetEnvironmentVariable("CI").Should().NotBe("true", "PUMPSIM_UPDATE_GOLDEN rewrites the golden files; it is refused in CI, where it would make every golden test pass");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, r.Out);
        }
        File.Exists(file).Should().BeTrue($"{file} is missing; regenerate with PUMPSIM_UPDATE_GOLDEN=1 (docs/testing.md)");
        r.Out.Should().Be(File.ReadAllText(file), $"the help must equal {file} byte for byte; if the change is intended, regenerate it (docs/testing.md)");
    }

    [Fact]
    public void Help_ListsExactlyTheVerbsWithGoldenFiles()
    {
        var lines = Cli.Run("--help").Out.Split('\n');
        var commands = lines.SkipWhile(l => l.TrimEnd() != "COMMANDS:").Skip(1)
            .Where(l => l.Length > 4 && l.StartsWith("    ") && l[4] != ' ')
            .Select(l => l.Trim().Split(' ')[0]);
        commands.Should().Equal(Verbs);
    }
}
