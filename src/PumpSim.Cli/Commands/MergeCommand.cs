using System.ComponentModel;
using PumpSim.Cli.Infrastructure;
using PumpSim.Core.Sweeps;
using PumpSim.Reports;
using PumpSim.Scenarios.Files;
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
        Out is null ? ValidationResult.Error("--out is required") : JUnitPath.CheckOut(Out);
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
        // The output must not be one of the inputs: publishing would replace a shard being read.
        var outFull = Path.GetFullPath(settings.Out!).TrimEnd('/', Path.DirectorySeparatorChar);
        foreach (var dir in settings.Dirs)
            if (string.Equals(Path.GetFullPath(dir).TrimEnd('/', Path.DirectorySeparatorChar), outFull, StringComparison.Ordinal))
                throw new InputException($"--out {settings.Out} is one of the shards being merged; choose another folder");
        try
        {
            foreach (var dir in settings.Dirs)
            {
                var aggregate = Path.Combine(dir, SweepFiles.AggregateFile);
                var runs = Path.Combine(dir, SweepFiles.RunsFile);
                if (FileNode.KindOf(aggregate, followLinks: true) == NodeKind.Missing || FileNode.KindOf(runs, followLinks: true) == NodeKind.Missing)
                    throw new InputException($"{dir}: expected {SweepFiles.RunsFile} and {SweepFiles.AggregateFile} from `pumpsim sweep`");
                // Bounded reads of regular files only: a FIFO would block, a huge file would fill memory.
                var (m, _) = SweepFiles.ReadMeta(Read(aggregate, SweepFiles.MaxAggregateBytes), aggregate);
                if (meta is null) meta = m;
                else if (!Same(meta, m))
                    throw new InputException($"{dir}: from a different sweep (scenario, its content hash, seed, runs or --vary differ from {settings.Dirs[0]})");
                rows.AddRange(SweepFiles.ReadRuns(Read(runs, SweepFiles.MaxRunsCsvBytes), m, runs));
                if (rows.Count > m.Runs) throw new InputException($"the shards hold more rows than the sweep's {m.Runs} runs");
            }
        }
        catch (SweepException e) { throw new InputException(SweepErrors.Message(e)); }
        var sorted = rows.OrderBy(r => r.Run).ToArray();
        var duplicate = sorted.Zip(sorted.Skip(1)).FirstOrDefault(p => p.First.Run == p.Second.Run);
        if (duplicate.First is not null) throw new InputException($"run {duplicate.First.Run} appears in more than one shard");
        // Sorted, distinct and each below Runs (checked while reading): complete exactly when there are Runs of them.
        if (sorted.Length < meta!.Runs)
        {
            var first = sorted.Select((r, i) => (r.Run, i)).FirstOrDefault(p => p.Run != p.i, (Run: sorted.Length, i: sorted.Length)).i;
            throw new InputException($"{meta.Runs - sorted.Length} of {meta.Runs} runs are missing (first: run {first}); is a shard missing?");
        }
        OutputDirectory.WriteAll(settings.Out!, SweepFiles.Files(meta, ShardSpec.Whole, sorted));
        console.WriteLine($"{sorted.Length} runs from {settings.Dirs.Length} folders merged into {settings.Out}.");
        return ExitCodes.Ok;
    }

    private static bool Same(SweepMeta a, SweepMeta b) =>
        a.Scenario == b.Scenario && a.ScenarioSha256 == b.ScenarioSha256 && a.Seed == b.Seed && a.Runs == b.Runs && a.Vary.SequenceEqual(b.Vary);

    private static string Read(string path, int maxBytes)
    {
        var bytes = FileNode.ReadCapped(path, maxBytes) ?? throw new InputException($"{path} is larger than {maxBytes} bytes; not a file `pumpsim sweep` writes");
        try { return new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes); }
        catch (System.Text.DecoderFallbackException) { throw new InputException($"{path} is not UTF-8 text"); }
    }
}
