using PumpSim.Core.Sweeps;

namespace PumpSim.Cli.Infrastructure;

/// <summary>Says a sweep error in command-line words: the core names the input ("shard '3/2': …"),
/// the user typed an option ("--shard '3/2': …").</summary>
public static class SweepErrors
{
    public static string Message(SweepException e) => e.Input switch
    {
        SweepInput.Variation => $"--vary {e.Detail}",
        SweepInput.Shard => $"--shard {e.Detail}",
        SweepInput.Runs => $"--runs {e.Detail}",
        SweepInput.Workers => $"--workers {e.Detail}",
        _ => e.Message,
    };
}
