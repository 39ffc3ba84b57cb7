using System.ComponentModel;
using PumpSim.Cli.Infrastructure;
using PumpSim.Scenarios;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PumpSim.Cli.Commands;

public sealed class ValidateSettings : CommandSettings
{
    [CommandArgument(0, "<FILE>")]
    [Description("Scenario files or folders to check.")]
    public string[] Files { get; init; } = [];
}

/// <summary>`pumpsim validate FILE...`: load and check without running; every error located.</summary>
public sealed class ValidateCommand(IAnsiConsole console, ErrorWriter errors) : Command<ValidateSettings>
{
    public override int Execute(CommandContext context, ValidateSettings settings, CancellationToken cancellationToken) =>
        Run(console, errors, settings);

    /// <summary>The command itself; <see cref="DirectRun"/> calls it without a command context.</summary>
    internal static int Run(IAnsiConsole console, ErrorWriter errors, ValidateSettings settings)
    {
        var found = ScenarioFiles.FindAll(settings.Files);
        var files = found.Files;
        var bad = found.Problems.Count;
        foreach (var problem in found.Problems) errors.Line($"error: {problem}");
        foreach (var file in files)
        {
            try
            {
                var s = ScenarioLoader.Load(file);
                console.MarkupLine($"[green]ok[/]  {Markup.Escape(file)}: {Markup.Escape(s.Title)} ({s.Expectations.Count} expectations)");
            }
            catch (ScenarioException e)
            {
                bad++;
                foreach (var err in e.Errors) errors.Line(err.ToString());
            }
        }
        return bad > 0 ? ExitCodes.InvalidInput : ExitCodes.Ok;
    }
}
