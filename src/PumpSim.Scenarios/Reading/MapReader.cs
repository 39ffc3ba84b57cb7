using PumpSim.Core.Units;
using PumpSim.Scenarios.Errors;
using PumpSim.Scenarios.Format;
using PumpSim.Scenarios.Yaml;

namespace PumpSim.Scenarios.Reading;

/// <summary>Reads one YAML mapping against its <see cref="MapShape"/>: unknown keys are reported
/// (with a suggestion) as soon as the reader is made, and every typed getter checks the range the
/// shape declares. Asking for a key the shape does not declare is a programming error, so the
/// format table stays the single source of truth.</summary>
internal sealed partial class MapReader
{
    private readonly MapShape _shape;

    public MapReader(YNode node, MapShape shape, string name, Diagnostics diagnostics)
    {
        _shape = shape;
        // An action with no settings may be written "priming_bolus:" as well as "priming_bolus: {}".
        if (node is YScalar { IsNull: true }) node = new YMap(node.At, []);
        if (node is not YMap map)
            throw new NodeError(node.At, $"'{name}' expects a mapping {Paren(shape.Doc)} with keys {KeyList(shape)}, got {node.KindName}");
        Node = map;
        Name = name;
        foreach (var (key, _) in map.Entries)
        {
            if (shape.Find(key.Value) is not null) continue;
            UnknownKeys++;
            // Only an event's keys are "actions"; reservoir_ml's exactly-one-of (actual/estimated) takes the plain message.
            if (shape.ExactlyOneOf is { } actions && shape.Find("at") is not null)
                diagnostics.AddUnknownKey(map.At, key.At, $"unknown event action '{key.Value}'{Suggestions.Hint(key.Value, shape.Keys)} (expected 'at' and one of: {string.Join(", ", actions)})");
            else
                diagnostics.AddUnknownKey(map.At, key.At, shape.Fields.Count == 0
                    ? $"unknown key '{key.Value}': '{name}' takes no settings (write '{name}: {{}}')"
                    : $"unknown key '{key.Value}' in '{name}'{Suggestions.Hint(key.Value, shape.Keys)} (allowed: {KeyList(shape)})");
        }
        foreach (var field in shape.Fields)
        {
            if (field.Required && !map.TryGet(field.Name, out _, out _))
                throw new NodeError(map.At, $"'{name}' is missing '{field.Name}' {Paren(field.Shape.Doc)}");
        }
        if (shape.ExactlyOneOf is { } oneOf)
        {
            var present = map.Entries.Where(e => oneOf.Contains(e.Key.Value)).ToArray();
            if (present.Length > 1)
                throw new NodeError(present[1].Key.At, $"'{present[1].Key.Value}' and '{present[0].Key.Value}' in one {name}; expected exactly one of {string.Join(", ", oneOf)}");
        }
    }

    public YMap Node { get; }
    /// <summary>How many keys were reported unknown; callers skip follow-up errors that would only repeat them.</summary>
    public int UnknownKeys { get; }
    public string Name { get; }
    public Position At => Node.At;

    /// <summary>"(doc)" for a message, without parentheses inside parentheses: a trailing
    /// "(default 1m)" of the doc becomes "; default 1m".</summary>
    public static string Paren(string doc) => $"({TrailingParen().Replace(doc, "; $1")})";

    [System.Text.RegularExpressions.GeneratedRegex(@"\s*\(([^()]*)\)$")]
    private static partial System.Text.RegularExpressions.Regex TrailingParen();

    public static string KeyList(MapShape shape) => shape.Fields.Count == 0 ? "(none)" : string.Join(", ", shape.Keys);

    private Field Declared(string key) =>
        _shape.Find(key) ?? throw new InvalidOperationException($"the loader asked for '{key}', which the format table does not declare in '{Name}'.");

    public bool Has(string key) { Declared(key); return Node.TryGet(key, out _, out _); }

    public YNode? Get(string key)
    {
        Declared(key);
        return Node.TryGet(key, out var value, out _) ? value : null;
    }

    /// <summary>Where to point an error about this key: its value, or the map when it is absent.</summary>
    public Position PositionOf(string key) => Get(key)?.At ?? At;

    public double? Number(string key)
    {
        if (Get(key) is not { } node) return null;
        var v = Values.Number(node, key);
        CheckRange(node, key, v);
        return v;
    }

    public double RequiredNumber(string key) => Number(key) ?? throw Missing(key);

    public long? Integer(string key)
    {
        if (Get(key) is not { } node) return null;
        var v = Values.Integer(node, key);
        CheckRange(node, key, v);
        return v;
    }

    public bool? Bool(string key) => Get(key) is { } node ? Values.Boolean(node, key) : null;

    public string? Text(string key)
    {
        if (Get(key) is not { } node) return null;
        var v = Values.Text(node, key);
        if (Declared(key).Shape is ScalarShape { Choices: { } choices } && !choices.Contains(v))
            throw new NodeError(node.At, $"unknown {Declared(key).Shape.Doc} '{v}' for '{key}'{Suggestions.Hint(v, choices)} (expected one of: {string.Join(", ", choices)})");
        return v;
    }

    public SimDuration? Duration(string key) => Get(key) is { } node ? Values.Duration(node, key) : null;

    public SimInstant? Time(string key, TimeFrame frame) => Get(key) is { } node ? frame.Read(node, key) : null;

    public MapReader? Map(string key, Diagnostics diagnostics)
    {
        if (Get(key) is not { } node) return null;
        return new MapReader(node, (MapShape)Declared(key).Shape, key, diagnostics);
    }

    public YSeq? List(string key)
    {
        if (Get(key) is not { } node) return null;
        if (node is YScalar { IsNull: true }) return new YSeq(node.At, []);
        return node as YSeq ?? throw new NodeError(node.At, $"'{key}' expects a list {Paren(Declared(key).Shape.Doc)}, got {node.KindName}");
    }

    public NodeError Missing(string key) => new(At, $"'{Name}' is missing '{key}' {Paren(Declared(key).Shape.Doc)}");

    private void CheckRange(YNode node, string key, double v)
    {
        if (Declared(key).Shape is not ScalarShape shape) return;
        if (shape.Min is { } min && v < min || shape.Max is { } max && v > max)
        {
            var range = shape.Min is { } lo && shape.Max is { } hi ? $"between {Values.Format(lo)} and {Values.Format(hi)}"
                      : shape.Min is { } lo2 ? $"at least {Values.Format(lo2)}" : $"at most {Values.Format(shape.Max!.Value)}";
            throw new NodeError(node.At, $"'{key}' must be {range} {Paren(shape.Doc)}, got {Values.Format(v)}");
        }
    }
}
