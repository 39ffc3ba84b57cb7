using System.Text.Json;
using FluentAssertions;
using PumpSim.Cli.Commands;
using PumpSim.Core.Events;
using PumpSim.Core.Firmware;
using PumpSim.Core.Plant;
using PumpSim.Core.Units;
using PumpSim.Reports;
using PumpSim.Web;
using Xunit;

namespace PumpSim.Cli.Tests;

/// <summary>Every event type in Core's one table walked through every renderer that shows events to
/// a person: play's plain lines, the web console's event JSON, the report's timeline and the run
/// summary. A type with no words, or a renderer that drops one, fails here (the console once knew
/// 17 of 37 types).</summary>
public class EventWordsRenderTests
{
    private static readonly SimInstant T = SimInstant.FromUnixSeconds(1_767_225_600);

    /// <summary>One event of every type, with distinctive numbers.</summary>
    public static IReadOnlyList<PumpEvent> Samples { get; } =
    [
        new SimulationStarted("demo", 7, "synchromed-ii-20", "continuous 500 mcg/day", 20),
        new SimulationEnded(12.5, 13.25),
        new TherapyStateChanged(TherapyState.Infusing, TherapyState.MinimumRate),
        new ProgramChanged("continuous 600 mcg/day", 500, 600, "reprogrammed"),
        new ProgramRejected("24.5 mL/day is outside 0.048–24 mL/day"),
        new AlarmRaised(AlarmIds.LowReservoir, AlarmPriority.NonCritical),
        new AlarmTone(AlarmIds.MotorStall, AlarmPriority.Critical),
        new AlarmSilenced([AlarmIds.LowReservoir], T),
        new AlarmSilenceEnded([AlarmIds.LowReservoir], "expired"),
        new AlarmCleared(AlarmIds.LowReservoir, AlarmPriority.NonCritical, "refilled"),
        new Refill(1.5, 18, 19.5, 19.5, 500),
        new RefillDiscrepancy(4.25, 1.5, 2.75, 2),
        new RefillOverfillRefused(25, 18.5, 6.5),
        new PocketFill(18, 9000, 19.5, 1.5),
        new BolusStarted("single", 50, 0.1, SimDuration.FromMinutes(30), false),
        new BolusFinished("single", 50, 0.1, SimDuration.FromMinutes(30), false),
        new BolusDenied("bridge", "nothing left to bridge"),
        new PtmRequestAccepted(25, SimDuration.FromMinutes(10), 2),
        new PtmRequestDenied("inside the lockout", 3),
        new CatheterFault(CatheterFaultKind.Leak, 0.25, "leak"),
        new MotorStall("injected"),
        new MotorStallRecovery(),
        new MriStarted(SimDuration.FromMinutes(45), SimDuration.FromHours(2), true),
        new MriEnded(T, true),
        new Interrogation(7.75, 1234.5),
        new ReservoirEmptyTrue(3.5),
        new PatientFlagRaised("underdose", 55.5),
        new PatientFlagCleared("underdose", 61.5),
        new Narration("The catheter kinks."),
        new MemoryError(true),
        new BatteryReset(),
        new PumpReplaced(20),
        new AccuracyChanged(14.5),
        new SettingsChanged(1.25, "50 mcg over 10m, lockout 3h, at most 4 a day"),
        new Diathermy(true),
        new PumpFlip(true),
        new RefillRefused("the pump has flipped", 18, 4.5),
        new ProgrammedConcentrationMismatch(50, 500),
    ];

    public static TheoryData<string> Types() => [.. EventTable.All.Select(s => s.Type)];

    private static PumpEvent Sample(string type) => Samples.Single(e => e.Type == type) with { At = T };

    [Fact]
    public void Samples_CoverEveryEventTypeOnce() =>
        Samples.Select(e => e.Type).Should().BeEquivalentTo(EventTable.All.Select(s => s.Type)).And.OnlyHaveUniqueItems();

    [Theory, MemberData(nameof(Types))]
    public void EveryEventType_HasASentenceWithItsNumbers(string type)
    {
        var e = Sample(type);
        var words = EventWords.Of(e);
        var sentence = words.Sentence(e);
        sentence.Should().NotBeNullOrWhiteSpace();
        sentence.Should().NotContain("{").And.NotContain("PumpSim.", "a sentence never prints a type name");
        words.Label.Should().NotBeNullOrWhiteSpace();
        // Every number field the event carries appears in its sentence (alarm tones' and the run's
        // start are the exceptions that say less on purpose).
        if (words.Salience != EventSalience.Quiet)
            foreach (var (name, value) in EventTable.Values(e))
                if (value is double d && name is not ("fraction" or "accepted_last_24h"))
                    sentence.Should().Contain(d.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture), $"{type}.{name} is part of what happened");
        if (type.StartsWith("patient-", StringComparison.Ordinal)) sentence.Should().Contain("illustrative");
    }

    [Theory, MemberData(nameof(Types))]
    public void Play_ListsEveryTypeItsWordsSayToList(string type)
    {
        var e = Sample(type);
        var line = PlayCommand.PlainLine(e);
        if (EventWords.Of(e).Listed) line.Should().NotBeNull().And.Contain(e is Narration n ? n.Text : EventWords.Sentence(e));
        else line.Should().BeNull();
    }

    [Theory, MemberData(nameof(Types))]
    public void WebConsole_SendsEveryTypeWithItsWords(string type)
    {
        var e = Sample(type);
        var text = EventView.Json(e);
        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;
        root.EnumerateObject().Select(p => p.Name).Should().OnlyHaveUniqueItems("a key written twice is ambiguous JSON");
        root.GetProperty("type").GetString().Should().Be(type);
        root.GetProperty("text").GetString().Should().Be(EventWords.Sentence(e));
        root.GetProperty("label").GetString().Should().Be(EventWords.Of(e).Label);
        root.GetProperty("mood").GetString().Should().Be(EventWords.Of(e).MoodName);
        root.GetProperty("listed").GetBoolean().Should().Be(EventWords.Of(e).Listed);
    }

    [Theory, MemberData(nameof(Types))]
    public void ReportTimeline_LabelsEveryMarkedType(string type)
    {
        var e = Sample(type);
        var placed = AlarmTimelineSvg.PlaceLabels([e], _ => 500, 0, 1000);
        if (EventWords.Of(e).Marked) placed.Should().ContainSingle().Which.Text.Should().Be(EventWords.Of(e).Label);
        else placed.Should().BeEmpty();
        AlarmTimelineSvg.MarkedEventTypes.Any(s => s.Type == type).Should().Be(EventWords.Of(e).Marked);
    }

    [Theory, MemberData(nameof(Types))]
    public void Summary_CountsEveryHeadlineType(string type)
    {
        var e = Sample(type);
        var row = SummaryTable.NotableEvents([e, e]);
        if (EventWords.Of(e).Salience == EventSalience.Headline) row.Should().Be($"{EventWords.Of(e).Label} ×2");
        else row.Should().BeEmpty();
    }
}
