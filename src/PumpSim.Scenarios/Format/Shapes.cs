namespace PumpSim.Scenarios.Format;

/// <summary>How a scalar is written; the loader parses it and the schema describes it from this one value.</summary>
public enum ScalarKind
{
    String,
    /// <summary>kebab-case identifier.</summary>
    Id,
    Number,
    Integer,
    Boolean,
    /// <summary>See <see cref="DurationParser"/>.</summary>
    Duration,
    /// <summary>An offset from start (a duration) or an absolute ISO-8601 UTC timestamp.</summary>
    Time,
    /// <summary>An absolute ISO-8601 UTC timestamp.</summary>
    Timestamp,
    /// <summary>"HH:MM" on the pump's clock.</summary>
    ClockTime,
    /// <summary>A requirement id, <c>REQ-</c> and upper-case words (scenarios/requirements.yaml).</summary>
    RequirementId,
    /// <summary>A hazard id, <c>HAZ-</c> and upper-case words (scenarios/requirements.yaml).</summary>
    HazardId,
}

/// <summary>One node of the scenario format. The loader's key checks, range checks and the JSON
/// Schema are all read from these, so the three cannot drift apart.</summary>
public abstract record Shape(string Doc);

public sealed record ScalarShape(ScalarKind Kind, string Doc, IReadOnlyList<string>? Choices = null, double? Min = null, double? Max = null)
    : Shape(Doc);

/// <param name="ReplacedBy">Set on an old spelling that is still accepted (so files written by others run
/// unchanged) but no longer documented: the schema marks it deprecated and points to the new key.</param>
public sealed record Field(string Name, Shape Shape, bool Required = false, string? ReplacedBy = null);

/// <summary>A mapping with a closed set of keys. <see cref="ExactlyOneOf"/>: keys of which exactly
/// one must be present (an event's action).</summary>
public sealed record MapShape(string Doc, IReadOnlyList<Field> Fields, IReadOnlyList<string>? ExactlyOneOf = null) : Shape(Doc)
{
    public IEnumerable<string> Keys => Fields.Select(f => f.Name);
    public Field? Find(string name) => Fields.FirstOrDefault(f => f.Name == name);
}

public sealed record ListShape(Shape Item, string Doc) : Shape(Doc);

/// <summary>Either of several scalar forms (refill's <c>withdraw: all | 2.5</c>).</summary>
public sealed record AnyOfShape(IReadOnlyList<ScalarShape> Options, string Doc) : Shape(Doc);

/// <summary>A mapping whose kind is given by which key it has (an expectation: <c>alarm:</c>,
/// <c>event:</c>, …). Each variant's first field is its discriminator.</summary>
public sealed record VariantShape(string Doc, IReadOnlyList<MapShape> Variants) : Shape(Doc)
{
    public IEnumerable<string> Discriminators => Variants.Select(v => v.Fields[0].Name);
}
