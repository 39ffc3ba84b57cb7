using System.ComponentModel;
using PumpSim.Cli.Infrastructure;
using PumpSim.Scenarios;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PumpSim.Cli.Commands;

public sealed class ListSettings : CommandSettings
{
    [CommandArgument(0, "[PATH]")]
    [Description("Folder to list (default: ./scenarios if there is one, else the library installed with pumpsim).")]
    public string? Path { get; init; }

    [CommandOption("--copy-to <DIR>")]
    [Description("Copy the library installed with pumpsim into DIR (a new or empty folder) to edit or run.")]
    public string? CopyTo { get; init; }
}

/// <summary>`pumpsim list [PATH]`: the library with titles and what each covers.</summary>
public sealed class ListCommand(IAnsiConsole console, ErrorWriter errors) : Command<ListSettings>
{
    public override int Execute(CommandContext context, ListSettings settings, CancellationToken cancellationToken)
    {
        if (settings.CopyTo is not null)
        {
            var copied = BundledLibrary.CopyTo(settings.CopyTo);
            console.WriteLine($"{copied} files of the scenario library copied to {settings.CopyTo}.");
            return ExitCodes.Ok;
        }
        // Plain lines, not a table: paths stay whole and copyable at any terminal width.
        var found = ScenarioFiles.FindAll([settings.Path ?? BundledLibrary.DefaultFolder()]);
        var invalid = found.Problems.Count;
        foreach (var problem in found.Problems) errors.Line($"error: {problem}");
        var count = 0;
        foreach (var file in found.Files)
        {
            try
            {
                var s = ScenarioLoader.Load(file);
                count++;
                console.MarkupLine($"[blue]{Markup.Escape(file)}[/]");
                console.MarkupLine($"    {Markup.Escape(s.Title)}  [grey]covers: {Markup.Escape(string.Join(", ", s.Covers))}[/]");
            }
            catch (ScenarioException e)
            {
                invalid++;
                errors.Line(e.Errors[0].ToString());
                console.MarkupLine($"[red]{Markup.Escape(file)} (invalid)[/]");
            }
        }
        console.MarkupLine($"{count} scenario{(count == 1 ? "" : "s")}{(invalid > 0 ? $", {invalid} invalid" : "")}.");
        return invalid > 0 ? ExitCodes.InvalidInput : ExitCodes.Ok;
    }
}
