namespace PumpSim.Scenarios.Tests;

/// <summary>Small edge files (Data/edge) judged by the loader and by a real JSON Schema validator
/// (JsonSchema.Net on the generated schema): the verdicts must be the same. valid/ and invalid/ say which
/// verdict both give; loader-only/ holds the rules no JSON Schema keyword can state (a sum of units, a
/// calendar date, a time against start + duration): the schema accepts those files, the loader refuses
/// them, and the schema's root description must name the rule (each file's first line: "# rule: ...").</summary>
public class EdgeCorpusTests
{
    private static string Dir(string verdict) => Path.Combine(AppContext.BaseDirectory, "Data", "edge", verdict);

    public static TheoryData<string> Files(string verdict) => new(Directory.GetFiles(Dir(verdict), "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    private static bool LoaderAccepts(string yaml, string name, out string error)
    {
        try { ScenarioLoader.Parse(yaml, name); error = ""; return true; }
        catch (ScenarioException e) { error = e.Message; return false; }
    }

    [Theory]
    [MemberData(nameof(Files), "valid")]
    public void Both_accept(string file)
    {
        var yaml = File.ReadAllText(Path.Combine(Dir("valid"), file));
        LoaderAccepts(yaml, file, out var error).Should().BeTrue(error);
        YamlJson.Errors(yaml).Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(Files), "invalid")]
    public void Both_refuse(string file)
    {
        var yaml = File.ReadAllText(Path.Combine(Dir("invalid"), file));
        LoaderAccepts(yaml, file, out _).Should().BeFalse("the loader must refuse " + file);
        YamlJson.Valid(yaml).Should().BeFalse("the schema must refuse " + file);
    }

    [Theory]
    [MemberData(nameof(Files), "loader-only")]
    public void Only_the_loader_refuses_and_the_schema_names_the_rule(string file)
    {
        var yaml = File.ReadAllText(Path.Combine(Dir("loader-only"), file));
        LoaderAccepts(yaml, file, out _).Should().BeFalse("the loader must refuse " + file);
        YamlJson.Valid(yaml).Should().BeTrue("this rule is beyond JSON Schema; if the schema now refuses it, move the file to invalid/");
        var rule = yaml.Split('\n')[0]["# rule: ".Length..];
        System.Text.Json.JsonDocument.Parse(ScenarioSchema.Json).RootElement.GetProperty("description").GetString().Should().Contain(rule);
    }

    [Fact]
    public void The_corpus_covers_the_cases_of_issue_14()
    {
        // P/PT, 16 digits, over 50 years, step 0 and 2h, fractional seconds, t/z, 0x10, start without seconds,
        // LRA against capacity, one rate only: each has a file here.
        var all = new[] { "valid", "invalid", "loader-only" }.SelectMany(v => Directory.GetFiles(Dir(v), "*.yaml")).Select(Path.GetFileNameWithoutExtension).ToArray();
        all.Should().Contain(["duration-P", "duration-PT", "offset-16-digits", "duration-over-50-years", "step-0", "step-2h",
            "start-fractional-seconds", "start-lower-case-t", "start-lower-case-z", "hex-and-octal", "start-without-seconds",
            "lra-over-half-capacity", "two-rates"]);
    }

    [Fact]
    public void Every_bundled_scenario_passes_both()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PumpSim.sln"))) dir = dir.Parent;
        var files = Directory.GetFiles(Path.Combine(dir!.FullName, "scenarios"), "*.yaml", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != PumpSim.Scenarios.Requirements.RequirementCatalog.FileName).ToArray();
        files.Should().HaveCountGreaterThan(20);
        foreach (var f in files)
        {
            var yaml = File.ReadAllText(f);
            LoaderAccepts(yaml, f, out var error).Should().BeTrue(error);
            YamlJson.Errors(yaml).Should().BeEmpty(f);
        }
    }
}
