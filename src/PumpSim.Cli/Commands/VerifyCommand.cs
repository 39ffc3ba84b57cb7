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

/// <summary>`pumpsim verify PATH...`: every scenario, every expectation, a pass/fail table and an exit code.
/// When stdout is not a terminal (a CI log) the table becomes plain lines that are never wrapped, and each
/// failing expectation is listed once, with the file:line of its entry in `expect:`.</summary>
public sealed class VerifyCommand(IAnsiConsole console, ErrorWriter errors) : Command<VerifySettings>
{
    public override int Execute(CommandContext context, VerifySettings settings, CancellationToken cancellationToken)
    {
        var files = ScenarioFiles.Find(settings.Paths);
        if (files.Count == 0) throw new InputException($"no scenario files (.yaml) under {string.Join(", ", settings.Paths)}");
        var plain = !console.Profile.Out.IsTerminal;
        var log = console.Profile.Out.Writer;
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
            // Wall-clock time for JUnit's time attribute only (monotonic; never in a deterministic output).
            var clock = System.Diagnostics.Stopwatch.StartNew();
            LoadedScenario scenario;
            try { scenario = ScenarioLoader.Load(file); }
            catch (ScenarioException e)
            {
                invalid++;
                foreach (var err in e.Errors) errors.Line(err.ToString());
                if (plain) log.WriteLine($"INVALID  {file}  {e.Reason}");
                else table.AddRow("[red]INVALID[/]", Markup.Escape(file), Markup.Escape(e.Reason));
                // In a CI log the located errors on stderr already list it; in a terminal it is repeated at the end.
                if (!plain) failures.Add($"{file}: invalid ({e.Errors[0]})");
                suites.Add(new ScenarioOutcome(Path.GetFileNameWithoutExtension(file), [], e.Errors[0].ToString(), file, clock.Elapsed));
                continue;
            }
            var run = ScenarioRun.Execute(scenario);
            suites.Add(new ScenarioOutcome(scenario.Plan.Id, run.Outcomes, File: file, Elapsed: clock.Elapsed));
            var bad = run.Outcomes.Count(o => !o.Passed);
            passed += run.Outcomes.Count - bad;
            failed += bad;
            var summary = run.Outcomes.Count == 0 ? "(no expectations)" : $"{run.Outcomes.Count - bad}/{run.Outcomes.Count} expectations pass";
            if (plain) log.WriteLine($"{(bad == 0 ? "PASS" : "FAIL"),-7}  {scenario.Plan.Id}  {summary}");
            else table.AddRow(bad == 0 ? "[green]PASS[/]" : "[red]FAIL[/]", Markup.Escape(scenario.Plan.Id), run.Outcomes.Count == 0 ? "[grey](no expectations)[/]" : summary);
            for (var i = 0; i < run.Outcomes.Count; i++)
            {
                var o = run.Outcomes[i];
                if (!o.Passed)
                {
                    // file:line of the failing `expect:` entry, so a CI log links straight to it.
                    var line = i < scenario.Expectations.Count ? scenario.Expectations[i].Line : 0;
                    failures.Add($"{file}{(line > 0 ? $":{line}" : "")}: {scenario.Plan.Id}: {o.Text} — {o.Detail}");
                }
                if (plain)
                {
                    if (settings.Verbose && o.Passed) log.WriteLine($"  pass   {o.Text}: {o.Detail}");
                }
                else if (settings.Verbose || !o.Passed)
                    table.AddRow(o.Passed ? "[green]  pass[/]" : "[red]  fail[/]", "", Markup.Escape($"{o.Text}: {o.Detail}"));
            }
        }
        if (!plain) console.Write(table);
        if (settings.JUnit is { } path) OutputDirectory.WriteFile(path, s => JUnitWriter.Write(s, suites));
        foreach (var f in failures)
        {
            if (plain) log.WriteLine($"✗ {f}");
            else console.MarkupLine($"[red]✗[/] {Markup.Escape(f)}");
        }
        var noun = files.Count == 1 ? "scenario" : "scenarios";
        var invalidText = invalid > 0 ? $", {invalid} invalid file{(invalid == 1 ? "" : "s")}" : "";
        if (plain) log.WriteLine($"{files.Count} {noun}, {passed + failed} expectations: {passed} passed, {failed} failed{invalidText}.");
        else console.MarkupLine($"{files.Count} {noun}, {passed + failed} expectations: [green]{passed} passed[/], [red]{failed} failed[/]{(invalid > 0 ? $"[red]{invalidText}[/]" : "")}.");
        return invalid > 0 ? ExitCodes.InvalidInput : failed > 0 ? ExitCodes.ExpectationFailed : ExitCodes.Ok;
    }
}
