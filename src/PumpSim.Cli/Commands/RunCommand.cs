using System.ComponentModel;
using PumpSim.Reports;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PumpSim.Cli.Commands;

public sealed class RunSettings : OneScenarioSettings
{
    [CommandOption("--out <DIR>")]
    [Description("Where to write the outputs (default: out/<scenario id>).")]
    public string? Out { get; init; }

    [CommandOption("--html")]
    [Description("Also write report.html, a self-contained page with charts.")]
    public bool Html { get; init; }
}

/// <summary>`pumpsim run FILE`: one scenario, a summary table, and the output files, written atomically.</summary>
public sealed class RunCommand(IAnsiConsole console) : Command<RunSettings>
{
    public override int Execute(CommandContext context, RunSettings settings, CancellationToken cancellationToken)
    {
        var scenario = settings.Load();
        var run = ScenarioRun.Execute(scenario);
        var outDir = settings.Out ?? Path.Combine("out", scenario.Plan.Id);
        var report = settings.Html ? ReportInputs.For(run) : null;
        RunOutputs.Write(outDir, run.Result, run.Outcomes, report);
        SummaryTable.Write(console, run);
        console.MarkupLine($"Outputs written to [blue]{Markup.Escape(outDir)}[/]{(settings.Html ? " (with report.html)" : "")}.");
        return run.Passed ? ExitCodes.Ok : ExitCodes.ExpectationFailed;
    }
}
