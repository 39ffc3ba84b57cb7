using System.ComponentModel;
using PumpSim.Cli.Infrastructure;
using PumpSim.Core.Sweeps;
using PumpSim.Reports;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PumpSim.Cli.Commands;

public sealed class MergeSettings : CommandSettings
{
    [CommandArgument(0, "<DIR>")]
    [Description("The output folders of the shards (each with runs.csv and aggregate.json).")]
    public string[] Dirs { get; init; } = [];

    [CommandOption("--out <DIR>")]
    [Description("Where to write the merged runs.csv and aggregate.json.")]
    public string? Out { get; init; }

    public override ValidationResult Validate() =>
        Out is null ? ValidationResult.Error("--out is required") : ValidationResult.Success();
}

/// <summary>`pumpsim merge DIR... --out DIR`: joins shard outputs into exactly the files the
/// unsharded sweep writes. Every shard must come from the same sweep (scenario, seed, runs, vary),
/// and together they must hold each run once.</summary>
public sealed class MergeCommand(IAnsiConsole console) : Command<MergeSettings>
{
    public override int Execute(CommandContext context, MergeSettings settings, CancellationToken cancellationToken)
    {
        SweepMeta? meta = null;
        var rows = new List<SweepRow>();
        try
        {
            foreach (var dir in settings.Dirs)
            {
                var aggregate = Path.Combine(dir, SweepFiles.AggregateFile);
                var runs = Path.Combine(dir, SweepFiles.RunsFile);
                if (!File.Exists(aggregate) || !File.Exists(runs))
                    throw new InputException($"{dir}: expected {SweepFiles.RunsFile} and {SweepFiles.AggregateFile} from `pumpsim sweep`");
                var (m, _) = SweepFiles.ReadMeta(File.ReadAllText(aggregate), aggregate);
                if (meta is null) meta = m;
                else if (!Same(meta, m))
                    throw new InputException($"{dir}: from a different sweep (scenario, seed, runs or --vary differ from {settings.Dirs[0]})");
                rows.AddRange(SweepFiles.ReadRuns(File.ReadAllText(runs), m, runs));
            }
        }
        catch (SweepException e) { throw new InputException(SweepErrors.Message(e)); }
        var sorted = rows.OrderBy(r => r.Run).ToArray();
        var duplicate = sorted.Zip(sorted.Skip(1)).FirstOrDefault(p => p.First.Run == p.Second.Run);
        if (duplicate.First is not null) throw new InputException($"run {duplicate.First.Run} appears in more than one shard");
        var missing = Enumerable.Range(0, meta!.Runs).Except(sorted.Select(r => r.Run)).ToArray();
        if (missing.Length > 0)
            throw new InputException($"{missing.Length} of {meta.Runs} runs are missing (first: run {missing[0]}); is a shard missing?");
        if (sorted.Length > 0 && sorted[^1].Run >= meta.Runs) throw new InputException($"run {sorted[^1].Run} is beyond the sweep's {meta.Runs} runs");
        OutputDirectory.WriteAll(settings.Out!, SweepFiles.Files(meta, ShardSpec.Whole, sorted));
        console.WriteLine($"{sorted.Length} runs from {settings.Dirs.Length} folders merged into {settings.Out}.");
        return ExitCodes.Ok;
    }

    private static bool Same(SweepMeta a, SweepMeta b) =>
        a.Scenario == b.Scenario && a.Seed == b.Seed && a.Runs == b.Runs && a.Vary.SequenceEqual(b.Vary);
}
