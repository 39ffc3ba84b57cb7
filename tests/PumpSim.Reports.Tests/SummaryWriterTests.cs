using System.Text.Json;

namespace PumpSim.Reports.Tests;

public class SummaryWriterTests
{
    private static string Written() => Render.Stream(s => SummaryWriter.Write(s, SampleRun.Result(), SampleRun.Expectations()));

    private static List<string> Keys(JsonElement e) => e.EnumerateObject().Select(p => p.Name).ToList();

    [Fact]
    public void Summary_Keys_AreExactlyThoseOfTheSpecPlusTheDisclaimer()
    {
        using var doc = JsonDocument.Parse(Written());
        var root = doc.RootElement;
        Keys(root).Should().Equal("scenario", "seed", "start", "end", "totals", "final", "alarms", "expectations", "disclaimer");
        Keys(root.GetProperty("totals")).Should().Equal("programmed_mcg", "pumped_ml", "delivered_csf_mcg", "leaked_mcg", "pocket_mcg", "withdrawn_ml",
            "delivered_pct_of_prescribed"); // beyond the spec: delivered ÷ prescribed, so over-delivery is as plain as under
        Keys(root.GetProperty("final")).Should().Equal("reservoir_true_ml", "reservoir_estimated_ml", "battery_days_remaining", "therapy_state");
        foreach (var a in root.GetProperty("alarms").EnumerateArray())
            Keys(a).Should().Equal("id", "priority", "raised", "cleared", "tones");
        foreach (var x in root.GetProperty("expectations").EnumerateArray())
            Keys(x).Should().Equal("text", "passed", "detail");
        root.GetProperty("disclaimer").GetString().Should().Contain("not").And.Contain("clinical");
    }

    [Fact]
    public void Summary_Values_AreWrittenAsTheSpecSays()
    {
        using var doc = JsonDocument.Parse(Written());
        var root = doc.RootElement;
        root.GetProperty("scenario").GetString().Should().Be("lra-demo");
        root.GetProperty("seed").GetUInt64().Should().Be(42);
        root.GetProperty("start").GetString().Should().Be("2026-01-13T00:00:00Z");
        root.GetProperty("totals").GetProperty("delivered_csf_mcg").GetDouble().Should().Be(950.25);
        var alarms = root.GetProperty("alarms").EnumerateArray().ToList();
        alarms.Select(a => a.GetProperty("id").GetString()).Should().Equal("low-reservoir", "motor-stall"); // by raise time
        alarms[0].GetProperty("priority").GetString().Should().Be("non-critical");
        alarms[0].GetProperty("cleared").GetString().Should().Be("2026-01-20T00:00:00Z");
        alarms[1].GetProperty("priority").GetString().Should().Be("critical");
        alarms[1].GetProperty("cleared").ValueKind.Should().Be(JsonValueKind.Null);
        alarms[1].GetProperty("tones").GetInt32().Should().Be(12);
        root.GetProperty("expectations")[1].GetProperty("passed").GetBoolean().Should().BeFalse();
        root.GetProperty("expectations")[1].GetProperty("text").GetString().Should().Be("no \"critical\" alarm <ever>");
    }

    [Fact]
    public void Summary_IsPrettyPrintedWithTwoSpacesAndUnixNewlines()
    {
        var text = Written();
        text.Should().StartWith("{\n  \"scenario\": \"lra-demo\",\n  \"seed\": 42,").And.EndWith("}\n").And.NotContain("\r");
        text.Should().Contain("\n    \"programmed_mcg\": 1000,");
    }

    [Fact]
    public void Summary_WritingTwice_IsByteIdentical() =>
        Render.Bytes(s => SummaryWriter.Write(s, SampleRun.Result(), SampleRun.Expectations()))
            .Should().Equal(Render.Bytes(s => SummaryWriter.Write(s, SampleRun.Result(), SampleRun.Expectations())));
}
