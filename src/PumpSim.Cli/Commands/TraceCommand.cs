using System.ComponentModel;
using PumpSim.Cli.Infrastructure;
using PumpSim.Reports;
using PumpSim.Reports.Trace;
using PumpSim.Scenarios;
using PumpSim.Scenarios.Requirements;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PumpSim.Cli.Commands;

public sealed class TraceSettings : CommandSettings
{
    [CommandArgument(0, "[PATH]")]
    [Description("Scenario files or folders (default: scenarios).")]
    public string[] Paths { get; init; } = [];

    [CommandOption("--out <DIR>")]
    [Description("Where to write trace.csv, trace.json, trace.html, trace.reqif and manifest.json (default: out/trace).")]
    public string? Out { get; init; }

    [CommandOption("--requirements <FILE>")]
    [Description("The requirements catalog (default: the nearest requirements.yaml in or above the first path).")]
    public string? Requirements { get; init; }

    [CommandOption("--require-coverage")]
    [Description("Also exit 1 when a requirement is verified by no expectation.")]
    public bool RequireCoverage { get; init; }

    public override ValidationResult Validate() => JUnitPath.CheckOut(Out);
}

/// <summary>`pumpsim trace [PATH...] --out DIR`: runs the scenarios and writes the traceability matrix (issue 22):
/// one row per requirement × verifying expectation with its verdict, a not-covered row for every requirement
/// nothing verifies, the hazards with the scenarios that exercise them, and the same as ReqIF.</summary>
public sealed class TraceCommand(IAnsiConsole console, ErrorWriter errors) : Command<TraceSettings>
{
    public override int Execute(CommandContext context, TraceSettings settings, CancellationToken cancellationToken)
    {
        var paths = settings.Paths.Length > 0 ? settings.Paths : ["scenarios"];
        var catalogPath = settings.Requirements ?? RequirementCatalog.FindAbove(Directory.Exists(paths[0]) ? paths[0] : Path.GetDirectoryName(paths[0]) ?? "")
            ?? throw new InputException($"no {RequirementCatalog.FileName} in {paths[0]} or any folder above it; give one with --requirements FILE");
        if (Scenarios.Files.FileNode.KindOf(catalogPath, followLinks: true) != Scenarios.Files.NodeKind.Regular)
            throw new InputException($"no such requirements file: {catalogPath}");
        var catalog = RequirementsReader.Load(catalogPath);
        var found = ScenarioFiles.FindAll(paths);
        foreach (var problem in found.Problems) errors.Line($"error: {problem}");
        var invalid = found.Problems.Count;
        var traced = new List<TracedScenario>();
        foreach (var file in found.Files)
        {
            try
            {
                var scenario = ScenarioLoader.Load(file);
                // The catalog the trace is made against may not be the file's nearest one (--requirements).
                TraceCheck.Check(scenario, catalog);
                traced.Add(new TracedScenario(file, scenario, ScenarioRun.Execute(scenario).Outcomes));
            }
            catch (ScenarioException e)
            {
                invalid++;
                foreach (var err in e.Errors) errors.Line(err.ToString());
            }
        }
        if (found.Files.Count == 0 && invalid == 0) throw new InputException($"no scenario files (.yaml) under {string.Join(", ", paths)}");
        // A matrix without the invalid files would understate what is covered: nothing is written.
        if (invalid > 0) throw new InputException($"{invalid} invalid file{(invalid == 1 ? "" : "s")}; no trace written");

        var matrix = TraceMatrix.Build(catalog, traced);
        var outDir = settings.Out ?? Path.Combine("out", "trace");
        var files = RunManifest.With(TraceFiles.Files(matrix, Manifests.Tool.Version),
            Manifests.For("trace", traced.Select(t => (t.File, t.Scenario.Plan))));
        OutputDirectory.WriteAll(outDir, files);

        var gaps = matrix.Gaps.Select(r => r.Id).ToArray();
        var line = $"{catalog.Requirements.Count} requirements: {matrix.Covered} covered, {gaps.Length} not covered. " +
                   $"{traced.Count} scenarios, {traced.Sum(t => t.Outcomes.Count)} expectations, {matrix.Failing} failing.";
        console.Profile.Out.Writer.WriteLine(TerminalText.Clean(line));
        if (gaps.Length > 0) console.Profile.Out.Writer.WriteLine(TerminalText.Clean($"not covered: {string.Join(", ", gaps)}"));
        foreach (var h in matrix.Hazards.Where(h => h.Scenarios.Count == 0))
            console.Profile.Out.Writer.WriteLine(TerminalText.Clean($"hazard exercised by no scenario: {h.Hazard.Id}"));
        console.Profile.Out.Writer.WriteLine(TerminalText.Clean($"Trace written to {outDir} ({TraceFiles.Csv}, {TraceFiles.Json}, {TraceFiles.HtmlFile}, {TraceFiles.ReqIf}, {RunManifest.FileName})."));
        if (matrix.Failing > 0) return ExitCodes.ExpectationFailed;
        return settings.RequireCoverage && gaps.Length > 0 ? ExitCodes.ExpectationFailed : ExitCodes.Ok;
    }
}
