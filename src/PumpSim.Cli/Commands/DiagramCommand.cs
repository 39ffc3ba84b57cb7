using System.ComponentModel;
using PumpSim.Core.Firmware;
using PumpSim.Reports;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PumpSim.Cli.Commands;

public sealed class DiagramSettings : CommandSettings
{
    [CommandOption("--format <FORMAT>")]
    [Description("mermaid or dot. Printing: mermaid unless given. With --out: both unless given.")]
    public string? Format { get; init; }

    [CommandOption("--out <DIR>")]
    [Description("Write one file per machine (therapy.mmd, therapy.dot, ...) into DIR instead of printing.")]
    public string? Out { get; init; }

    public override ValidationResult Validate() => Format is null or "mermaid" or "dot"
        ? ValidationResult.Success()
        : ValidationResult.Error($"--format must be mermaid or dot, got '{Format}'.");
}

/// <summary>`pumpsim diagram`: the firmware's state machines, drawn from the running code. Printed one after
/// the other, or with --out one valid diagram per file (docs/diagrams is made this way and pinned by a test).</summary>
public sealed class DiagramCommand(IAnsiConsole console) : Command<DiagramSettings>
{
    public override int Execute(CommandContext context, DiagramSettings settings, CancellationToken cancellationToken)
    {
        var formats = settings.Format switch
        {
            "mermaid" => [DiagramFormat.Mermaid],
            "dot" => [DiagramFormat.Dot],
            _ => settings.Out is null ? [DiagramFormat.Mermaid] : new[] { DiagramFormat.Mermaid, DiagramFormat.Dot },
        };
        if (settings.Out is not { } dir)
        {
            console.Profile.Out.Writer.Write(StateDiagrams.Render(formats[0]));
            return ExitCodes.Ok;
        }
        foreach (var format in formats)
            foreach (var d in StateDiagrams.All(format))
            {
                OutputDirectory.WriteFile(Path.Combine(dir, d.FileName), s => s.Write(new System.Text.UTF8Encoding(false).GetBytes(d.Text)));
                console.Profile.Out.Writer.WriteLine(Path.Combine(dir, d.FileName));
            }
        return ExitCodes.Ok;
    }
}
