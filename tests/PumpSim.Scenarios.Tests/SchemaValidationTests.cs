using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using PumpSim.Scenarios;
using PumpSim.Scenarios.Yaml;

namespace PumpSim.Scenarios.Tests;

/// <summary>The generated schema, run by a real JSON Schema validator, must agree with the loader:
/// what loads validates, and the key/type/range mistakes the loader refuses are refused by the schema.</summary>
public class SchemaValidationTests
{
    private static string Data(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "Data", .. parts]);

    private static bool Valid(string yaml) => YamlJson.Valid(yaml);

    [Fact]
    public void Schema_TheExample_IsValid()
    {
        var yaml = File.ReadAllText(Data("kinked-catheter.yaml"));
        ScenarioLoader.Parse(yaml, "kinked-catheter.yaml").Should().NotBeNull();
        Valid(yaml).Should().BeTrue();
    }

    [Theory]
    [InlineData("unknown-key.yaml")]
    [InlineData("unknown-action.yaml")]
    [InlineData("two-actions.yaml")]
    [InlineData("wrong-type.yaml")]
    [InlineData("negative-value.yaml")]
    [InlineData("unknown-alarm.yaml")]
    [InlineData("bad-duration.yaml")]
    public void Schema_FilesTheLoaderRefusesForKeyTypeOrRange_FailTheSchemaToo(string file)
    {
        var yaml = File.ReadAllText(Data("bad", file));
        FluentActions.Invoking(() => ScenarioLoader.Parse(yaml, file)).Should().Throw<ScenarioException>();
        Valid(yaml).Should().BeFalse();
    }

    [Theory]
    [InlineData("duration: 3d\nevents:\n  - { at: 0, priming_bolus: }\n  - { at: P1D, refill: { add_ml: 5, withdraw: all } }\n  - { at: 2d, refill: { add_ml: 5, withdraw: 1.5 } }\n")]
    [InlineData("duration: 1w\ntherapy: { mode: flex, repeat: weekly, steps: [ { day: mon, start: \"08:00\", rate_ml_per_day: 0.5 } ] }\n")]
    [InlineData("duration: 1w\nexpect:\n  - { event: refill, min: 1, max: 2, window: { after: 1d } }\n  - { state: { at: 2d, motor: running } }\n")]
    public void Schema_ValidVariants_PassBoth(string yaml)
    {
        ScenarioLoader.Parse(yaml, "ok.yaml").Should().NotBeNull();
        Valid(yaml).Should().BeTrue();
    }
}
