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
        // old_mcg_per_day 8.1234567 is written with at most 6 decimals: 8.123457.
        lines[1].Should().Be("{\"t\":\"2026-01-19T04:48:00Z\",\"type\":\"program-changed\",\"program\":\"continuous 100.5 mcg/day\",\"old_mcg_per_day\":8.123457,\"new_mcg_per_day\":100.5,\"reason\":\"clinician\"}");
        lines[2].Should().Be("{\"t\":\"2026-01-19T04:48:00Z\",\"type\":\"alarm-raised\",\"alarm\":\"low-reservoir\",\"priority\":\"non-critical\"}");
    }

    [Fact]
    public void EventLog_Doubles_HaveNoExponentAndNoNegativeZero()
    {
        var refill = Written().Split('\n')[3];
        // withdrawn 20.0 → 20, added 1e-9 → 0 (six decimals, no exponent), reservoir −0.0 → 0.
        refill.Should().Be("{\"t\":\"2026-01-20T00:00:00Z\",\"type\":\"refill\",\"withdrawn_ml\":20,\"added_ml\":0,\"reservoir_true_ml\":0,\"programmed_ml\":20,\"concentration_mcg_per_ml\":500}");
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
    public void EventLog_NonFiniteDoubles_AreRefused()
    {
        var bad = new Refill(double.NaN, 0, 0, 0, 0) { At = SampleRun.Start };
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
        // Records hold domain types; the table writes them as the spec spells them: the priority
        // in kebab case, the state by its machine name, durations and instants as their text.
        var e = new AlarmSilenced(["low-reservoir", "motor-stall"], SampleRun.At(1)) { At = SampleRun.Start };
        EventLogWriter.ToJsonLine(e).Should().Be(
            "{\"t\":\"2026-01-13T00:00:00Z\",\"type\":\"alarm-silenced\",\"alarms\":\"low-reservoir;motor-stall\",\"until\":\"2026-01-14T00:00:00Z\"}");
        var tone = new AlarmTone("motor-stall", PumpSim.Core.Firmware.AlarmPriority.Critical) { At = SampleRun.Start };
        EventLogWriter.ToJsonLine(tone).Should().Be(
            "{\"t\":\"2026-01-13T00:00:00Z\",\"type\":\"alarm-tone\",\"alarm\":\"motor-stall\",\"priority\":\"critical\",\"tone\":\"3-s dual tone\"}");
        var state = new TherapyStateChanged(PumpSim.Core.Firmware.TherapyState.Infusing, PumpSim.Core.Firmware.TherapyState.MinimumRate) { At = SampleRun.Start };
        EventLogWriter.ToJsonLine(state).Should().Be(
            "{\"t\":\"2026-01-13T00:00:00Z\",\"type\":\"therapy-state-changed\",\"from\":\"infusing\",\"to\":\"minimum-rate\"}");
        var bolus = new BolusFinished("single", 2000, 4, PumpSim.Core.Units.SimDuration.FromHours(30), true) { At = SampleRun.Start };
        EventLogWriter.ToJsonLine(bolus).Should().Be(
            "{\"t\":\"2026-01-13T00:00:00Z\",\"type\":\"bolus-finished\",\"kind\":\"single\",\"dose_mcg\":2000,\"volume_ml\":4,\"duration\":\"1d6h\",\"capped\":true}");
    }

    [Fact]
    public void EventLog_WriteValue_SpellsEnumsAndUnitsForAnyTableEntry()
    {
        // The table converts its own values, but WriteValue keeps its rules for a future entry that
        // hands over a domain value: enums in kebab case, instants and durations as their text.
        static string One(object v)
        {
            using var buffer = new MemoryStream();
            using (var json = new System.Text.Json.Utf8JsonWriter(buffer)) EventLogWriter.WriteValue(json, v, "x");
            return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
        }
        One(PumpSim.Core.Firmware.AlarmPriority.NonCritical).Should().Be("\"non-critical\"");
        One(DayOfWeek.Wednesday).Should().Be("\"wednesday\"");
        One(SampleRun.At(1)).Should().Be("\"2026-01-14T00:00:00Z\"");
        One(PumpSim.Core.Units.SimDuration.FromHours(30)).Should().Be("\"1d6h\"");
    }

    [Fact]
    public void EventLog_RoundTrip_TypedEventsGiveTheTableNamesAndTheirValues()
    {
        // A few typed events written and parsed back: every name comes from the table, in its order,
        // and every value is the record's (optional fields absent when null, longs as integers).
        var full = new ProgramRejected("out of range", "continuous 1250 mcg/day", 50, 24, 1200) { At = SampleRun.Start, Sequence = 1 };
        var bare = new ProgramRejected("the pump has reached end of service") { At = SampleRun.Start, Sequence = 2 };
        var ptm = new PtmRequestDenied("lockout", 3) { At = SampleRun.At(1), Sequence = 3 };
        var flag = new PatientFlagRaised("underdose", 12.5) { At = SampleRun.At(2), Sequence = 4 };
        var lines = Render.Stream(s => EventLogWriter.Write(s, [flag, ptm, bare, full])).Split('\n')[..^1];
        lines.Should().HaveCount(4);

        (string Name, string Raw)[] Props(string line)
        {
            using var doc = JsonDocument.Parse(line);
            return doc.RootElement.EnumerateObject().Select(p => (p.Name, p.Value.GetRawText())).ToArray();
        }
        Props(lines[0]).Should().Equal(("t", "\"2026-01-13T00:00:00Z\""), ("type", "\"program-rejected\""),
            ("reason", "\"out of range\""), ("program", "\"continuous 1250 mcg/day\""), ("concentration_mcg_per_ml", "50"),
            ("programmed_concentration_mcg_per_ml", "50"), ("runs_ml_per_day", "24"), ("runs_mcg_per_day", "1200"));
        Props(lines[1]).Should().Equal(("t", "\"2026-01-13T00:00:00Z\""), ("type", "\"program-rejected\""),
            ("reason", "\"the pump has reached end of service\""));
        Props(lines[2]).Should().Equal(("t", "\"2026-01-14T00:00:00Z\""), ("type", "\"ptm-request-denied\""),
            ("reason", "\"lockout\""), ("accepted_last_24h", "3"));
        Props(lines[3]).Should().Equal(("t", "\"2026-01-15T00:00:00Z\""), ("type", "\"patient-flag-raised\""),
            ("flag", "\"underdose\""), ("effect_pct", "12.5"), ("illustrative", "true"));
        // Each line's names are exactly its shape's, in table order.
        foreach (var (line, e) in lines.Zip(new PumpEvent[] { full, bare, ptm, flag }))
            Props(line).Skip(2).Select(p => p.Name).Should().Equal(EventTable.Values(e).Select(v => v.Name));
    }
}
