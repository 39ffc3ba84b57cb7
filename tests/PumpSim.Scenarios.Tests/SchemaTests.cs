using System.Text.Json;
using PumpSim.Scenarios;
using PumpSim.Scenarios.Format;

namespace PumpSim.Scenarios.Tests;

public class SchemaTests
{
    private static readonly JsonElement Root = JsonDocument.Parse(ScenarioSchema.Json).RootElement;

    [Fact]
    public void Schema_IsDraft202012AndClosed()
    {
        Root.GetProperty("$schema").GetString().Should().Be("https://json-schema.org/draft/2020-12/schema");
        Root.GetProperty("additionalProperties").GetBoolean().Should().BeFalse();
        Root.GetProperty("required").EnumerateArray().Select(e => e.GetString()).Should().Equal("duration");
    }

    [Fact]
    public void Schema_ListsTheSameKeysAsTheLoaderTable()
    {
        Root.GetProperty("properties").EnumerateObject().Select(p => p.Name).Should().Equal(ScenarioFormat.Root.Keys);
        var pump = Root.GetProperty("properties").GetProperty("pump").GetProperty("properties");
        pump.EnumerateObject().Select(p => p.Name).Should().Equal(ScenarioFormat.Pump.Keys);
        var ev = Root.GetProperty("properties").GetProperty("events").GetProperty("items");
        ev.GetProperty("properties").EnumerateObject().Select(p => p.Name).Should().Equal(ScenarioFormat.Event.Keys);
        ev.GetProperty("oneOf").GetArrayLength().Should().Be(ScenarioFormat.Actions.Count);
        var expect = Root.GetProperty("properties").GetProperty("expect").GetProperty("items").GetProperty("oneOf");
        expect.EnumerateArray().Select(v => v.GetProperty("required")[0].GetString()).Should().Equal("alarm", "event", "delivered_mcg", "reservoir_ml", "state", "patient");
    }

    [Fact]
    public void Schema_HasEveryKeyOfTheExample()
    {
        // Walk the example's keys (from the loader's tree) against the schema: a key the loader accepts must be documented.
        var yaml = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "kinked-catheter.yaml"));
        var keys = System.Text.RegularExpressions.Regex.Matches(yaml, @"(?m)(?<=^\s*(- )?|[{,]\s*)([a-z_]+):").Select(m => m.Groups[2].Value).Distinct().ToArray();
        keys.Should().Contain(["duration", "low_reservoir_alarm_ml", "rate_mcg_per_day", "tolerance_pct", "life_remaining_days"]);
        ScenarioSchema.Json.Should().ContainAll(keys.Select(k => $"\"{k}\":"));
    }

    [Fact]
    public void Schema_DurationPattern_MatchesWhatTheParserAccepts()
    {
        var pattern = new System.Text.RegularExpressions.Regex(ScenarioSchema.DurationPattern);
        foreach (var ok in new[] { "90s", "2d6h", "1d2h30m", "P3DT4H", "PT30M", "0" })
        {
            pattern.IsMatch(ok).Should().BeTrue(ok);
            DurationParser.TryParse(ok, out _, out _).Should().BeTrue(ok);
        }
        foreach (var bad in new[] { "1m2h", "3 days", "-1d", "P1Y", "" })
        {
            pattern.IsMatch(bad).Should().BeFalse(bad);
            DurationParser.TryParse(bad, out _, out _).Should().BeFalse(bad);
        }
    }
}
