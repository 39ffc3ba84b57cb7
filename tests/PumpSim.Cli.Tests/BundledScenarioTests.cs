using PumpSim.Cli;
using PumpSim.Scenarios;

namespace PumpSim.Cli.Tests;

/// <summary>The bundled scenario library (scenarios/ at the repository root) runs exactly as
/// `pumpsim verify scenarios` runs it — <see cref="ScenarioFiles.Find"/>, <see cref="ScenarioLoader.Load"/>,
/// <see cref="ScenarioRun.Execute"/> — and together covers every topic a trainer or tester needs.</summary>
public class BundledScenarioTests
{
    /// <summary>Topics the library must cover, each at least once.</summary>
    public static readonly string[] RequiredCovers =
    [
        "low-reservoir", "empty-reservoir", "elective-replacement", "end-of-service", "motor-stall", "mri",
        "catheter-kink", "catheter-leak", "catheter-disconnect", "catheter-migration", "pocket-fill",
        "overinfusion", "refill-discrepancy", "flex", "ptm", "priming-bolus", "bridge-bolus",
        "low-battery-reset", "critical-memory-error", "withdrawal-risk", "titration",
        "wrong-concentration", "diathermy", "pump-flip", "decimal-error", "unit-error",
    ];

    /// <summary>Topics a scenario may also name.</summary>
    public static readonly string[] OptionalCovers = ["noncritical-memory-error", "underinfusion", "overdose-risk", "programming-error",
        "bolus", "capped-bolus", "concentration-change", "program-rejected"];

    /// <summary>field-notices/ holds the scenarios that reproduce a public notice or safety communication (issue 22).</summary>
    public static readonly string[] Folders = ["training", "alarms", "dosing", "faults", "field-notices"];

    private static readonly Lazy<string> Library = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PumpSim.sln"))) return Path.Combine(dir.FullName, "scenarios");
        }
        throw new InvalidOperationException($"no PumpSim.sln above {AppContext.BaseDirectory}");
    });

    public static string LibraryPath => Library.Value;

    /// <summary>The files `verify scenarios` would run, as paths relative to scenarios/ (stable test names),
    /// but the lessons: a lesson, its answer and its mistakes are sessions to grade, not stories with
    /// expectations (GraderTests and GradeCommandTests check them; `verify` still loads and runs them).</summary>
    private static IReadOnlyList<string> RelativeFiles() =>
        ScenarioFiles.Find([LibraryPath]).Select(f => Path.GetRelativePath(LibraryPath, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("lessons/", StringComparison.Ordinal)).ToArray();

    public static TheoryData<string> Scenarios()
    {
        var data = new TheoryData<string>();
        foreach (var f in RelativeFiles()) data.Add(f);
        return data;
    }

    private static LoadedScenario Load(string relative) => ScenarioLoader.Load(Path.Combine(LibraryPath, relative));

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void BundledScenario_EveryExpectationPasses(string file)
    {
        var run = ScenarioRun.Execute(Load(file));
        var failures = run.Outcomes.Where(o => !o.Passed).Select(o => $"{o.Text} — {o.Detail}").ToArray();
        failures.Should().BeEmpty($"{file}: every expectation must pass, but these failed:\n  {string.Join("\n  ", failures)}");
        run.Outcomes.Should().NotBeEmpty($"{file} must pin its behaviour with at least one expectation");
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void BundledScenario_HasAnIdTitleDescriptionCoversAndHomeFolder(string file)
    {
        var s = Load(file);
        var folder = file.Split('/');
        folder.Should().HaveCount(2, $"{file} must sit directly in one of {string.Join(", ", Folders)}");
        Folders.Should().Contain(folder[0], $"{file} must live in one of the library folders");
        s.Plan.Id.Should().Be(Path.GetFileNameWithoutExtension(file), $"{file}: the scenario id is the file name");
        s.Title.Should().NotBe(s.Plan.Id, $"{file} needs a title (the loader falls back to the id)");
        s.Title.Should().NotBeNullOrWhiteSpace();
        s.Description.Should().NotBeNullOrWhiteSpace($"{file} needs a description");
        s.Expectations.Should().NotBeEmpty($"{file} needs at least one expectation");
        s.Covers.Should().NotBeEmpty($"{file} must say what it covers");
        s.Covers.Should().OnlyContain(c => RequiredCovers.Contains(c) || OptionalCovers.Contains(c),
            $"{file} must use the library's cover ids exactly");
    }

    [Fact]
    public void Library_CoversEveryTopic()
    {
        var files = RelativeFiles();
        files.Count.Should().BeGreaterThanOrEqualTo(22);
        var covered = files.SelectMany(f => Load(f).Covers).ToHashSet();
        RequiredCovers.Except(covered).Should().BeEmpty("every topic needs at least one bundled scenario");
        foreach (var folder in Folders)
            files.Should().Contain(f => f.StartsWith(folder + "/", StringComparison.Ordinal), $"{folder}/ must not be empty");
    }

    [Fact]
    public void Training_HasOneScenarioPerFailureModeATrainerDemonstrates()
    {
        var training = RelativeFiles().Where(f => f.StartsWith("training/", StringComparison.Ordinal)).Select(Load).ToArray();
        string[] modes =
        [
            "catheter-kink", "empty-reservoir", "pocket-fill", "overinfusion", "mri", "end-of-service",
            "catheter-leak", "catheter-disconnect", "catheter-migration",
        ];
        foreach (var mode in modes)
            training.Should().Contain(s => s.Covers.Contains(mode), $"training/ must demonstrate {mode}");
    }
}

/// <summary>scenarios/field-notices/ (issue 22): at least six scenarios, each citing the public notice or safety
/// communication it reproduces, and each naming the hazards it exercises.</summary>
public class FieldNoticePackTests
{
    [Fact]
    public void FieldNotices_AreAtLeastSix_EachCitingItsSource_AndItsHazards()
    {
        var files = Directory.GetFiles(Repo.Path("scenarios", "field-notices"), "*.yaml").Order(StringComparer.Ordinal).ToArray();
        files.Length.Should().BeGreaterThanOrEqualTo(6);
        foreach (var f in files)
        {
            var s = ScenarioLoader.Load(f);
            s.Description.Should().StartWith("Source: ", $"{f} must cite the notice it reproduces first");
            s.Hazards.Should().NotBeEmpty(f);
            s.Verifies.Concat(s.Expectations.SelectMany(e => e.Verifies)).Should().NotBeEmpty(f);
        }
    }
}
