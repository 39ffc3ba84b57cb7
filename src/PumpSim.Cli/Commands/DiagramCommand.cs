using System.ComponentModel;
using PumpSim.Core.Firmware;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PumpSim.Cli.Commands;

public sealed class DiagramSettings : CommandSettings
{
    [CommandOption("--format <FORMAT>")]
    [Description("mermaid (default) or dot.")]
    [DefaultValue("mermaid")]
    public string Format { get; init; } = "mermaid";

    public override ValidationResult Validate() => Format is "mermaid" or "dot"
        ? ValidationResult.Success()
        : ValidationResult.Error($"--format must be mermaid or dot, got '{Format}'.");
}

/// <summary>`pumpsim diagram`: the firmware's state machines, drawn by Stateless from the running code.</summary>
public sealed class DiagramCommand(IAnsiConsole console) : Command<DiagramSettings>
{
    public override int Execute(CommandContext context, DiagramSettings settings, CancellationToken cancellationToken)
    {
        var text = StateDiagrams.Render(settings.Format == "dot" ? DiagramFormat.Dot : DiagramFormat.Mermaid);
        console.Profile.Out.Writer.Write(text);
        return ExitCodes.Ok;
    }
}
