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
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn("Scenario");
        table.AddColumn("Expectation");
        table.AddColumn("Result");
        table.AddColumn("Detail");
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
                table.AddRow(Markup.Escape(file), "loads", "[red]INVALID[/]", Markup.Escape(e.Reason));
                suites.Add(new ScenarioOutcome(Path.GetFileNameWithoutExtension(file), [new ExpectationOutcome("scenario file loads", false, e.Errors[0].ToString())]));
                continue;
            }
            var run = ScenarioRun.Execute(scenario);
            suites.Add(new ScenarioOutcome(scenario.Plan.Id, run.Outcomes));
            if (run.Outcomes.Count == 0) table.AddRow(Markup.Escape(scenario.Plan.Id), "[grey](no expectations)[/]", "[grey]-[/]", "");
            foreach (var o in run.Outcomes)
            {
                if (o.Passed) passed++; else failed++;
                table.AddRow(Markup.Escape(scenario.Plan.Id), Markup.Escape(o.Text), o.Passed ? "[green]PASS[/]" : "[red]FAIL[/]", Markup.Escape(o.Detail));
            }
        }
        console.Write(table);
        if (settings.JUnit is { } path) OutputDirectory.WriteFile(path, s => JUnitWriter.Write(s, suites));
        console.MarkupLine($"{files.Count} scenarios: [green]{passed} passed[/], [red]{failed} failed[/]{(invalid > 0 ? $", [red]{invalid} invalid[/]" : "")}.");
        return invalid > 0 ? ExitCodes.InvalidInput : failed > 0 ? ExitCodes.ExpectationFailed : ExitCodes.Ok;
    }
}
