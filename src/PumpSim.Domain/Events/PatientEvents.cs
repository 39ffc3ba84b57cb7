namespace PumpSim.Core.Events;

// The illustrative patient model's flags (underdose, withdrawal-risk, overdose-risk).

public sealed record PatientFlagRaised(string Flag, double EffectPct) : PumpEvent
{
    /// <summary>Every patient figure is illustrative, and the event says so.</summary>
    public bool Illustrative => true;
}

public sealed record PatientFlagCleared(string Flag, double EffectPct) : PumpEvent
{
    public bool Illustrative => true;
}
