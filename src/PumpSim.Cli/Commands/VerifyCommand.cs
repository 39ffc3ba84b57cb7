using System.ComponentModel;
using PumpSim.Cli.Infrastructure;
using PumpSim.Core.Events;
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

    [CommandOption("--out <DIR>")]
    [Description("Also write a folder of evidence: junit.xml (every time 0, so it is byte-stable) and manifest.json (build, runtime, each scenario's SHA-256, seed and step, each file's SHA-256); `pumpsim check DIR` re-checks it.")]
    public string? Out { get; init; }

    public override ValidationResult Validate() => JUnitPath.Check(JUnit) is { Successful: false } bad ? bad : JUnitPath.CheckOut(Out);
}

/// <summary>`pumpsim verify PATH...`: every scenario, every expectation, a pass/fail table and an exit code.
/// When its output is not a terminal (a CI log) the table becomes plain lines that are never wrapped, and each
/// failing expectation is listed once, with the file:line of its entry in `expect:`.</summary>
public sealed class VerifyCommand(IAnsiConsole stdout, ErrorWriter errors) : Command<VerifySettings>
{
    public override int Execute(CommandContext context, VerifySettings settings, CancellationToken cancellationToken) =>
        Run(stdout, errors, settings);

    /// <summary>The command itself; <see cref="DirectRun"/> calls it without a command context.</summary>
    internal static int Run(IAnsiConsole stdout, ErrorWriter errors, VerifySettings settings)
    {
        // With --junit - stdout carries the XML, so the human output moves to stderr.
        var toStdout = settings.JUnit is "-" or CommandLine.Stdout;
        var console = toStdout
            ? new SafeConsole(AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(errors.Writer), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors }))
            : stdout;
        var found = ScenarioFiles.FindAll(settings.Paths);
        var files = found.Files;
        if (files.Count == 0 && found.Problems.Count == 0) throw new InputException($"no scenario files (.yaml) under {string.Join(", ", settings.Paths)}");
        var plain = !console.Profile.Out.IsTerminal;
        // Plain lines bypass Spectre's wrapping, so they are cleaned of terminal controls here.
        void Log(string line) => console.Profile.Out.Writer.WriteLine(TerminalText.Clean(line));
        // One row per scenario; its expectations are listed when one fails (or with --verbose).
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn("Result");
        table.AddColumn("Scenario");
        table.AddColumn("Expectations");
        var failures = new List<string>();
        var suites = new List<ScenarioOutcome>();
        int passed = 0, failed = 0, invalid = 0, crashed = 0, expectedFailures = 0;
        var ran = new List<(string File, PumpSim.Core.Engine.SimulationPlan Plan)>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var problem in found.Problems)
        {
            // A path that could not be looked at is a result of its own, in the table and in JUnit.
            invalid++;
            errors.Line($"error: {problem}");
            if (plain) Log($"INVALID  {problem}");
            else table.AddRow("[red]INVALID[/]", "", Markup.Escape(problem));
            failures.Add(problem);
            suites.Add(new ScenarioOutcome("unreadable", [], problem));
        }
        foreach (var file in files)
        {
            // One bad file never ends the command: every file gets its own result and the JUnit
            // file is always written (a crash is recorded as that file's error, and exit 3 at the end).
            // Wall-clock time for JUnit's time attribute only (monotonic; never in a deterministic output).
            var clock = System.Diagnostics.Stopwatch.StartNew();
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
                if (plain) Log($"INVALID  {file}  {e.Reason}");
                else table.AddRow("[red]INVALID[/]", Markup.Escape(file), Markup.Escape(e.Reason));
                // In a CI log the located errors on stderr already list it; in a terminal it is repeated at the end.
                if (!plain) failures.Add($"{file}: invalid ({e.Errors[0]})");
                suites.Add(new ScenarioOutcome(Path.GetFileNameWithoutExtension(file), [], e.Errors[0].ToString(), file, clock.Elapsed));
                continue;
            }
            catch (InputException e)
            {
                // A limit met while running (more than ScenarioLimits.MaxEvents events): invalid input, as `run` says.
                invalid++;
                errors.Line($"{file}: error: {e.Message}");
                if (plain) Log($"INVALID  {file}  {e.Message}");
                else table.AddRow("[red]INVALID[/]", Markup.Escape(file), Markup.Escape(e.Message));
                if (!plain) failures.Add($"{file}: invalid ({e.Message})");
                suites.Add(new ScenarioOutcome(Path.GetFileNameWithoutExtension(file), [], e.Message, file, clock.Elapsed));
                continue;
            }
#pragma warning disable CA1031 // deliberately broad: the other files still deserve their results
            catch (Exception e)
#pragma warning restore CA1031
            {
                crashed++;
                var message = $"{file}: internal error: {e.GetType().Name}: {e.Message}";
                errors.Line(message);
                if (plain) Log($"ERROR    {file}  internal error (a bug in PumpSim, not in the scenario)");
                else table.AddRow("[red]ERROR[/]", Markup.Escape(file), Markup.Escape("internal error (a bug in PumpSim, not in the scenario)"));
                failures.Add(message);
                suites.Add(new ScenarioOutcome(Path.GetFileNameWithoutExtension(file), [], message, file, clock.Elapsed));
                continue;
            }
            suites.Add(new ScenarioOutcome(scenario.Plan.Id, run.Outcomes, File: file, Elapsed: clock.Elapsed));
            ran.Add((file, scenario.Plan));
            // Two files may share a scenario id; a repeat is named with its file so the lines tell them apart.
            var name = ids.Add(scenario.Plan.Id) ? scenario.Plan.Id : $"{scenario.Plan.Id} ({file})";
            // A known defect that still fails is as expected (XFAIL); one that passes is not (XPASS), so a fix never lands unnoticed.
            var bad = run.Outcomes.Count(o => !o.Ok);
            var xfail = run.Outcomes.Count(o => o.Verdict == "expected-failure");
            expectedFailures += xfail;
            passed += run.Outcomes.Count - bad - xfail;
            failed += bad;
            var summary = run.Outcomes.Count == 0 ? "(no expectations)" : $"{run.Outcomes.Count - bad}/{run.Outcomes.Count} expectations pass";
            if (plain) Log($"{(bad == 0 ? "PASS" : "FAIL"),-7}  {name}  {summary}");
            else table.AddRow(bad == 0 ? "[green]PASS[/]" : "[red]FAIL[/]", Markup.Escape(name), run.Outcomes.Count == 0 ? "[grey](no expectations)[/]" : summary);
            for (var i = 0; i < run.Outcomes.Count; i++)
            {
                var o = run.Outcomes[i];
                var detail = o.KnownDefect is { } why ? $"{o.Detail} (known defect: {why})" : o.Detail;
                if (!o.Ok)
                {
                    // file:line of the failing `expect:` entry, so a CI log links straight to it.
                    var line = i < scenario.Expectations.Count ? scenario.Expectations[i].Line : 0;
                    var what = o.Passed ? $"unexpected pass of a known defect ({o.KnownDefect}); remove known_defect — {o.Detail}" : o.Detail;
                    failures.Add($"{file}{(line > 0 ? $":{line}" : "")}: {scenario.Plan.Id}: {o.Text} — {what}");
                }
                if (plain)
                {
                    if (settings.Verbose && o.Passed && o.Ok) Log($"  pass   {o.Text}: {detail}");
                    else if (o.Verdict == "expected-failure") Log($"  xfail  {o.Text}: {detail}");
                }
                else if (settings.Verbose || !o.Passed || !o.Ok)
                    table.AddRow(o.Ok ? $"[green]  {o.Mark.ToLowerInvariant()}[/]" : $"[red]  {o.Mark.ToLowerInvariant()}[/]", "", Markup.Escape($"{o.Text}: {detail}"));
            }
        }
        if (!plain) console.Write(table);
        if (toStdout)
        {
            using var xml = new MemoryStream();
            JUnitWriter.Write(xml, suites);
            stdout.Profile.Out.Writer.Write(System.Text.Encoding.UTF8.GetString(xml.ToArray()));
            stdout.Profile.Out.Writer.Flush();
        }
        else if (settings.JUnit is { } path) OutputDirectory.WriteFile(path, s => JUnitWriter.Write(s, suites));
        if (settings.Out is { } outDir)
        {
            // The evidence folder: JUnit without wall-clock times (so a re-run gives the same bytes) and its manifest.
            var stable = suites.Select(s => s with { Elapsed = null }).ToArray();
            OutputDirectory.WriteAll(outDir, RunManifest.With([new OutputFile(JUnitWriter.FileName, s => JUnitWriter.Write(s, stable))], Manifests.For("verify", ran)));
        }
        foreach (var f in failures)
        {
            if (plain) Log($"✗ {f}");
            else console.MarkupLine($"[red]✗[/] {Markup.Escape(f)}");
        }
        var noun = files.Count == 1 ? "scenario" : "scenarios";
        var checkedCount = passed + failed + expectedFailures;
        var expectations = checkedCount == 1 ? "expectation" : "expectations";
        var invalidText = (expectedFailures > 0 ? $", {expectedFailures} expected failure{(expectedFailures == 1 ? "" : "s")} (known defects)" : "")
            + (invalid > 0 ? $", {invalid} invalid file{(invalid == 1 ? "" : "s")}" : "");
        var crashText = crashed > 0 ? $"{crashed} file{(crashed == 1 ? "" : "s")} hit an internal error; run again with --debug and report it." : null;
        if (plain)
        {
            if (crashText is not null) Log(crashText);
            Log($"{files.Count} {noun}, {checkedCount} {expectations}: {passed} passed, {failed} failed{invalidText}.");
        }
        else
        {
            if (crashText is not null) console.MarkupLine($"[red]{Markup.Escape(crashText)}[/]");
            console.MarkupLine($"{files.Count} {noun}, {checkedCount} {expectations}: [green]{passed} passed[/], [red]{failed} failed[/]{(invalidText.Length > 0 ? $"[red]{Markup.Escape(invalidText)}[/]" : "")}.");
        }
        return crashed > 0 ? ExitCodes.InternalError : invalid > 0 ? ExitCodes.InvalidInput : failed > 0 ? ExitCodes.ExpectationFailed : ExitCodes.Ok;
    }
}
