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
    [Description("Also write JUnit XML (one test case per expectation) for CI; '-' writes it to stdout (the table then goes to stderr).")]
    public string? JUnit { get; init; }

    public override ValidationResult Validate() => JUnitPath.Check(JUnit);
}

/// <summary>`pumpsim verify PATH...`: every scenario, every expectation, a pass/fail table and an exit code.</summary>
public sealed class VerifyCommand(IAnsiConsole stdout, ErrorWriter errors) : Command<VerifySettings>
{
    public override int Execute(CommandContext context, VerifySettings settings, CancellationToken cancellationToken)
    {
        // With --junit - stdout carries the XML, so the human output moves to stderr.
        var toStdout = settings.JUnit is "-" or CommandLine.Stdout;
        var console = toStdout
            ? new SafeConsole(AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(errors.Writer), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors }))
            : stdout;
        var found = ScenarioFiles.FindAll(settings.Paths);
        var files = found.Files;
        if (files.Count == 0 && found.Problems.Count == 0) throw new InputException($"no scenario files (.yaml) under {string.Join(", ", settings.Paths)}");
        // One row per scenario; its expectations are listed when one fails (or with --verbose).
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn("Result");
        table.AddColumn(new TableColumn("Scenario").NoWrap());
        table.AddColumn("Expectations");
        var failures = new List<string>();
        var suites = new List<ScenarioOutcome>();
        int passed = 0, failed = 0, invalid = 0, crashed = 0;
        foreach (var problem in found.Problems)
        {
            // A path that could not be looked at is a result of its own, in the table and in JUnit.
            invalid++;
            errors.Line($"error: {problem}");
            table.AddRow("[red]INVALID[/]", "", Markup.Escape(problem));
            failures.Add(problem);
            suites.Add(new ScenarioOutcome("unreadable", [], problem));
        }
        foreach (var file in files)
        {
            // One bad file never ends the command: every file gets its own result and the JUnit
            // file is always written (a crash is recorded as that file's error, and exit 3 at the end).
            LoadedScenario scenario;
            ScenarioRun run;
            try
            {
                scenario = ScenarioLoader.Load(file);
                run = ScenarioRun.Execute(scenario);
            }
            catch (ScenarioException e)
            {
                invalid++;
                foreach (var err in e.Errors) errors.Line(err.ToString());
                table.AddRow("[red]INVALID[/]", Markup.Escape(file), Markup.Escape(e.Reason));
                failures.Add($"{file}: invalid ({e.Errors[0]})");
                suites.Add(new ScenarioOutcome(Path.GetFileNameWithoutExtension(file), [], e.Errors[0].ToString(), file));
                continue;
            }
#pragma warning disable CA1031 // deliberately broad: the other files still deserve their results
            catch (Exception e)
#pragma warning restore CA1031
            {
                crashed++;
                var message = $"{file}: internal error: {e.GetType().Name}: {e.Message}";
                errors.Line(message);
                table.AddRow("[red]ERROR[/]", Markup.Escape(file), Markup.Escape("internal error (a bug in PumpSim, not in the scenario)"));
                failures.Add(message);
                suites.Add(new ScenarioOutcome(Path.GetFileNameWithoutExtension(file), [], message, file));
                continue;
            }
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
        if (toStdout)
        {
            using var xml = new MemoryStream();
            JUnitWriter.Write(xml, suites);
            stdout.Profile.Out.Writer.Write(System.Text.Encoding.UTF8.GetString(xml.ToArray()));
            stdout.Profile.Out.Writer.Flush();
        }
        else if (settings.JUnit is { } path) OutputDirectory.WriteFile(path, s => JUnitWriter.Write(s, suites));
        foreach (var f in failures) console.MarkupLine($"[red]✗[/] {Markup.Escape(f)}");
        var noun = files.Count == 1 ? "scenario" : "scenarios";
        if (crashed > 0) console.MarkupLine($"[red]{crashed} file{(crashed == 1 ? "" : "s")} hit an internal error[/]; run again with --debug and report it.");
        console.MarkupLine($"{files.Count} {noun}, {passed + failed} expectations: [green]{passed} passed[/], [red]{failed} failed[/]{(invalid > 0 ? $", [red]{invalid} invalid file{(invalid == 1 ? "" : "s")}[/]" : "")}.");
        return crashed > 0 ? ExitCodes.InternalError : invalid > 0 ? ExitCodes.InvalidInput : failed > 0 ? ExitCodes.ExpectationFailed : ExitCodes.Ok;
    }
}
