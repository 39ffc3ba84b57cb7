using System.ComponentModel;
using PumpSim.Cli.Infrastructure;
using PumpSim.Reports;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PumpSim.Cli.Commands;

public sealed class CheckSettings : CommandSettings
{
    [CommandArgument(0, "<DIR>")]
    [Description("An output folder of run, verify --out, sweep or trace (it holds manifest.json).")]
    public string Folder { get; init; } = "";
}

/// <summary>`pumpsim check DIR`: recomputes the SHA-256 of every file manifest.json lists (and of each scenario
/// file still at its recorded path) and exits 1 on any difference.</summary>
public sealed class CheckCommand(IAnsiConsole console) : Command<CheckSettings>
{
    public override int Execute(CommandContext context, CheckSettings settings, CancellationToken cancellationToken)
    {
        ManifestCheck result;
        try { result = ManifestCheck.Of(settings.Folder); }
        catch (InvalidDataException e) { throw new InputException(e.Message); }
        var w = console.Profile.Out.Writer;
        foreach (var note in result.Notes) w.WriteLine(TerminalText.Clean($"note: {note}"));
        foreach (var d in result.Differences) w.WriteLine(TerminalText.Clean($"DIFFERS  {d}"));
        w.WriteLine(TerminalText.Clean(result.Differences.Count == 0
            ? $"{settings.Folder}: all {result.FilesChecked} files match {RunManifest.FileName}."
            : $"{settings.Folder}: {result.Differences.Count} difference{(result.Differences.Count == 1 ? "" : "s")} from {RunManifest.FileName}."));
        return result.Differences.Count == 0 ? ExitCodes.Ok : ExitCodes.ExpectationFailed;
    }
}
