using System.ComponentModel;
using PumpSim.Cli.Infrastructure;
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

    public override ValidationResult Validate() => base.Validate() is { Successful: false } b ? b : JUnitPath.CheckOut(Out);
}

/// <summary>`pumpsim run FILE`: one scenario, a summary table, and the output files, written atomically.</summary>
public sealed class RunCommand(IAnsiConsole console) : Command<RunSettings>
{
    public override int Execute(CommandContext context, RunSettings settings, CancellationToken cancellationToken) =>
        Run(console, settings);

    /// <summary>The command itself; <see cref="DirectRun"/> calls it without a command context.</summary>
    internal static int Run(IAnsiConsole console, RunSettings settings)
    {
        var scenario = settings.Load();
        var run = ScenarioRun.Execute(scenario);
        var outDir = settings.Out ?? Path.Combine("out", scenario.Plan.Id);
        var report = settings.Html ? ReportInputs.For(run) : null;
        // manifest.json goes last in the same set, so it is published atomically with the files it hashes.
        var files = RunManifest.With(RunOutputs.Files(run.Result, run.Outcomes, report), Manifests.For("run", [(settings.File, scenario.Plan)]));
        try { OutputDirectory.WriteAll(outDir, files); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A folder that cannot be written is the user's to fix, not a bug: exit 2, nothing half written.
            throw new InputException($"cannot write the outputs to {outDir}: {e.Message}");
        }
        SummaryTable.Write(console, run);
        console.Write(new Paragraph("Outputs written to ").Append(outDir, new Style(Color.Blue))
            .Append($"{(settings.Html ? " (with report.html)" : "")}.\n"));
        return run.Passed ? ExitCodes.Ok : ExitCodes.ExpectationFailed;
    }
}
