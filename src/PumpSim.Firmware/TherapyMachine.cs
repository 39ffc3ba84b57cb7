using Stateless;

namespace PumpSim.Core.Firmware;

/// <summary>The therapy state of the firmware (Stateless). The destination after a program,
/// refill or replacement depends on the program's mode and on whether the firmware believes the
/// reservoir is empty, so those transitions are dynamic and described for the diagram.</summary>
public sealed class TherapyMachine
{
    private enum Trigger { Program, ReservoirEmptied, Refilled, SafeStateFault, BatteryExhausted, PumpReplaced }

    private readonly LazyMachine<TherapyState, Trigger> _machine;
    private readonly Action<TherapyState, TherapyState> _changed;
    private readonly Func<TherapyState> _programState;

    /// <param name="programState">The state the current program and reservoir call for.</param>
    public TherapyMachine(Func<TherapyState> programState, Action<TherapyState, TherapyState> changed)
    {
        _programState = programState;
        _changed = changed;
        _machine = new LazyMachine<TherapyState, Trigger>(programState(), Configure);
    }

    private void Configure(StateMachine<TherapyState, Trigger> machine)
    {
        const string ByProgram = "the program's mode (minimum rate while the reservoir reads empty)";
        var outcomes = new Stateless.Reflection.DynamicStateInfos();
        outcomes.Add(TherapyState.Infusing, "continuous or flex program");
        outcomes.Add(TherapyState.MinimumRate, "minimum-rate program, or reservoir reads empty");
        outcomes.Add(TherapyState.Stopped, "stopped program");

        // Every state but end of service takes a new program, a battery running out and a new
        // pump the same way; what differs per state follows each call.
        StateMachine<TherapyState, Trigger>.StateConfiguration InService(TherapyState state) =>
            machine.Configure(state)
                .PermitDynamic(Trigger.Program, Target, ByProgram, outcomes)
                .Permit(Trigger.BatteryExhausted, TherapyState.EndOfService)
                .PermitDynamic(Trigger.PumpReplaced, Target, ByProgram, outcomes);

        InService(TherapyState.Infusing)
            .Permit(Trigger.ReservoirEmptied, TherapyState.MinimumRate)
            .Ignore(Trigger.Refilled)
            .Permit(Trigger.SafeStateFault, TherapyState.SafeState);

        InService(TherapyState.MinimumRate)
            .Ignore(Trigger.ReservoirEmptied)
            .PermitDynamic(Trigger.Refilled, Target, ByProgram, outcomes)
            .Permit(Trigger.SafeStateFault, TherapyState.SafeState);

        InService(TherapyState.Stopped)
            .Ignore(Trigger.ReservoirEmptied)
            .Ignore(Trigger.Refilled)
            .Permit(Trigger.SafeStateFault, TherapyState.SafeState);

        // Safe state holds the minimum rate until a clinician reprograms the pump.
        InService(TherapyState.SafeState)
            .Ignore(Trigger.ReservoirEmptied)
            .Ignore(Trigger.Refilled)
            .Ignore(Trigger.SafeStateFault);

        // End of service is final for this pump: only a replacement leaves it.
        machine.Configure(TherapyState.EndOfService)
            .Ignore(Trigger.Program)
            .Ignore(Trigger.ReservoirEmptied)
            .Ignore(Trigger.Refilled)
            .Ignore(Trigger.SafeStateFault)
            .Ignore(Trigger.BatteryExhausted)
            .PermitDynamic(Trigger.PumpReplaced, Target, ByProgram, outcomes);

        machine.OnTransitioned(t => { if (t.Source != t.Destination) _changed(t.Source, t.Destination); });
    }

    private TherapyState Target() => _programState();

    public TherapyState State => _machine.State;

    public void Programmed() => _machine.Fire(Trigger.Program);
    public void ReservoirEmptied() => _machine.Fire(Trigger.ReservoirEmptied);
    public void Refilled() => _machine.Fire(Trigger.Refilled);
    public void EnterSafeState() => _machine.Fire(Trigger.SafeStateFault);
    public void BatteryExhausted() => _machine.Fire(Trigger.BatteryExhausted);
    public void PumpReplaced() => _machine.Fire(Trigger.PumpReplaced);

    public Stateless.Reflection.StateMachineInfo Info => _machine.Info;

    /// <summary>The names live beside the enum in PumpSim.Domain, where the events read them too.</summary>
    public static string Name(TherapyState s) => TherapyStates.Name(s);
}
