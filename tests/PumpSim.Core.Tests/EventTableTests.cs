using System.Reflection;
using System.Text.RegularExpressions;
using PumpSim.Core.Events;
using PumpSim.Core.Firmware;
using PumpSim.Core.Units;

namespace PumpSim.Core.Tests;

/// <summary>The event table is the one place event and field names live: every record is in it once,
/// every name of <see cref="EventTypes"/> has exactly one record, and its field names are sound.</summary>
public class EventTableTests
{
    private static readonly Type[] Records = typeof(PumpEvent).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(PumpEvent)) && !t.IsAbstract).OrderBy(t => t.Name, StringComparer.Ordinal).ToArray();

    private static readonly string[] TypeConstants = typeof(EventTypes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToArray();

    [Fact]
    public void EveryRecordType_IsInTheTable_ExactlyOnce()
    {
        Records.Should().NotBeEmpty().And.OnlyContain(t => t.IsSealed, "each event type is a sealed record");
        EventTable.All.Select(s => s.Record).Should().OnlyHaveUniqueItems().And.BeEquivalentTo(Records);
    }

    [Fact]
    public void EveryEventTypesName_HasExactlyOneRecord_AndAllIsTheTable()
    {
        TypeConstants.Should().HaveCount(38, "SCENARIOS.md §3 lists 37 event types; issue 23 adds settings-changed (docs/scenario-format.md)");
        foreach (var name in TypeConstants)
            EventTable.All.Count(s => s.Type == name).Should().Be(1, $"'{name}' needs exactly one record");
        EventTable.All.Select(s => s.Type).Should().BeEquivalentTo(TypeConstants, "the table names nothing EventTypes lacks");
        EventTypes.All.Should().Equal(EventTable.All.Select(s => s.Type));
    }

    [Fact]
    public void FieldNames_AreSnakeCase_UniqueWithinAType_AndNeverTOrType()
    {
        foreach (var shape in EventTable.All)
        {
            var names = shape.Fields.Select(f => f.Name).ToArray();
            names.Should().OnlyHaveUniqueItems(shape.Type);
            names.Where(n => !Regex.IsMatch(n, "^[a-z][a-z0-9]*(_[a-z0-9]+)*$")).Should().BeEmpty(shape.Type);
            names.Should().NotContain(["t", "type"], "every line of events.jsonl opens with t and type");
        }
        EventTable.FieldNames.Should().OnlyHaveUniqueItems().And.Contain(["alarm", "flag", "reason", "withdrawn_ml"]);
    }

    [Fact]
    public void ARecordsType_IsItsTableName()
    {
        new AlarmRaised(AlarmIds.LowReservoir, AlarmPriority.NonCritical).Type.Should().Be("alarm-raised");
        new ProgrammedConcentrationMismatch(500, 50).Type.Should().Be("concentration-mismatch");
        new MotorStallRecovery().Type.Should().Be("motor-stall-recovery");
    }

    [Fact]
    public void EveryShape_ReadsEveryFieldOfAnInstance_InTableOrder()
    {
        foreach (var shape in EventTable.All)
        {
            var e = Instance(shape.Record);
            EventTable.Values(e).Select(v => v.Name).Should().Equal(shape.Fields.Select(f => f.Name), shape.Type);
            EventTable.Values(e).Where(v => v.Value is not (string or double or long or bool)).Should().BeEmpty(
                $"{shape.Type} gives the writer only JSON scalars");
        }
    }

    [Fact]
    public void EveryNumericField_HasAUnit()
    {
        // A number without a unit is a number a reader must guess at; the run's seed is a count.
        foreach (var shape in EventTable.All)
        {
            var e = Instance(shape.Record);
            foreach (var f in shape.Fields)
                if (f.TryRead(e, out var v) && v is double && f.Name != "seed")
                    f.Unit.Should().NotBeEmpty($"{shape.Type}.{f.Name} is a number");
        }
        EventTable.ShapeOf(typeof(ProgramChanged)).Fields.Single(f => f.Name == "real_new_mcg_per_day").Unit.Should().Be("mcg/day");
        EventTable.ShapeOf(typeof(Refill)).Fields.Single(f => f.Name == "programmed_concentration_mcg_per_ml").Unit.Should().Be("mcg/mL");
        EventTable.ShapeOf(typeof(AlarmRaised)).Fields.Single(f => f.Name == "alarm").Unit.Should().BeEmpty();
    }

    [Fact]
    public void ValueOf_GivesTheWrittenValue_OrNullWhenTheTypeHasNoSuchField()
    {
        var raised = new AlarmRaised(AlarmIds.LowReservoir, AlarmPriority.NonCritical);
        EventTable.ValueOf(raised, "priority").Should().Be("non-critical");
        EventTable.ValueOf(raised, "alarm").Should().Be("low-reservoir");
        EventTable.ValueOf(raised, "flag").Should().BeNull();
        var bare = new ProgramRejected("the pump has reached end of service");
        EventTable.ValueOf(bare, "program").Should().BeNull("an optional field left out is no value");
        EventTable.Values(bare).Select(v => v.Name).Should().Equal("reason");
        EventTable.ValueOf(new PtmRequestDenied("lockout", 3), "accepted_last_24h").Should().Be(3L);
    }

    [Fact]
    public void ToString_ListsTheTypeAndFields()
    {
        var e = new BolusDenied("bridge", "no basal dose to bridge") { At = SimInstant.FromUnixSeconds(1_767_225_600) };
        e.ToString().Should().Be($"{e.At} bolus-denied kind=bridge reason=no basal dose to bridge");
    }

    private sealed record NotInTable : PumpEvent;

    [Fact]
    public void ARecordNotInTheTable_IsNamedInTheError()
    {
        FluentActions.Invoking(() => EventTable.ShapeOf(typeof(NotInTable)))
            .Should().Throw<InvalidOperationException>().WithMessage("NotInTable is not in the event table");
    }

    [Fact]
    public void Field_AcceptsOnlyANameSomeEventCarries()
    {
        EventTable.Field("flag").Should().Be("flag");
        FluentActions.Invoking(() => EventTable.Field("no_such_field"))
            .Should().Throw<InvalidOperationException>().WithMessage("no event has a field named 'no_such_field'");
    }

    [Fact]
    public void TheTable_RefusesAFieldNamedTOrType()
    {
        // The guard runs only while the table is built; call its builder directly with a reserved name.
        var shape = typeof(EventTable).GetMethod("Shape", BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(typeof(NotInTable));
        foreach (var reserved in new[] { "t", "type" })
        {
            var fields = new (string, Func<NotInTable, object?>)[] { (reserved, _ => null) };
            FluentActions.Invoking(() => shape.Invoke(null, ["x-event", fields])).Should().Throw<TargetInvocationException>()
                .WithInnerException<InvalidOperationException>().WithMessage($"event 'x-event' has a field named '{reserved}', which events.jsonl reserves");
        }
    }

    [Fact]
    public void Notes_SayWhatHappened_AndAreWrittenAsTheNoteField()
    {
        var notes = new (PumpEvent Event, string Note)[]
        {
            (new Diathermy(true), "the motor is damaged and will not turn again"),
            (new Diathermy(false), "no damage this time"),
            (new PumpFlip(true), "the refill port faces inward: a refill needle cannot reach it"),
            (new PumpFlip(false), "surgery turned the pump back"),
            (new BatteryReset(), "low-battery reset: safe state at the minimum rate until reprogrammed"),
            (new ReservoirEmptyTrue(1.5), "the body's truth; the firmware does not know"),
            (new ProgrammedConcentrationMismatch(1000, 500), "the body's truth; the firmware does not know"),
        };
        foreach (var (e, note) in notes) EventTable.ValueOf(e, "note").Should().Be(note, e.Type);
        // Every patient figure says it is illustrative (PUMP.md §7), raised or cleared.
        EventTable.ValueOf(new PatientFlagRaised("underdose", 50), "illustrative").Should().Be(true);
        EventTable.ValueOf(new PatientFlagCleared("underdose", 70), "illustrative").Should().Be(true);
    }

    /// <summary>A record of <paramref name="t"/> with a plain value for every constructor parameter.</summary>
    private static PumpEvent Instance(Type t)
    {
        var ctor = t.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var args = ctor.GetParameters().Select(p => Sample(p.ParameterType)).ToArray();
        return (PumpEvent)ctor.Invoke(args);
    }

    private static object Sample(Type t) =>
        t == typeof(string) ? "x"
        : t == typeof(double) || t == typeof(double?) ? 1.5
        : t == typeof(long) ? 2L
        : t == typeof(bool) ? true
        : t == typeof(SimDuration) ? SimDuration.FromHours(1)
        : t == typeof(SimInstant) ? SimInstant.FromUnixSeconds(1_767_225_600)
        : t == typeof(IReadOnlyList<string>) ? new[] { "a", "b" }
        : t.IsEnum ? Enum.GetValues(t).GetValue(1)!
        : throw new NotSupportedException($"no sample for {t.Name}: add one here");
}
