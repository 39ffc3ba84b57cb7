using PumpSim.Core.Engine;
using PumpSim.Scenarios;
using Spectre.Console;

namespace PumpSim.Cli.Infrastructure;

/// <summary>The `--step` override shared by run, verify, play and sweep: parsed and checked
/// against <see cref="PlanLimits"/>, so the CLI accepts exactly the steps a scenario file may give.</summary>
public static class StepOption
{
    public const string Range = PlanLimits.StepRange;

    /// <summary>Null when the option is absent or valid; otherwise the error to show.</summary>
    public static ValidationResult? Check(string? step)
    {
        if (step is null) return null;
        if (!DurationParser.TryParse(step, out var d, out var error)) return ValidationResult.Error($"--step: {error}");
        if (!PlanLimits.IsStep(d)) return ValidationResult.Error($"--step must be between {PlanLimits.MinStep} and {PlanLimits.MaxStep}.");
        return null;
    }
}
