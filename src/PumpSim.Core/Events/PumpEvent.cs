using PumpSim.Core.Units;

namespace PumpSim.Core.Events;

/// <summary>One named value of an event. <see cref="Value"/> is a string, long, double or bool,
/// so writers can format it without knowing the event type.</summary>
public readonly record struct EventField(string Name, object Value);

/// <summary>Something that happened, stamped at its exact instant. <see cref="Sequence"/> gives
/// events at one instant a total order (SimSharp's habit), so outputs never depend on a hash order.</summary>
public sealed class PumpEvent
{
    public PumpEvent(SimInstant at, long sequence, string type, IReadOnlyList<EventField> fields)
    {
        At = at; Sequence = sequence; Type = type; Fields = fields;
    }

    public SimInstant At { get; }
    public long Sequence { get; }
    public string Type { get; }
    public IReadOnlyList<EventField> Fields { get; }

    public object? this[string name]
    {
        get
        {
            foreach (var f in Fields) if (f.Name == name) return f.Value;
            return null;
        }
    }

    public string? Text(string name) => this[name]?.ToString();

    public override string ToString() =>
        $"{At} {Type}" + string.Concat(Fields.Select(f => $" {f.Name}={f.Value}"));
}
