using PumpSim.Core.Events;
using PumpSim.Core.Units;

namespace PumpSim.Scenarios;

/// <summary><c>alarm: id</c> raised inside a window (or <c>never: true</c>), optionally cleared
/// inside a second window after that raise. Judged from alarm-raised / alarm-cleared events,
/// whose "alarm" field names the alarm.</summary>
public sealed class AlarmExpectation(SimInstant origin, string alarmId, TimeWindow? raised, bool never = false, TimeWindow? cleared = null)
    : Expectation(origin)
{
    public string AlarmId { get; } = alarmId;
    public TimeWindow Raised { get; } = raised ?? TimeWindow.Any;
    public bool Never { get; } = never;
    public TimeWindow? Cleared { get; } = cleared;

    public override string Text => Never
        ? $"alarm {AlarmId} never raised"
        : $"alarm {AlarmId} raised {Raised.Describe(Offset)}" + (Cleared is { } c ? $" and cleared {c.Describe(Offset)}" : "");

    public override ExpectationOutcome Evaluate(SimulationResult result)
    {
        var raises = result.Events.OfType<AlarmRaised>().Where(e => e.Alarm == AlarmId).ToArray();
        if (Never)
            return raises.Length == 0 ? Pass("never raised") : Fail($"raised at {Stamp(raises[0].At)}");
        var inWindow = raises.FirstOrDefault(e => Raised.Contains(e.At));
        if (inWindow is null)
            return Fail(raises.Length == 0 ? "never raised" : $"raised at {Stamp(raises[0].At)}, outside the window");
        var detail = $"raised at {Stamp(inWindow.At)}";
        if (Cleared is not { } window) return Pass(detail);
        var clears = result.Events.OfType<AlarmCleared>().Where(e => e.Alarm == AlarmId && e.At >= inWindow.At).ToArray();
        var clear = clears.FirstOrDefault(e => window.Contains(e.At));
        if (clear is not null) return Pass($"{detail}; cleared at {Stamp(clear.At)}");
        return Fail(clears.Length == 0 ? $"{detail}; never cleared" : $"{detail}; cleared at {Stamp(clears[0].At)}, outside the window");
    }
}
