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

    [CommandOption("--hazard <ID>")]
    [Description("Only scenarios that exercise this hazard (their 'hazards:'), e.g. HAZ-UNDER-INFUSION.")]
    public string? Hazard { get; init; }

    [CommandOption("--code <N>")]
    [Description("Only scenarios that reproduce this FDA device problem code (their 'codes:'), e.g. 2182.")]
    public int? Code { get; init; }
}

/// <summary>`pumpsim list [PATH] [--copy-to DIR] [--hazard ID] [--code N]`: the library with titles and what each
/// covers, or only the scenarios that exercise a hazard or reproduce an FDA problem code; or a copy of the
/// library installed with pumpsim.</summary>
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
        var root = settings.Path ?? BundledLibrary.DefaultFolder();
        CheckFilters(settings, root);
        var found = ScenarioFiles.FindAll([root]);
        var invalid = found.Problems.Count;
        foreach (var problem in found.Problems) errors.Line($"error: {problem}");
        var count = 0;
        foreach (var file in found.Files)
        {
            try
            {
                var s = ScenarioLoader.Load(file);
                if (settings.Hazard is { } hazard && !s.Hazards.Contains(hazard)) continue;
                if (settings.Code is { } code && !s.Codes.Contains(code)) continue;
                count++;
                console.MarkupLine($"[blue]{Markup.Escape(file)}[/]");
                console.MarkupLine($"    {Markup.Escape(s.Title)}  [grey]covers: {Markup.Escape(string.Join(", ", s.Covers))}[/]");
                if (settings.Hazard is not null || settings.Code is not null)
                    console.MarkupLine($"    [grey]hazards: {Markup.Escape(string.Join(", ", s.Hazards))}; codes: {string.Join(", ", s.Codes)}[/]");
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

    /// <summary>A hazard id or code the nearest requirements.yaml does not list is a typo: exit 2 rather than an empty list.</summary>
    private static void CheckFilters(ListSettings settings, string root)
    {
        if (settings.Hazard is null && settings.Code is null) return;
        var folder = Directory.Exists(root) ? root : System.IO.Path.GetDirectoryName(root) ?? "";
        if (Scenarios.Requirements.RequirementCatalog.FindAbove(folder) is not { } path) return;
        var catalog = Scenarios.Requirements.RequirementsReader.Load(path);
        if (settings.Hazard is { } h && !catalog.HasHazard(h))
            throw new InputException($"--hazard {h}: {path} lists no such hazard{Suggestions.Hint(h, catalog.Hazards.Select(x => x.Id))} (hazards: {string.Join(", ", catalog.Hazards.Select(x => x.Id))})");
        if (settings.Code is { } c && !catalog.HasCode(c))
            throw new InputException($"--code {c}: {path} lists no such problem code (codes: {string.Join(", ", catalog.Codes.Select(x => x.Code))})");
    }
}
