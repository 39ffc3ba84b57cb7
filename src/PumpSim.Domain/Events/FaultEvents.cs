using PumpSim.Core.Plant;
using PumpSim.Core.Units;

namespace PumpSim.Core.Events;

// Faults of the catheter, motor, memory and battery, and the things done to the implant (MRI,
// diathermy, a flip in the pocket), plus the body's truth of an empty reservoir.

public sealed record CatheterFault(CatheterFaultKind Fault, double Fraction, string Catheter) : PumpEvent
{
    /// <summary>The fault's descriptor: its word, routing and words for people.</summary>
    public CatheterFaultType Descriptor => CatheterFaultType.Of(Fault);

    /// <summary>The fault as events.jsonl writes it: kink, leak, …</summary>
    public string FaultName => Descriptor.Name;
}

/// <summary><see cref="Reason"/> is why the rotor stopped: mri-hold, or what the plant says.</summary>
public sealed record MotorStall(string Reason) : PumpEvent;

public sealed record MotorStallRecovery : PumpEvent;

public sealed record MriStarted(SimDuration Duration, SimDuration Recovery, bool AlarmSounding) : PumpEvent;

public sealed record MriEnded(SimInstant RecoveryUntil, bool HeldUntilInterrogated) : PumpEvent;

public sealed record Diathermy(bool MotorDamage) : PumpEvent
{
    public string Note => MotorDamage ? "the motor is damaged and will not turn again" : "no damage this time";
}

public sealed record PumpFlip(bool Flipped) : PumpEvent
{
    public string Note => Flipped ? "the refill port faces inward: a refill needle cannot reach it" : "surgery turned the pump back";
}

public sealed record MemoryError(bool Critical) : PumpEvent;

public sealed record BatteryReset : PumpEvent
{
    public string Note => "low-battery reset: safe state at the minimum rate until reprogrammed";
}

/// <summary>The true reservoir ran dry while the pump was driving it; the firmware does not know.</summary>
public sealed record ReservoirEmptyTrue(double EstimatedMl) : PumpEvent
{
    public string Note => "the body's truth; the firmware does not know";
}
