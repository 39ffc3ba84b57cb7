using System.ComponentModel;
using PumpSim.Cli.Infrastructure;
using PumpSim.Core.Sweeps;
using PumpSim.Reports;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PumpSim.Cli.Commands;

public sealed class SweepSettings : CommandSettings
{
    [CommandArgument(0, "<FILE>")]
    [Description("The scenario file (YAML).")]
    public string File { get; init; } = "";

    [CommandOption("--runs <N>")]
    [Description("Number of runs of the whole sweep (all shards together).")]
    public int? Runs { get; init; }

    [CommandOption("--vary <KEY=DIST>")]
    [Description("A parameter and its distribution, repeatable: KEY is pump.accuracy_pct, pump.battery.life_remaining_days, " +
        "pump.low_reservoir_alarm_ml, reservoir_ml, refill.delay (h), catheter.fault_time (h); DIST is uniform(a,b), " +
        "normal(mu,sigma), lognormal(mu,sigma) or choice(a,b,...). Values outside the key's domain are clamped (column 'clamped').")]
    public string[] Vary { get; init; } = [];

    [CommandOption("--shard <i/n>")]
    [Description("Run only the runs r with r % n == i (shards count from 0); merge the shards with `pumpsim merge`.")]
    public string? Shard { get; init; }

    [CommandOption("--workers <K>")]
    [Description("Parallel runs (default: the number of processors). Results do not depend on it.")]
    public int? Workers { get; init; }

    [CommandOption("--seed <N>")]
    [Description("Override the scenario's seed (run r draws from SplitMix64 seeded by seed and r).")]
    public ulong? Seed { get; init; }

    [CommandOption("--step <DURATION>")]
    [Description($"Override the engine step ({StepOption.Range}), e.g. 1h for long sweeps. Totals and event instants do not depend on it.")]
    public string? Step { get; init; }

    [CommandOption("--out <DIR>")]
    [Description("Where to write runs.csv and aggregate.json (default: out/<scenario id>-sweep).")]
    public string? Out { get; init; }

    public override ValidationResult Validate()
    {
        if (Runs is null) return ValidationResult.Error("--runs is required, e.g. --runs 1000");
        if (Runs < 1) return ValidationResult.Error($"--runs must be at least 1, got {Runs}");
        if (Runs > SweepFiles.MaxRuns) return ValidationResult.Error($"--runs must be at most {SweepFiles.MaxRuns}, got {Runs}");
        if (Seed > long.MaxValue) return ValidationResult.Error($"--seed must be a whole number from 0 to {long.MaxValue}; got {Seed}");
        if (Workers is < 1) return ValidationResult.Error($"--workers must be at least 1, got {Workers}");
        if (StepOption.Check(Step) is { } badStep) return badStep;
        return JUnitPath.CheckOut(Out);
    }
}

/// <summary>`pumpsim sweep FILE --runs N --vary KEY=DIST ...`: a Monte Carlo sweep of one scenario,
/// written as runs.csv (one row per run, in run order) and aggregate.json.</summary>
public sealed class SweepCommand(IAnsiConsole console) : Command<SweepSettings>
{
    public override int Execute(CommandContext context, SweepSettings settings, CancellationToken cancellationToken)
    {
        Sweep sweep;
        ShardSpec shard;
        try
        {
            var variations = Variation.ParseAll(settings.Vary);
            shard = settings.Shard is null ? ShardSpec.Whole : ShardSpec.Parse(settings.Shard);
            var scenario = Scenarios.ScenarioLoader.Load(settings.File);
            var plan = settings.Seed is { } seed ? scenario.Plan with { Seed = seed } : scenario.Plan;
            if (settings.Step is not null) plan = plan with { Step = Scenarios.DurationParser.Parse(settings.Step) };
            sweep = new Sweep(plan, settings.Runs!.Value, variations);
        }
        catch (SweepException e) { throw new InputException(SweepErrors.Message(e)); }
        catch (FileNotFoundException) { throw new InputException($"no such file: {settings.File}"); }

        var workers = settings.Workers ?? Environment.ProcessorCount;
        var mine = shard.Runs(sweep.Runs).Count();
        if (mine == 0) throw new InputException($"shard {shard} of a {sweep.Runs}-run sweep has no runs; use at most {sweep.Runs} shards");
        var outDir = settings.Out ?? Path.Combine("out", sweep.Plan.Id + "-sweep");
        var label = $"{sweep.Plan.Id}: {mine} runs" + (shard.IsWhole ? "" : $" (shard {shard} of {sweep.Runs})") + $" on {workers} workers";
        IReadOnlyList<SweepRow> rows;
        if (console.Profile.Capabilities.Interactive)
        {
            rows = [];
            console.Progress().Start(ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(label), maxValue: mine);
                rows = sweep.Run(shard, workers, () => task.Increment(1));
            });
        }
        else
        {
            console.WriteLine(label + " ...");
            rows = sweep.Run(shard, workers);
        }
        // The content hash lets merge refuse shards swept from an edited file with the same id.
        var bytes = PumpSim.Scenarios.Files.FileNode.ReadCapped(settings.File, Scenarios.ScenarioLimits.MaxFileBytes) ?? [];
        var meta = SweepFiles.Meta(sweep, sweep.Plan.Id) with { ScenarioSha256 = SweepFiles.ScenarioHash(bytes, sweep.Plan.Step.Seconds), StepSeconds = sweep.Plan.Step.Seconds };
        var options = new List<KeyValuePair<string, string>> { new("runs", sweep.Runs.ToString(System.Globalization.CultureInfo.InvariantCulture)) };
        if (settings.Vary.Length > 0) options.Add(new("vary", string.Join(" ", settings.Vary)));
        if (!shard.IsWhole) options.Add(new("shard", shard.ToString()));
        OutputDirectory.WriteAll(outDir, RunManifest.With(SweepFiles.Files(meta, shard, rows), Manifests.For("sweep", [(settings.File, sweep.Plan)], options)));
        console.WriteLine($"{rows.Count} runs written to {outDir} ({SweepFiles.RunsFile}, {SweepFiles.AggregateFile}, {RunManifest.FileName}).");
        return ExitCodes.Ok;
    }
}
