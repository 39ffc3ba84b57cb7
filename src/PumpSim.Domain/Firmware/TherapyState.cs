namespace PumpSim.Core.Firmware;

public enum TherapyState { Infusing, MinimumRate, Stopped, SafeState, EndOfService }

/// <summary>The therapy states' names as the outputs write them. Here, beside the enum, because the
/// events (PumpSim.Domain) write them too and cannot see TherapyMachine's assembly (PumpSim.Firmware).</summary>
public static class TherapyStates
{
    public static string Name(TherapyState s) => s switch
    {
        TherapyState.Infusing => "infusing",
        TherapyState.MinimumRate => "minimum-rate",
        TherapyState.Stopped => "stopped",
        TherapyState.SafeState => "safe-state",
        _ => "end-of-service",
    };
}
