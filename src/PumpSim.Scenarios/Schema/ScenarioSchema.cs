using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using PumpSim.Core.Plant;
using PumpSim.Core.Therapy;
using PumpSim.Scenarios.Format;
using PumpSim.Scenarios.Reading;

namespace PumpSim.Scenarios;

/// <summary>The JSON Schema (draft 2020-12) of scenario files, for editors (<c>pumpsim schema</c>).
/// Generated from <see cref="ScenarioFormat"/> — the same table the loader checks keys and ranges
/// against — so the schema cannot drift from what the loader accepts. Cross-field limits (capacity
/// of the chosen pump, flow range at the concentration) are only in the loader.</summary>
public static class ScenarioSchema
{
    /// <summary>Any duration the parser accepts: compact (each unit once, largest first) or ISO-8601 with
    /// weeks, days, hours, minutes, seconds; whole numbers of at most 15 digits (DurationParser's limit).
    /// "P", "PT" and "P1DT" are refused, as by the parser.</summary>
    public static readonly string DurationPattern = DurationRange(null, null);
    /// <summary>An absolute time exactly as the loader reads it: upper-case T (or one space) and Z or
    /// ±hh:mm, seconds optional, no fraction (the engine counts whole seconds).</summary>
    public const string TimestampPattern =
        "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])(T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?| ([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9])(Z|[+-]((0[0-9]|1[0-3]):[0-5][0-9]|14:00))$";
    public const string ClockPattern = "^([01][0-9]|2[0-3]):[0-5][0-9]$";
    public const string IdPattern = "^[a-z0-9]+(-[a-z0-9]+)*$";

    /// <summary>The rules a JSON Schema keyword cannot state, named in the root description so an editor
    /// user knows `pumpsim validate` checks them.</summary>
    public static readonly string LoaderOnlyRules =
        "Checked by `pumpsim validate`, not by this schema: a duration written with several units is limited in total " +
        "(step: 1s to 1h, so 1h1s is refused; duration: at most 50 years); times lie within [start, start + duration]; " +
        "dates are real calendar dates (no 31 February); the starting program lies within the pump's flow range at the concentration entered; " +
        $"refills and replace_pump fit the pump's capacity; catheter fraction only for {string.Join(", ", CatheterFaultType.All.Where(f => f.TakesFraction).Select(f => f.Name))} " +
        $"and volume_ml only for {string.Join(", ", CatheterFaultType.All.Where(f => f.ReplacesCatheter).Select(f => f.Name))}; " +
        "withdraw not with into: pocket; ptm_request needs ptm; patient expectations need patient; windows and intervals run forwards.";
    private static readonly Lazy<string> Text = new(() => Build(CatalogFormat.Standard));

    /// <summary>The schema of the built-in catalog's format (what `pumpsim schema` prints).</summary>
    public static string Json => Text.Value;

    /// <summary>The schema of a format for another catalog (a test's, with a model of its own).</summary>
    public static string JsonFor(PumpCatalog catalog) => Build(ScenarioFormat.For(catalog));

    private static string Build(CatalogFormat format)
    {
        var root = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["title"] = "PumpSim scenario",
        };
        foreach (var (key, value) in Of(format.Root)) root[key] = value?.DeepClone();
        root["description"] = $"{format.Root.Doc}. {LoaderOnlyRules}";
        root["allOf"] = new JsonArray(format.Catalog.Models.Select(m => (JsonNode)CapacityRule(m, format.Catalog.DefaultModel == m)).ToArray());
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
        if (m.Find("mode") is not null && m.Find("steps") is not null) o["allOf"] = ProgramRules();
        else if (m.Find("start") is not null && m.Find("rate_ml_per_day") is not null) o["oneOf"] = OneRate();
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
                o["anyOf"] = s.Min is > 0
                    ? new JsonArray(Duration(s.Min, s.Max)) // a bare 0 (a YAML number) is below the minimum
                    : new JsonArray(Duration(s.Min, s.Max), new JsonObject { ["const"] = 0 });
                break;
            case ScalarKind.Time:
                o["anyOf"] = new JsonArray(Duration(null, null), new JsonObject { ["const"] = 0 }, Timestamp());
                break;
            case ScalarKind.Timestamp:
                o["type"] = "string";
                o["pattern"] = TimestampPattern;
                break;
            case ScalarKind.ClockTime:
                o["type"] = "string";
                o["pattern"] = ClockPattern;
                break;
        }
        return o;
    }

    private static JsonObject Duration(double? min, double? max) =>
        new() { ["type"] = "string", ["pattern"] = DurationRange((long?)min, (long?)max) };

    private static JsonObject Timestamp() => new() { ["type"] = "string", ["pattern"] = TimestampPattern };

    /// <summary>A pattern for durations whose every unit is within [<paramref name="min"/>, <paramref name="max"/>]
    /// seconds: each part is bounded by max in its own unit, and a minimum of 1 s needs a non-zero digit. It is
    /// exact for a duration written in one unit; a limit on the sum of several units is in
    /// <see cref="LoaderOnlyRules"/>.</summary>
    public static string DurationRange(long? min, long? max)
    {
        string Part(long unit, char letter) =>
            $"({(max is { } hi ? UpTo(hi / unit) : "[0-9]+")}{letter})?";
        var compact = $"(?=[0-9]){Part(604_800, 'w')}{Part(86_400, 'd')}{Part(3600, 'h')}{Part(60, 'm')}{Part(1, 's')}";
        var iso = $"P(?=[0-9]|T[0-9]){Part(604_800, 'W')}{Part(86_400, 'D')}(T(?=[0-9]){Part(3600, 'H')}{Part(60, 'M')}{Part(1, 'S')})?";
        var atLeastOne = min is > 0 ? "(?=.*[1-9])" : "";
        var zero = min is > 0 ? "" : "0|";
        // At most 15 digits in a row, as DurationParser reads numbers.
        return $"^(?!.*[0-9]{{16}}){atLeastOne}({zero}{compact}|{iso})$";
    }

    /// <summary>A regex for a whole number (leading zeros allowed) from 0 to <paramref name="n"/>.</summary>
    internal static string UpTo(long n)
    {
        var s = n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var k = s.Length;
        var alternatives = new List<string>();
        if (k > 1) alternatives.Add(k == 2 ? "[0-9]" : $"[0-9]{{1,{k - 1}}}");
        for (var i = 0; i < k; i++)
        {
            var d = s[i] - '0';
            var lo = i == 0 && k > 1 ? 1 : 0;
            if (d <= lo) continue;
            var rest = k - i - 1;
            alternatives.Add(s[..i] + (d - 1 == lo ? $"{lo}" : $"[{lo}-{d - 1}]") + (rest == 0 ? "" : rest == 1 ? "[0-9]" : $"[0-9]{{{rest}}}"));
        }
        alternatives.Add(s);
        return $"0*({string.Join("|", alternatives)})";
    }

    private static JsonNode Required(params string[] keys) => new JsonObject { ["required"] = new JsonArray(keys.Select(k => (JsonNode)k).ToArray()) };

    /// <summary>Exactly one of the two rates (a continuous program, a flex step).</summary>
    private static JsonArray OneRate() => new(Required("rate_mcg_per_day"), Required("rate_ml_per_day"));

    private static JsonObject Not(params string[] keys) =>
        new() { ["not"] = new JsonObject { ["anyOf"] = new JsonArray(keys.Select(k => Required(k)).ToArray()) } };

    private static JsonObject ModeIs(string mode) =>
        new() { ["properties"] = new JsonObject { ["mode"] = new JsonObject { ["const"] = mode } } };

    /// <summary>ProgramReader's rules by mode: continuous takes exactly one rate and no steps; flex takes steps
    /// and no rate; minimum-rate and stopped take neither.</summary>
    private static JsonArray ProgramRules() => new(
        new JsonObject { ["if"] = ModeIs("continuous"), ["then"] = new JsonObject { ["oneOf"] = OneRate(), ["allOf"] = new JsonArray(Not("repeat", "steps")) } },
        new JsonObject { ["if"] = ModeIs("flex"), ["then"] = new JsonObject { ["required"] = new JsonArray("steps"), ["allOf"] = new JsonArray(Not("rate_mcg_per_day", "rate_ml_per_day")) } },
        new JsonObject { ["if"] = ModeIs("minimum-rate"), ["then"] = Not("rate_mcg_per_day", "rate_ml_per_day", "repeat", "steps") },
        new JsonObject { ["if"] = ModeIs("stopped"), ["then"] = Not("rate_mcg_per_day", "rate_ml_per_day", "repeat", "steps") });

    /// <summary>Unless the pump is the 40 mL model, the starting volume is at most 20 mL and the
    /// low-reservoir alarm at most half of that (the loader's capacity rules for the starting pump).</summary>
    /// <summary>One rule per pump model: when the file names it (or names none and it is the default),
    /// the reservoir fits its capacity and the low-reservoir alarm its range.</summary>
    private static JsonObject CapacityRule(PumpProfile m, bool isDefault)
    {
        static JsonObject ModelIs(JsonNode model) => new()
        {
            ["required"] = new JsonArray("pump"),
            ["properties"] = new JsonObject { ["pump"] = new JsonObject { ["required"] = new JsonArray("model"), ["properties"] = new JsonObject { ["model"] = model } } },
        };
        return new JsonObject
        {
            ["description"] = $"the {m.Model}{(isDefault ? " (the default)" : "")} holds {Values.Format(m.Capacity.Ml)} mL; its low-reservoir alarm is {Values.Format(m.MinLowReservoirAlarm.Ml)} to {Values.Format(m.MaxLowReservoirAlarm.Ml)} mL",
            // The default model applies unless the file names another one.
            ["if"] = isDefault ? new JsonObject { ["not"] = ModelIs(new JsonObject { ["not"] = new JsonObject { ["const"] = m.Model } }) } : ModelIs(new JsonObject { ["const"] = m.Model }),
            ["then"] = new JsonObject
            {
                ["properties"] = new JsonObject
                {
                    ["reservoir_ml"] = new JsonObject { ["maximum"] = m.Capacity.Ml },
                    ["pump"] = new JsonObject
                    {
                        ["properties"] = new JsonObject
                        {
                            ["low_reservoir_alarm_ml"] = new JsonObject { ["minimum"] = m.MinLowReservoirAlarm.Ml, ["maximum"] = m.MaxLowReservoirAlarm.Ml },
                        },
                    },
                },
            },
        };
    }
}
