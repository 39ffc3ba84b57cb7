using System.ComponentModel;
using PumpSim.Core.Events;
using PumpSim.Cli.Infrastructure;
using PumpSim.Reports;
using PumpSim.Scenarios;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PumpSim.Cli.Commands;

public sealed class VerifySettings : CommandSettings
{
    [CommandArgument(0, "<PATH>")]
    [Description("Scenario files or folders (searched recursively for .yaml/.yml).")]
    public string[] Paths { get; init; } = [];

    [CommandOption("-v|--verbose")]
    [Description("List every expectation, not only the failing ones.")]
    public bool Verbose { get; init; }

    [CommandOption("--junit <FILE>")]
    [Description("Also write JUnit XML (one test case per expectation) for CI.")]
    public string? JUnit { get; init; }
}

/// <summary>`pumpsim verify PATH...`: every scenario, every expectation, a pass/fail table and an exit code.</summary>
public sealed class VerifyCommand(IAnsiConsole console, ErrorWriter errors) : Command<VerifySettings>
{
    public override int Execute(CommandContext context, VerifySettings settings, CancellationToken cancellationToken)
    {
        var files = ScenarioFiles.Find(settings.Paths);
        if (files.Count == 0) throw new InputException($"no scenario files (.yaml) under {string.Join(", ", settings.Paths)}");
        // One row per scenario; its expectations are listed when one fails (or with --verbose).
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn("Result");
        table.AddColumn(new TableColumn("Scenario").NoWrap());
        table.AddColumn("Expectations");
        var failures = new List<string>();
        var suites = new List<ScenarioOutcome>();
        int passed = 0, failed = 0, invalid = 0;
        foreach (var file in files)
        {
            LoadedScenario scenario;
            try { scenario = ScenarioLoader.Load(file); }
            catch (ScenarioException e)
            {
                invalid++;
                foreach (var err in e.Errors) errors.Line(err.ToString());
                table.AddRow("[red]INVALID[/]", Markup.Escape(file), Markup.Escape(e.Reason));
                failures.Add($"{file}: invalid ({e.Errors[0]})");
                suites.Add(new ScenarioOutcome(Path.GetFileNameWithoutExtension(file), [], e.Errors[0].ToString(), file));
                continue;
            }
            var run = ScenarioRun.Execute(scenario);
            suites.Add(new ScenarioOutcome(scenario.Plan.Id, run.Outcomes, File: file));
            var bad = run.Outcomes.Count(o => !o.Passed);
            passed += run.Outcomes.Count - bad;
            failed += bad;
            var summary = run.Outcomes.Count == 0 ? "[grey](no expectations)[/]" : $"{run.Outcomes.Count - bad}/{run.Outcomes.Count} expectations pass";
            table.AddRow(bad == 0 ? "[green]PASS[/]" : "[red]FAIL[/]", Markup.Escape(scenario.Plan.Id), summary);
            foreach (var o in run.Outcomes.Where(o => settings.Verbose || !o.Passed))
            {
                table.AddRow(o.Passed ? "[green]  pass[/]" : "[red]  fail[/]", "", Markup.Escape($"{o.Text}: {o.Detail}"));
                if (!o.Passed) failures.Add($"{scenario.Plan.Id}: {o.Text} — {o.Detail}");
            }
        }
        console.Write(table);
        if (settings.JUnit is { } path) OutputDirectory.WriteFile(path, s => JUnitWriter.Write(s, suites));
        foreach (var f in failures) console.MarkupLine($"[red]✗[/] {Markup.Escape(f)}");
        var noun = files.Count == 1 ? "scenario" : "scenarios";
        console.MarkupLine($"{files.Count} {noun}, {passed + failed} expectations: [green]{passed} passed[/], [red]{failed} failed[/]{(invalid > 0 ? $", [red]{invalid} invalid file{(invalid == 1 ? "" : "s")}[/]" : "")}.");
        return invalid > 0 ? ExitCodes.InvalidInput : failed > 0 ? ExitCodes.ExpectationFailed : ExitCodes.Ok;
    }
}
