using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using PumpSim.Scenarios.Format;

namespace PumpSim.Scenarios;

/// <summary>The JSON Schema (draft 2020-12) of scenario files, for editors (<c>pumpsim schema</c>).
/// Generated from <see cref="ScenarioFormat"/> — the same table the loader checks keys and ranges
/// against — so the schema cannot drift from what the loader accepts. Cross-field limits (capacity
/// of the chosen pump, flow range at the concentration) are only in the loader.</summary>
public static class ScenarioSchema
{
    public const string DurationPattern =
        "^(0|(?=[0-9])([0-9]+w)?([0-9]+d)?([0-9]+h)?([0-9]+m)?([0-9]+s)?|P([0-9]+W)?([0-9]+D)?(T([0-9]+H)?([0-9]+M)?([0-9]+S)?)?)$";
    public const string ClockPattern = "^([01][0-9]|2[0-3]):[0-5][0-9]$";
    public const string IdPattern = "^[a-z0-9]+(-[a-z0-9]+)*$";

    private static readonly Lazy<string> Text = new(Build);

    public static string Json => Text.Value;

    private static string Build()
    {
        var root = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["title"] = "PumpSim scenario",
        };
        foreach (var (key, value) in Of(ScenarioFormat.Root)) root[key] = value?.DeepClone();
        // JsonObject keeps insertion order, so the text is the same on every run and machine.
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }

    private static JsonObject Of(Shape shape) => shape switch
    {
        ScalarShape s => Scalar(s),
        MapShape m => Map(m),
        ListShape l => new JsonObject { ["description"] = l.Doc, ["type"] = "array", ["items"] = Of(l.Item) },
        AnyOfShape a => new JsonObject { ["description"] = a.Doc, ["anyOf"] = new JsonArray(a.Options.Select(o => (JsonNode)Scalar(o)).ToArray()) },
        VariantShape v => new JsonObject { ["description"] = v.Doc, ["oneOf"] = new JsonArray(v.Variants.Select(o => (JsonNode)Map(o)).ToArray()) },
        _ => throw new InvalidOperationException($"no schema for {shape.GetType().Name}."),
    };

    private static JsonObject Map(MapShape m)
    {
        var properties = new JsonObject();
        foreach (var f in m.Fields)
        {
            var p = Of(f.Shape);
            if (f.ReplacedBy is { } newer)
            {
                // Still valid (old files must keep validating), but editors show it struck through.
                p["description"] = $"deprecated: write '{newer}'. {f.Shape.Doc}";
                p["deprecated"] = true;
            }
            properties[f.Name] = p;
        }
        var o = new JsonObject
        {
            ["description"] = m.Doc,
            // A map without settings may also be written "key:" (null) — the loader accepts both.
            ["type"] = m.Fields.Count == 0 ? new JsonArray("object", "null") : "object",
            ["properties"] = properties,
            ["additionalProperties"] = false,
        };
        var required = m.Fields.Where(f => f.Required).Select(f => (JsonNode)f.Name).ToArray();
        if (required.Length > 0) o["required"] = new JsonArray(required);
        if (m.ExactlyOneOf is { } oneOf && oneOf.Count > 0)
            o["oneOf"] = new JsonArray(oneOf.Select(k => (JsonNode)new JsonObject { ["required"] = new JsonArray(k) }).ToArray());
        return o;
    }

    private static JsonObject Scalar(ScalarShape s)
    {
        var o = new JsonObject { ["description"] = s.Doc };
        switch (s.Kind)
        {
            case ScalarKind.String:
                o["type"] = "string";
                if (s.Choices is { } choices) o["enum"] = new JsonArray(choices.Select(c => (JsonNode)c).ToArray());
                break;
            case ScalarKind.Id:
                o["type"] = "string";
                o["pattern"] = IdPattern;
                break;
            case ScalarKind.Number:
            case ScalarKind.Integer:
                o["type"] = s.Kind == ScalarKind.Number ? "number" : "integer";
                if (s.Min is { } min) o["minimum"] = min;
                if (s.Max is { } max) o["maximum"] = max;
                break;
            case ScalarKind.Boolean:
                o["type"] = "boolean";
                break;
            case ScalarKind.Duration:
                o["anyOf"] = new JsonArray(Duration(), new JsonObject { ["const"] = 0 });
                break;
            case ScalarKind.Time:
                o["anyOf"] = new JsonArray(Duration(), new JsonObject { ["const"] = 0 }, new JsonObject { ["type"] = "string", ["format"] = "date-time" });
                break;
            case ScalarKind.Timestamp:
                o["type"] = "string";
                o["format"] = "date-time";
                break;
            case ScalarKind.ClockTime:
                o["type"] = "string";
                o["pattern"] = ClockPattern;
                break;
        }
        return o;
    }

    private static JsonObject Duration() => new() { ["type"] = "string", ["pattern"] = DurationPattern };
}
