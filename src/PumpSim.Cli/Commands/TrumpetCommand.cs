using System.ComponentModel;
using PumpSim.Cli.Infrastructure;
using PumpSim.Core.Accuracy;
using PumpSim.Core.Units;
using PumpSim.Reports;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PumpSim.Cli.Commands;

public sealed class TrumpetSettings : CommandSettings
{
    [CommandArgument(0, "<FILE>")]
    [Description("The scenario file (YAML); a constant-rate program gives the classic curve.")]
    public string File { get; init; } = "";

    [CommandOption("--hours <H>")]
    [Description("Length of the test in whole hours (default 2: start-up = first 2 h, trumpet = the second hour). At least 2, at most the scenario.")]
    public int Hours { get; init; } = 2;

    [CommandOption("--out <DIR>")]
    [Description("Where to write trumpet.csv, startup.csv, trumpet.svg, startup.svg (default: out/<scenario id>-trumpet).")]
    public string? Out { get; init; }

    public override ValidationResult Validate() =>
        Hours < 2 ? ValidationResult.Error($"--hours must be at least 2, got {Hours}")
        : Hours > Scenarios.ScenarioLimits.MaxTrumpetHours ? ValidationResult.Error($"--hours must be at most {Scenarios.ScenarioLimits.MaxTrumpetHours} (a year), got {Hours}")
        : JUnitPath.CheckOut(Out);
}

/// <summary>`pumpsim trumpet FILE`: the flow-accuracy test of docs/trumpet.md.</summary>
public sealed class TrumpetCommand(IAnsiConsole console) : Command<TrumpetSettings>
{
    public override int Execute(CommandContext context, TrumpetSettings settings, CancellationToken cancellationToken)
    {
        var scenario = Scenarios.ScenarioLoader.Load(settings.File);
        var length = SimDuration.FromHours(settings.Hours);
        if (length > scenario.Plan.Duration)
            throw new InputException($"--hours {settings.Hours} is longer than the scenario ({scenario.Plan.Duration})");
        FlowAccuracyResult result;
        try { result = FlowAccuracy.Run(scenario.Plan, length); }
        catch (InvalidOperationException e) { throw new InputException(e.Message); }
        var outDir = settings.Out ?? Path.Combine("out", scenario.Plan.Id + "-trumpet");
        OutputDirectory.WriteAll(outDir, TrumpetFiles.Files(result, scenario.Plan.Id));

        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn("window (min)");
        table.AddColumn(new TableColumn("Ep(max) %").RightAligned());
        table.AddColumn(new TableColumn("Ep(min) %").RightAligned());
        foreach (var p in result.Trumpet)
            table.AddRow(InvariantFormat.Integer(p.WindowMin), InvariantFormat.Fixed(p.MaxErrorPct, 3), InvariantFormat.Fixed(p.MinErrorPct, 3));
        console.Write(table);
        console.WriteLine($"Overall error A (minutes {InvariantFormat.Fixed(result.AnalysisFromMin, 0)}-{InvariantFormat.Fixed(result.AnalysisToMin, 0)}): {InvariantFormat.Fixed(result.OverallErrorPct, 3)} %");
        console.WriteLine($"Outputs written to {outDir} (trumpet.csv, startup.csv, trumpet.svg, startup.svg).");
        return ExitCodes.Ok;
    }
}
