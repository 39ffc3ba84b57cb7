using PumpSim.Core.Events;
using PumpSim.Core.Firmware;
using PumpSim.Core.Units;
using PumpSim.Scenarios.Format;

namespace PumpSim.Scenarios.Tests;

/// <summary>`where:` narrows an event count to events with given field values (e.g. one alarm's tones).</summary>
public class EventFilterTests
{
    private const string Head = "duration: 1d\ntherapy: { mode: continuous, rate_mcg_per_day: 500 }\nexpect:\n";

    private static SimulationResult ResultWith(params PumpEvent[] events)
    {
        var t = SimInstant.FromDateTimeOffset(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        return new SimulationResult("x", 0, t, t + SimDuration.FromDays(1), new Totals(0, 0, 0, 0, 0, 0),
            new FinalState(0, 0, 0, "infusing"), [], events, [], new Dictionary<SimInstant, Snapshot>());
    }

    private static PumpEvent Tone(string alarm, int seq, AlarmPriority priority = AlarmPriority.Critical) =>
        new AlarmTone(alarm, priority) { At = SimInstant.FromDateTimeOffset(new DateTimeOffset(2026, 1, 1, 1, 0, 0, TimeSpan.Zero)), Sequence = seq };

    [Fact]
    public void Where_CountsOnlyEventsWithThatFieldValue()
    {
        var s = ScenarioLoader.Parse(Head + "  - { event: alarm-tone, where: { alarm: motor-stall }, count: 2 }\n", "f.yaml");
        var e = s.Expectations.Single();
        e.Text.Should().Be("event alarm-tone with alarm motor-stall exactly 2 times");
        e.Evaluate(ResultWith(Tone("motor-stall", 1), Tone("low-reservoir", 2), Tone("motor-stall", 3))).Passed.Should().BeTrue();
        e.Evaluate(ResultWith(Tone("motor-stall", 1), Tone("low-reservoir", 2))).Passed.Should().BeFalse();
    }

    [Fact]
    public void Where_ComparesTheValueAsEventsJsonlWritesIt()
    {
        // The priority is an enum in the record; the filter must see the file's word, non-critical.
        var s = ScenarioLoader.Parse(Head + "  - { event: alarm-tone, where: { priority: non-critical }, count: 1 }\n", "f.yaml");
        var e = s.Expectations.Single();
        e.Evaluate(ResultWith(Tone("low-reservoir", 1, AlarmPriority.NonCritical), Tone("motor-stall", 2))).Passed.Should().BeTrue();
        e.Evaluate(ResultWith(Tone("motor-stall", 2))).Passed.Should().BeFalse();
    }

    [Fact]
    public void Where_OnAFieldTheEventTypeLacks_CountsNothing()
    {
        var s = ScenarioLoader.Parse(Head + "  - { event: refill, where: { alarm: low-reservoir }, max: 0 }\n", "f.yaml");
        var refill = new Refill(1, 1, 1, 1, 500);
        s.Expectations.Single().Evaluate(ResultWith(refill)).Passed.Should().BeTrue();
    }

    [Fact]
    public void EveryFilterKey_IsAFieldOfTheEventTable()
    {
        ScenarioFormat.EventFilter.Keys.Should().NotBeEmpty().And.OnlyContain(k => EventTable.FieldNames.Contains(k));
    }

    [Fact]
    public void Where_RejectsAnUnknownFieldWithASuggestion()
    {
        var act = () => ScenarioLoader.Parse(Head + "  - { event: alarm-tone, where: { alarms: motor-stall } }\n", "f.yaml");
        var error = act.Should().Throw<ScenarioException>().Which;
        error.Line.Should().Be(4);
        error.Reason.Should().Contain("did you mean 'alarm'");
    }
}
