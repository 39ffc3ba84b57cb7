namespace PumpSim.Cli.Tests;

/// <summary>The committed schema (scenarios/pumpsim.schema.json, which the bundled files name in their
/// yaml-language-server line) is exactly what `pumpsim schema` prints, and every bundled file names it.</summary>
public class SchemaFileTests
{
    private const string SchemaFile = "pumpsim.schema.json";

    [Fact]
    public void The_committed_schema_equals_pumpsim_schema_output()
    {
        var r = Cli.Run("schema");
        r.ExitCode.Should().Be(0, r.Error);
        var committed = File.ReadAllText(Repo.Path("scenarios", SchemaFile)).ReplaceLineEndings("\n");
        committed.Should().Be(PumpSim.Scenarios.ScenarioSchema.Json,
            "regenerate with: dotnet run --project src/PumpSim.Cli -- schema > scenarios/pumpsim.schema.json");
        r.Out.ReplaceLineEndings("\n").TrimEnd().Should().Be(committed.TrimEnd());
    }

    [Fact]
    public void Every_bundled_scenario_names_the_schema_on_its_first_line_by_a_relative_path_that_exists()
    {
        var files = ScenarioFilesOnDisk();
        files.Should().NotBeEmpty();
        foreach (var f in files)
        {
            var first = File.ReadLines(f).First();
            first.Should().StartWith("# yaml-language-server: $schema=", f);
            var target = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(f)!, first["# yaml-language-server: $schema=".Length..]));
            target.Should().Be(Path.GetFullPath(Repo.Path("scenarios", SchemaFile)), f);
        }
    }

    [Fact]
    public void Bundled_scenarios_use_actual_not_the_boolean_looking_true_key()
    {
        foreach (var f in ScenarioFilesOnDisk())
            File.ReadAllText(f).Should().NotMatchRegex(@"reservoir_ml:[^\n]*\btrue:", f);
    }

    /// <summary>Every scenario file under scenarios/: the requirements catalog beside them is not one.</summary>
    private static string[] ScenarioFilesOnDisk() =>
        Directory.GetFiles(Repo.Path("scenarios"), "*.yaml", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != PumpSim.Scenarios.Requirements.RequirementCatalog.FileName).ToArray();
}
