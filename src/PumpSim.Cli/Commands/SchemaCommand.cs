using PumpSim.Scenarios;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PumpSim.Cli.Commands;

/// <summary>`pumpsim schema`: the JSON Schema of the scenario format, for editors.</summary>
public sealed class SchemaCommand(IAnsiConsole console) : Command<EmptyCommandSettings>
{
    public override int Execute(CommandContext context, EmptyCommandSettings settings, CancellationToken cancellationToken)
    {
        console.Profile.Out.Writer.Write(ScenarioSchema.Json);
        console.Profile.Out.Writer.Write('\n');
        return ExitCodes.Ok;
    }
}
