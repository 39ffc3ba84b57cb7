using Stateless;

namespace PumpSim.Core.Firmware;

public enum ReservoirCondition { Ok, Low, Empty }

/// <summary>The reservoir as the firmware believes it: from its own stroke count, never measured.</summary>
public sealed class ReservoirMachine
{
    private enum Trigger { FellToAlarmLevel, ReachedEmpty, Refilled }

    private readonly LazyMachine<ReservoirCondition, Trigger> _machine;
    private readonly Func<ReservoirCondition> _byEstimate;

    public ReservoirMachine(Func<ReservoirCondition> byEstimate)
    {
        _byEstimate = byEstimate;
        _machine = new LazyMachine<ReservoirCondition, Trigger>(byEstimate(), Configure);
    }

    private void Configure(StateMachine<ReservoirCondition, Trigger> machine)
    {
        const string ByVolume = "the programmed volume against the alarm level";
        var outcomes = new Stateless.Reflection.DynamicStateInfos();
        outcomes.Add(ReservoirCondition.Ok, "above the alarm level");
        outcomes.Add(ReservoirCondition.Low, "at or below the alarm level");
        outcomes.Add(ReservoirCondition.Empty, "zero");
        machine.Configure(ReservoirCondition.Ok)
            .Permit(Trigger.FellToAlarmLevel, ReservoirCondition.Low)
            .Permit(Trigger.ReachedEmpty, ReservoirCondition.Empty)
            .PermitDynamic(Trigger.Refilled, _byEstimate, ByVolume, outcomes);
        machine.Configure(ReservoirCondition.Low)
            .Ignore(Trigger.FellToAlarmLevel)
            .Permit(Trigger.ReachedEmpty, ReservoirCondition.Empty)
            .PermitDynamic(Trigger.Refilled, _byEstimate, ByVolume, outcomes);
        machine.Configure(ReservoirCondition.Empty)
            .Ignore(Trigger.FellToAlarmLevel)
            .Ignore(Trigger.ReachedEmpty)
            .PermitDynamic(Trigger.Refilled, _byEstimate, ByVolume, outcomes);
    }

    public ReservoirCondition State => _machine.State;
    public void FellToAlarmLevel() => _machine.Fire(Trigger.FellToAlarmLevel);
    public void ReachedEmpty() => _machine.Fire(Trigger.ReachedEmpty);
    public void Refilled() => _machine.Fire(Trigger.Refilled);
    public Stateless.Reflection.StateMachineInfo Info => _machine.Info;

    public static string Name(ReservoirCondition c) => c switch
    {
        ReservoirCondition.Ok => "ok",
        ReservoirCondition.Low => "low",
        _ => "empty",
    };
}
