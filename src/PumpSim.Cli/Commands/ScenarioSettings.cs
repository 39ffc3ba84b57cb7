using System.ComponentModel;
using PumpSim.Cli.Infrastructure;
using PumpSim.Scenarios;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PumpSim.Cli.Commands;

/// <summary>Options shared by the verbs that run one scenario.</summary>
public class OneScenarioSettings : CommandSettings
{
    [CommandArgument(0, "<FILE>")]
    [Description("The scenario file (YAML).")]
    public string File { get; init; } = "";

    [CommandOption("--step <DURATION>")]
    [Description($"Override the engine step ({StepOption.Range}), e.g. 5m. Results do not depend on it.")]
    public string? Step { get; init; }

    [CommandOption("--seed <N>")]
    [Description("Override the scenario's seed (a whole number, 0 or more).")]
    public string? Seed { get; init; }

    public override ValidationResult Validate()
    {
        if (StepOption.Check(Step) is { } badStep) return badStep;
        // Up to 2^63-1: events.jsonl records the seed as a signed 64-bit JSON integer.
        if (Seed is not null && (!ulong.TryParse(Seed, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seed) || seed > long.MaxValue))
            return ValidationResult.Error($"--seed must be a whole number from 0 to {long.MaxValue}; got '{Seed}'.");
        return ValidationResult.Success();
    }

    /// <summary>Loads the file and applies the overrides.</summary>
    public LoadedScenario Load()
    {
        switch (PumpSim.Scenarios.Files.FileNode.KindOf(File, followLinks: true))
        {
            case PumpSim.Scenarios.Files.NodeKind.Directory:
                throw new InputException($"{File} is a folder; give one scenario file (to run a whole folder: pumpsim verify {File}).");
            case PumpSim.Scenarios.Files.NodeKind.Missing:
                throw new InputException($"no such file: {File}");
        }
        var s = ScenarioLoader.Load(File);
        var plan = s.Plan;
        if (Step is not null) plan = plan with { Step = DurationParser.Parse(Step) };
        if (Seed is not null) plan = plan with { Seed = ulong.Parse(Seed, System.Globalization.CultureInfo.InvariantCulture) };
        return s with { Plan = plan };
    }

}
