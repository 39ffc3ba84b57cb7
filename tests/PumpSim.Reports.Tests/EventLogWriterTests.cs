using System.Text.Json;
using PumpSim.Core.Events;

namespace PumpSim.Reports.Tests;

public class EventLogWriterTests
{
    private static string Written() => Render.Stream(s => EventLogWriter.Write(s, SampleRun.Result().Events));

    [Fact]
    public void EventLog_EveryLine_IsAJsonObjectWithTFirstAndTypeSecond()
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
    public void EventLog_Lines_AreInTimeThenSequenceOrderWithFieldsInGivenOrder()
    {
        var lines = Written().Split('\n');
        lines[1].Should().Be("{\"t\":\"2026-01-19T04:48:00Z\",\"type\":\"program-changed\",\"mcg_per_day\":100.5,\"bolus\":false,\"step\":3}");
        lines[2].Should().Be("{\"t\":\"2026-01-19T04:48:00Z\",\"type\":\"alarm-raised\",\"alarm\":\"low-reservoir\",\"priority\":\"non-critical\",\"estimate_ml\":8.123457,\"tones\":0}");
    }

    [Fact]
    public void EventLog_Doubles_HaveNoExponentAndNoNegativeZero()
    {
        var refill = Written().Split('\n')[3];
        refill.Should().Be("{\"t\":\"2026-01-20T00:00:00Z\",\"type\":\"refill\",\"volume_ml\":20,\"tiny\":0,\"neg\":0}");
    }

    [Fact]
    public void EventLog_Narration_KeepsPlusAndUnicodeReadableAndRoundTrips()
    {
        var first = Written().Split('\n')[0];
        first.Should().Contain("≥").And.Contain("+").And.Contain("café").And.Contain("<b>");
        using var doc = JsonDocument.Parse(first);
        doc.RootElement.GetProperty("text").GetString().Should().Be(SampleRun.Narration1);
    }

    [Fact]
    public void EventLog_AFieldNamedLikeAReservedKey_IsRefused()
    {
        var bad = new PumpEvent(SampleRun.Start, 0, EventTypes.CatheterFault, [new EventField("type", "kink")]);
        var act = () => EventLogWriter.ToJsonLine(bad);
        act.Should().Throw<InvalidOperationException>().WithMessage("*reserved*");
    }

    [Fact]
    public void EventLog_NonFiniteDoubles_AreRefused()
    {
        var bad = new PumpEvent(SampleRun.Start, 0, EventTypes.Refill, [new EventField("volume_ml", double.NaN)]);
        var act = () => EventLogWriter.ToJsonLine(bad);
        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void EventLog_WritingTwice_IsByteIdentical()
    {
        var r = SampleRun.Result();
        Render.Bytes(s => EventLogWriter.Write(s, r.Events)).Should().Equal(Render.Bytes(s => EventLogWriter.Write(s, SampleRun.Result().Events)));
    }
}

public class EventValueTests
{
    [Fact]
    public void EventLog_EnumsAndUnits_AreWrittenAsTheSpecSpellsThem()
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
