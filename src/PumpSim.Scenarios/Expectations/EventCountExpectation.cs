using PumpSim.Core.Events;
using PumpSim.Core.Units;

namespace PumpSim.Scenarios;

/// <summary><c>event: type</c> with an exact <c>count</c> or <c>min</c>/<c>max</c> bounds, counted
/// inside an optional window. With no count and no bounds it means "at least once".</summary>
public sealed class EventCountExpectation(SimInstant origin, string eventType, long? count = null, long? min = null, long? max = null, TimeWindow? window = null,
    IReadOnlyList<(string Field, string Value)>? where = null)
    : Expectation(origin)
{
    /// <summary>Field values an event must have to count (e.g. alarm: low-reservoir), in file order.
    /// The names are the JSON names of <see cref="EventTable"/>, as the user wrote them.</summary>
    public IReadOnlyList<(string Field, string Value)> Where { get; } = where ?? [];

    public string EventType { get; } = eventType;
    public long? Count { get; } = count;
    public long Min { get; } = count ?? min ?? (max is null ? 1 : 0);
    public long? Max { get; } = count ?? max;
    public TimeWindow Window { get; } = window ?? TimeWindow.Any;

    public override string Text
    {
        get
        {
            var howMany = Count is { } c ? $"exactly {c} time{(c == 1 ? "" : "s")}"
                        : Max is { } hi ? (Min > 0 ? $"{Min} to {hi} times" : $"at most {hi} time{(hi == 1 ? "" : "s")}")
                        : $"at least {Min} time{(Min == 1 ? "" : "s")}";
            var when = Window == TimeWindow.Any ? "" : " " + Window.Describe(Offset);
            var filter = Where.Count == 0 ? "" : " with " + string.Join(", ", Where.Select(w => $"{w.Field} {w.Value}"));
            return $"event {EventType}{filter} {howMany}{when}";
        }
    }

    public override ExpectationOutcome Evaluate(SimulationResult result)
    {
        var matches = result.Events.Where(e => e.Type == EventType && Window.Contains(e.At)
            && Where.All(w => string.Equals(EventTable.ValueOf(e, w.Field)?.ToString(), w.Value, StringComparison.Ordinal))).ToArray();
        var n = matches.LongLength;
        var detail = n == 0 ? "0 events" : $"{n} event{(n == 1 ? "" : "s")}, first at {Stamp(matches[0].At)}";
        var ok = n >= Min && (Max is not { } hi || n <= hi);
        return ok ? Pass(detail) : Fail(detail);
    }
}
