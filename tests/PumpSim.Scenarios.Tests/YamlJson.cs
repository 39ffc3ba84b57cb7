using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;
using PumpSim.Scenarios.Yaml;

namespace PumpSim.Scenarios.Tests;

/// <summary>YAML → JSON typed by the YAML 1.2 core schema, the way editors' YAML language server (and any
/// 1.2 parser) hands a scenario to a JSON Schema validator; then JsonSchema.Net's verdict.</summary>
internal static partial class YamlJson
{
    public static readonly JsonSchema Schema = JsonSchema.FromText(ScenarioSchema.Json);

    public static JsonNode? ToJson(YNode node) => node switch
    {
        YMap m => new JsonObject(m.Entries.Select(e => KeyValuePair.Create(e.Key.Value, ToJson(e.Value)))),
        YSeq s => new JsonArray(s.Items.Select(ToJson).ToArray()),
        YScalar { IsNull: true } => null,
        YScalar { Plain: true, Value: "true" or "True" or "TRUE" } => JsonValue.Create(true),
        YScalar { Plain: true, Value: "false" or "False" or "FALSE" } => JsonValue.Create(false),
        YScalar { Plain: true } s when Hex().IsMatch(s.Value) => JsonValue.Create(Convert.ToInt64(s.Value[2..], 16)),
        YScalar { Plain: true } s when Octal().IsMatch(s.Value) => JsonValue.Create(Convert.ToInt64(s.Value[2..], 8)),
        YScalar { Plain: true } s when Decimal().IsMatch(s.Value) => JsonValue.Create(double.Parse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture)),
        // .inf and .nan are YAML numbers that JSON cannot hold; as strings they fail a number type, as they should.
        YScalar s => JsonValue.Create(s.Value),
        _ => throw new InvalidOperationException(),
    };

    public static bool Valid(string yaml) => Errors(yaml).Count == 0;

    public static IReadOnlyList<string> Errors(string yaml) => Errors(yaml, Schema);

    /// <summary>The verdict of another schema (one made for a catalog of a test's own).</summary>
    public static IReadOnlyList<string> Errors(string yaml, JsonSchema schema)
    {
        var json = ToJson(YamlTreeReader.Read(yaml)!)!.ToJsonString();
        using var doc = JsonDocument.Parse(json);
        var result = schema.Evaluate(doc.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        return result.IsValid ? [] : (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).DefaultIfEmpty("invalid").ToList();
    }

    [GeneratedRegex("^0x[0-9a-fA-F]+$")] private static partial Regex Hex();
    [GeneratedRegex("^0o[0-7]+$")] private static partial Regex Octal();
    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")] private static partial Regex Decimal();
}
