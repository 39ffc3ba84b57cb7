using PumpSim.Core.Units;
using Stateless;

namespace PumpSim.Core.Firmware;

public enum AlarmState { Inactive, Sounding, Silenced }

/// <summary>One alarm's lifecycle (PUMP.md §5): inactive → sounding ⇄ silenced → inactive.
/// Silenced is a substate of sounding: the alarm is still active, only its tones are muted.
/// Critical alarms latch: the condition must be gone *and* the pump interrogated.</summary>
public sealed class Alarm
{
    private enum Trigger { Raise, ConditionGone, Interrogate, Silence, SilenceEnded, Reset }

    // Configured on the first raise (LazyMachine): most alarms never sound in a run. While inactive,
    // every trigger but Raise is ignored, so those calls need not build it.
    private readonly LazyMachine<AlarmState, Trigger> _machine;

    public Alarm(string id, AlarmPriority priority)
    {
        Id = id;
        Priority = priority;
        _machine = new LazyMachine<AlarmState, Trigger>(AlarmState.Inactive, Configure);
    }

    private void Configure(StateMachine<AlarmState, Trigger> machine)
    {
        machine.Configure(AlarmState.Inactive)
            .Permit(Trigger.Raise, AlarmState.Sounding)
            .Ignore(Trigger.ConditionGone)
            .Ignore(Trigger.Interrogate)
            .Ignore(Trigger.Silence)
            .Ignore(Trigger.SilenceEnded)
            .Ignore(Trigger.Reset);
        machine.Configure(AlarmState.Sounding)
            .Ignore(Trigger.Raise)
            .PermitIf(Trigger.ConditionGone, AlarmState.Inactive, () => !Latches, "non-critical: clears with its condition")
            .IgnoreIf(Trigger.ConditionGone, () => Latches, "critical: latched until interrogated")
            .PermitIf(Trigger.Interrogate, AlarmState.Inactive, () => !ConditionPresent, "condition gone")
            .IgnoreIf(Trigger.Interrogate, () => ConditionPresent, "condition still present")
            .Permit(Trigger.Silence, AlarmState.Silenced)
            .Ignore(Trigger.SilenceEnded)
            .Permit(Trigger.Reset, AlarmState.Inactive);
        machine.Configure(AlarmState.Silenced)
            .SubstateOf(AlarmState.Sounding)
            .Ignore(Trigger.Silence)
            .Permit(Trigger.SilenceEnded, AlarmState.Sounding);
    }

    public string Id { get; }
    public AlarmPriority Priority { get; }
    public bool Latches => Priority == AlarmPriority.Critical;
    public bool ConditionPresent { get; private set; }
    public AlarmState State => _machine.State;
    public bool IsActive => State != AlarmState.Inactive;
    public bool IsSounding => State == AlarmState.Sounding;

    /// <summary>When the next tone is due while sounding.</summary>
    public SimInstant NextTone { get; set; } = SimInstant.MaxValue;
    /// <summary>The record of the current occurrence, for summary.json.</summary>
    internal int OccurrenceIndex { get; set; } = -1;

    /// <returns>true when this raise made a new occurrence (the alarm was inactive).</returns>
    public bool Raise()
    {
        ConditionPresent = true;
        // Sounding ignores Raise and Silenced inherits that (Configure): the call need not go through
        // Stateless, whose every Fire allocates ~0.7 KB (a stall storm raises once per stall, issue 24).
        if (IsActive) return false;
        _machine.Fire(Trigger.Raise);
        return true;
    }

    /// <returns>true when the alarm cleared.</returns>
    public bool ConditionGone()
    {
        ConditionPresent = false;
        var was = IsActive;
        // A latched alarm ignores its condition's end while active ("critical: latched until
        // interrogated" in Configure, for Sounding and so for Silenced): no Fire needed.
        if (was && Latches) return false;
        if (_machine.IsBuilt) _machine.Fire(Trigger.ConditionGone);
        return was && !IsActive;
    }

    public bool Interrogated()
    {
        var was = IsActive;
        if (_machine.IsBuilt) _machine.Fire(Trigger.Interrogate);
        return was && !IsActive;
    }

    public bool Silence()
    {
        if (State != AlarmState.Sounding) return false;
        _machine.Fire(Trigger.Silence);
        return true;
    }

    public bool EndSilence()
    {
        if (State != AlarmState.Silenced) return false;
        _machine.Fire(Trigger.SilenceEnded);
        return true;
    }

    public bool Reset()
    {
        ConditionPresent = false;
        var was = IsActive;
        if (_machine.IsBuilt) _machine.Fire(Trigger.Reset);
        return was;
    }

    public Stateless.Reflection.StateMachineInfo Info => _machine.Info;
}
