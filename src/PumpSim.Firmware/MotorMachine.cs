using Stateless;

namespace PumpSim.Core.Firmware;

public enum MotorState { Running, Stalled }

/// <summary>What the firmware knows of its motor: it commanded a stroke and saw the rotor turn, or not.</summary>
public sealed class MotorMachine
{
    private enum Trigger { StallDetected, RotationDetected, PumpReplaced }

    // Stalls and recoveries come by the thousand in a storm: the transitions are looked up, not fired
    // through Stateless (TransitionTable; Configure stays their definition).
    private static readonly TransitionTable<MotorState, Trigger> Transitions = new(Configure);
    private MotorState _state = MotorState.Running;

    private static void Configure(StateMachine<MotorState, Trigger> machine)
    {
        machine.Configure(MotorState.Running)
            .Permit(Trigger.StallDetected, MotorState.Stalled)
            .Ignore(Trigger.RotationDetected)
            .Ignore(Trigger.PumpReplaced);
        machine.Configure(MotorState.Stalled)
            .Permit(Trigger.RotationDetected, MotorState.Running)
            .Ignore(Trigger.StallDetected)
            .Permit(Trigger.PumpReplaced, MotorState.Running);
    }

    public MotorState State => _state;
    public void StallDetected() => _state = Transitions.Next(_state, Trigger.StallDetected);
    public void RotationDetected() => _state = Transitions.Next(_state, Trigger.RotationDetected);
    public void PumpReplaced() => _state = Transitions.Next(_state, Trigger.PumpReplaced);
    public Stateless.Reflection.StateMachineInfo Info => Transitions.Info(_state);

    public static string Name(MotorState s) => s == MotorState.Running ? "running" : "stalled";
}
