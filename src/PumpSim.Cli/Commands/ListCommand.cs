using System.ComponentModel;
using PumpSim.Cli.Infrastructure;
using PumpSim.Scenarios;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PumpSim.Cli.Commands;

public sealed class ListSettings : CommandSettings
{
    [CommandArgument(0, "[PATH]")]
    [Description("Folder to list (default: scenarios).")]
    public string Path { get; init; } = "scenarios";
}

/// <summary>`pumpsim list [PATH]`: the library with titles and what each covers.</summary>
public sealed class ListCommand(IAnsiConsole console, ErrorWriter errors) : Command<ListSettings>
{
    public override int Execute(CommandContext context, ListSettings settings, CancellationToken cancellationToken)
    {
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("File");
        table.AddColumn("Title");
        table.AddColumn("Covers");
        var invalid = 0;
        foreach (var file in ScenarioFiles.Find([settings.Path]))
        {
            try
            {
                var s = ScenarioLoader.Load(file);
                table.AddRow(Markup.Escape(file), Markup.Escape(s.Title), Markup.Escape(string.Join(", ", s.Covers)));
            }
            catch (ScenarioException e)
            {
                invalid++;
                errors.Line(e.Errors[0].ToString());
                table.AddRow(Markup.Escape(file), "[red](invalid)[/]", "");
            }
        }
        console.Write(table);
        return invalid > 0 ? ExitCodes.InvalidInput : ExitCodes.Ok;
    }
}
