using PumpSim.Scenarios;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PumpSim.Cli.Commands;

/// <summary>`pumpsim schema`: the JSON Schema of the scenario format, for editors.</summary>
public sealed class SchemaCommand(IAnsiConsole console) : Command<EmptyCommandSettings>
{
    public override int Execute(CommandContext context, EmptyCommandSettings settings, CancellationToken cancellationToken)
    {
        // The text already ends in a newline; it is written as is, so `pumpsim schema > scenarios/pumpsim.schema.json`
        // gives exactly the committed file (a test pins that).
        console.Profile.Out.Writer.Write(ScenarioSchema.Json);
        return ExitCodes.Ok;
    }
}
