using System.Text.Json;
using PumpSim.Core.Events;

namespace PumpSim.Reports.Tests;

public class EventLogWriterTests
{
    private static string Written() => Render.Stream(s => EventLogWriter.Write(s, SampleRun.Result().Events));

    [Fact]
    public void Every_line_is_a_json_object_with_t_first_and_type_second()
    {
        var text = Written();
        text.Should().EndWith("\n").And.NotContain("\r");
        var lines = text.Split('\n')[..^1];
        lines.Should().HaveCount(6);
        foreach (var line in lines)
        {
            using var doc = JsonDocument.Parse(line);
            var props = doc.RootElement.EnumerateObject().Select(p => p.Name).ToList();
            props[0].Should().Be("t");
            props[1].Should().Be("type");
        }
    }

    [Fact]
    public void Lines_are_in_time_then_sequence_order_with_fields_in_given_order()
    {
        var lines = Written().Split('\n');
        lines[1].Should().Be("{\"t\":\"2026-01-19T04:48:00Z\",\"type\":\"program-changed\",\"mcg_per_day\":100.5,\"bolus\":false,\"step\":3}");
        lines[2].Should().Be("{\"t\":\"2026-01-19T04:48:00Z\",\"type\":\"alarm-raised\",\"alarm\":\"low-reservoir\",\"priority\":\"non-critical\",\"estimate_ml\":8.123457,\"tones\":0}");
    }

    [Fact]
    public void Doubles_have_no_exponent_and_no_negative_zero()
    {
        var refill = Written().Split('\n')[3];
        refill.Should().Be("{\"t\":\"2026-01-20T00:00:00Z\",\"type\":\"refill\",\"volume_ml\":20,\"tiny\":0,\"neg\":0}");
    }

    [Fact]
    public void Narration_keeps_plus_and_unicode_readable_and_round_trips()
    {
        var first = Written().Split('\n')[0];
        first.Should().Contain("≥").And.Contain("+").And.Contain("café").And.Contain("<b>");
        using var doc = JsonDocument.Parse(first);
        doc.RootElement.GetProperty("text").GetString().Should().Be(SampleRun.Narration1);
    }

    [Fact]
    public void A_field_named_like_a_reserved_key_is_refused()
    {
        var bad = new PumpEvent(SampleRun.Start, 0, EventTypes.CatheterFault, [new EventField("type", "kink")]);
        var act = () => EventLogWriter.ToJsonLine(bad);
        act.Should().Throw<InvalidOperationException>().WithMessage("*reserved*");
    }

    [Fact]
    public void Non_finite_doubles_are_refused()
    {
        var bad = new PumpEvent(SampleRun.Start, 0, EventTypes.Refill, [new EventField("volume_ml", double.NaN)]);
        var act = () => EventLogWriter.ToJsonLine(bad);
        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Writing_twice_is_byte_identical()
    {
        var r = SampleRun.Result();
        Render.Bytes(s => EventLogWriter.Write(s, r.Events)).Should().Equal(Render.Bytes(s => EventLogWriter.Write(s, SampleRun.Result().Events)));
    }
}

public class EventValueTests
{
    [Fact]
    public void Enums_and_units_are_written_as_the_spec_spells_them()
    {
        var e = new PumpEvent(SampleRun.Start, 0, EventTypes.AlarmRaised,
        [
            new EventField("priority", PumpSim.Core.Firmware.AlarmPriority.NonCritical),
            new EventField("kind", DayOfWeek.Wednesday),
            new EventField("at", SampleRun.At(1)),
            new EventField("after", PumpSim.Core.Units.SimDuration.FromHours(30)),
        ]);
        EventLogWriter.ToJsonLine(e).Should().Be(
            "{\"t\":\"2026-01-13T00:00:00Z\",\"type\":\"alarm-raised\",\"priority\":\"non-critical\",\"kind\":\"wednesday\",\"at\":\"2026-01-14T00:00:00Z\",\"after\":\"1d6h\"}");
    }
}
