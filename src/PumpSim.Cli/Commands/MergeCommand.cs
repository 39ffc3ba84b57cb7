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
        var shards = new List<ShardSpec>();
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
                var aggregateText = Read(aggregate, SweepFiles.MaxAggregateBytes);
                var (m, shard) = SweepFiles.ReadMeta(aggregateText, aggregate);
                if (meta is null) meta = m;
                else if (SweepShardCheck.Difference(meta, m) is { } why)
                    throw new InputException($"{dir}: from a different sweep than {settings.Dirs[0]}: {why}");
                var shardRows = SweepFiles.ReadRuns(Read(runs, SweepFiles.MaxRunsCsvBytes), m, runs);
                SweepShardCheck.Check(aggregateText, m, shard, shardRows, dir);
                shards.Add(shard);
                rows.AddRange(shardRows);
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
            throw new InputException($"{meta.Runs - sorted.Length} of {meta.Runs} runs are missing (first: run {first}); {MissingShards(shards, meta.Runs)}");
        }
        OutputDirectory.WriteAll(settings.Out!, SweepFiles.Files(meta, ShardSpec.Whole, sorted));
        console.WriteLine($"{sorted.Length} runs from {settings.Dirs.Length} folders merged into {settings.Out}.");
        return ExitCodes.Ok;
    }

    /// <summary>Names the shards no folder holds (a failed array task or pod), when every shard given
    /// splits the sweep the same way; re-running exactly those is the recovery (docs/scale.md).</summary>
    private static string MissingShards(IReadOnlyList<ShardSpec> shards, int runs)
    {
        var counts = shards.Select(s => s.Count).Distinct().ToArray();
        if (counts.Length != 1 || counts[0] == 1) return "is a shard missing?";
        var n = counts[0];
        var missing = Enumerable.Range(0, Math.Min(n, runs)).Where(i => shards.All(s => s.Index != i)).Select(i => $"{i}/{n}").ToArray();
        return missing.Length == 0 ? "is a shard missing?"
            : $"no folder holds shard {string.Join(", ", missing)} (did its task fail?): run the sweep again with that --shard and the same --out, then merge again";
    }

    private static string Read(string path, int maxBytes)
    {
        var bytes = FileNode.ReadCapped(path, maxBytes) ?? throw new InputException($"{path} is larger than {maxBytes} bytes; not a file `pumpsim sweep` writes");
        try { return new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes); }
        catch (System.Text.DecoderFallbackException) { throw new InputException($"{path} is not UTF-8 text"); }
    }
}
