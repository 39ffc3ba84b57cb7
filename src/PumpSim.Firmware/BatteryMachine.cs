using Stateless;

namespace PumpSim.Core.Firmware;

public enum BatteryState { Ok, ElectiveReplacement, EndOfService }

/// <summary>Battery condition as the firmware reads it from the cell voltage.</summary>
public sealed class BatteryMachine
{
    private enum Trigger { ReachedEri, Exhausted, PumpReplaced }

    private readonly LazyMachine<BatteryState, Trigger> _machine = new(BatteryState.Ok, Configure);

    private static void Configure(StateMachine<BatteryState, Trigger> machine)
    {
        machine.Configure(BatteryState.Ok)
            .Permit(Trigger.ReachedEri, BatteryState.ElectiveReplacement)
            .Permit(Trigger.Exhausted, BatteryState.EndOfService)
            .Ignore(Trigger.PumpReplaced);
        machine.Configure(BatteryState.ElectiveReplacement)
            .Ignore(Trigger.ReachedEri)
            .Permit(Trigger.Exhausted, BatteryState.EndOfService)
            .Permit(Trigger.PumpReplaced, BatteryState.Ok);
        machine.Configure(BatteryState.EndOfService)
            .Ignore(Trigger.ReachedEri)
            .Ignore(Trigger.Exhausted)
            .Permit(Trigger.PumpReplaced, BatteryState.Ok);
    }

    public BatteryState State => _machine.State;
    public void ReachedEri() => _machine.Fire(Trigger.ReachedEri);
    public void Exhausted() => _machine.Fire(Trigger.Exhausted);
    public void PumpReplaced() => _machine.Fire(Trigger.PumpReplaced);
    public Stateless.Reflection.StateMachineInfo Info => _machine.Info;

    public static string Name(BatteryState s) => s switch
    {
        BatteryState.Ok => "ok",
        BatteryState.ElectiveReplacement => "eri",
        _ => "eos",
    };
}
