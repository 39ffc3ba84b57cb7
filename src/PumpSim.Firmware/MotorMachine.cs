using Stateless;

namespace PumpSim.Core.Firmware;

public enum MotorState { Running, Stalled }

/// <summary>What the firmware knows of its motor: it commanded a stroke and saw the rotor turn, or not.</summary>
public sealed class MotorMachine
{
    private enum Trigger { StallDetected, RotationDetected, PumpReplaced }

    private readonly LazyMachine<MotorState, Trigger> _machine = new(MotorState.Running, Configure);

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

    public MotorState State => _machine.State;
    public void StallDetected() => _machine.Fire(Trigger.StallDetected);
    public void RotationDetected() => _machine.Fire(Trigger.RotationDetected);
    public void PumpReplaced() => _machine.Fire(Trigger.PumpReplaced);
    public Stateless.Reflection.StateMachineInfo Info => _machine.Info;

    public static string Name(MotorState s) => s == MotorState.Running ? "running" : "stalled";
}
