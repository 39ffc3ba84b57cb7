using PumpSim.Core.Units;

namespace PumpSim.Core.Events;

/// <summary>Something that happened, stamped at its exact instant. Each event type is a sealed
/// record deriving from this one (AlarmEvents.cs, DosingEvents.cs, …); readers match on the record
/// type. Its JSON type name and field names live in one place, <see cref="EventTable"/>.
/// <see cref="Sequence"/> gives events at one instant a total order (SimSharp's habit), so outputs
/// never depend on a hash order. Emitters build a record without a stamp; the engine stamps it
/// (<c>with { At, Sequence }</c>) as it publishes.</summary>
public abstract record PumpEvent
{
    public SimInstant At { get; init; }
    public long Sequence { get; init; }

    /// <summary>The event type as events.jsonl and SCENARIOS.md §3 name it (one of <see cref="EventTypes"/>).</summary>
    public string Type => EventTable.ShapeOf(GetType()).Type;

    public sealed override string ToString() =>
        $"{At} {Type}" + string.Concat(EventTable.Values(this).Select(f => $" {f.Name}={f.Value}"));
}
