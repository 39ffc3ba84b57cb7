using PumpSim.Core.Firmware;

namespace PumpSim.Core.Events;

/// <summary>One field of an event type as events.jsonl writes it: its snake_case name and how to
/// read its value from the record (a string, long, double or bool, so writers need no event types).</summary>
public sealed class EventFieldShape
{
    private readonly Func<PumpEvent, object?> _read;

    internal EventFieldShape(string name, Func<PumpEvent, object?> read) { Name = name; _read = read; Unit = UnitOf(name); }

    public string Name { get; }

    /// <summary>The unit of the field's value ("mL", "mcg/day", "%", …; "" for words and flags). Field
    /// names carry their unit as a suffix (SCENARIOS.md's habit), and this one rule reads it, so the
    /// docs and renderers never keep a table of units.</summary>
    public string Unit { get; }

    private static string UnitOf(string name) => name switch
    {
        _ when name.EndsWith("_mcg_per_ml", StringComparison.Ordinal) => "mcg/mL",
        _ when name.EndsWith("_mcg_per_day", StringComparison.Ordinal) => "mcg/day",
        _ when name.EndsWith("_ml_per_day", StringComparison.Ordinal) => "mL/day",
        _ when name.EndsWith("_ml", StringComparison.Ordinal) => "mL",
        _ when name.EndsWith("_mcg", StringComparison.Ordinal) => "mcg",
        _ when name.EndsWith("_pct", StringComparison.Ordinal) => "%",
        _ when name.EndsWith("_days_remaining", StringComparison.Ordinal) => "days",
        _ when name.EndsWith("_24h", StringComparison.Ordinal) => "requests in 24 h",
        "duration" or "recovery" => "duration",
        "until" or "recovery_until" => "ISO-8601 UTC",
        "fraction" => "fraction of the flow, 0–1",
        _ => "",
    };

    /// <summary>The value of this field in <paramref name="e"/>, or <see cref="EventTable.Absent"/>
    /// when this occurrence leaves the field out.</summary>
    internal object? Read(PumpEvent e) => _read(e);

    /// <summary>The value of this field in <paramref name="e"/>; false when this occurrence leaves it
    /// out. For the events.jsonl writer's loop over <see cref="EventShape.Fields"/>, which runs once
    /// per field of every event of a run and so does without <see cref="EventTable.Values"/>' enumerator.</summary>
    public bool TryRead(PumpEvent e, out object? value)
    {
        value = _read(e);
        return !ReferenceEquals(value, EventTable.Absent);
    }
}

/// <summary>One event type: the record, its name (SCENARIOS.md §3) and its fields in output order.</summary>
public sealed class EventShape
{
    internal EventShape(string type, Type record, IReadOnlyList<EventFieldShape> fields) { Type = type; Record = record; Fields = fields; }

    public string Type { get; }
    public Type Record { get; }
    public IReadOnlyList<EventFieldShape> Fields { get; }

    /// <summary>Its words for people (<see cref="EventWords"/>): label, sentence, salience, mood.</summary>
    public EventWording Words => EventWords.For(Record);
}

/// <summary>THE table of event types: each record once, with its type name and its fields'
/// JSON names in the order events.jsonl writes them. The writer, <see cref="PumpEvent.Type"/>,
/// <see cref="EventTypes.All"/> and the scenario format's <c>where:</c> filter all read it, so no
/// field name is typed anywhere else. Values are converted here to what the file holds (priorities
/// and states as their kebab-case words, instants and durations as their text); rounding happens
/// where the event is built.</summary>
public static class EventTable
{
    /// <summary>Returned by a field's reader when this occurrence has no such field (it is left out
    /// of the line, unlike a null value, which would be written as null).</summary>
    internal static readonly object Absent = new();

    public static IReadOnlyList<EventShape> All { get; } =
    [
        Shape<SimulationStarted>(EventTypes.SimulationStarted,
            ("scenario", e => e.Scenario), ("seed", e => e.Seed), ("model", e => e.Model),
            ("program", e => e.Program), ("reservoir_ml", e => e.ReservoirMl)),
        Shape<SimulationEnded>(EventTypes.SimulationEnded,
            ("reservoir_true_ml", e => e.ReservoirTrueMl), ("reservoir_estimated_ml", e => e.ReservoirEstimatedMl)),
        Shape<TherapyStateChanged>(EventTypes.TherapyStateChanged,
            ("from", e => TherapyStates.Name(e.From)), ("to", e => TherapyStates.Name(e.To))),
        Shape<ProgramChanged>(EventTypes.ProgramChanged,
            ("program", e => e.Program), ("old_mcg_per_day", e => e.OldMcgPerDay), ("new_mcg_per_day", e => e.NewMcgPerDay),
            ("reason", e => e.Reason), ("real_new_mcg_per_day", e => (object?)e.RealNewMcgPerDay ?? Absent)),
        Shape<ProgramRejected>(EventTypes.ProgramRejected,
            ("reason", e => e.Reason), ("program", e => e.Program ?? Absent),
            ("concentration_mcg_per_ml", e => (object?)e.ConcentrationMcgPerMl ?? Absent),
            ("programmed_concentration_mcg_per_ml", e => (object?)e.ConcentrationMcgPerMl ?? Absent),
            ("runs_ml_per_day", e => (object?)e.RunsMlPerDay ?? Absent), ("runs_mcg_per_day", e => (object?)e.RunsMcgPerDay ?? Absent)),
        Shape<AlarmRaised>(EventTypes.AlarmRaised,
            ("alarm", e => e.Alarm), ("priority", e => AlarmIds.Text(e.Priority))),
        Shape<AlarmTone>(EventTypes.AlarmTone,
            ("alarm", e => e.Alarm), ("priority", e => AlarmIds.Text(e.Priority)), ("tone", e => e.Tone)),
        Shape<AlarmSilenced>(EventTypes.AlarmSilenced,
            ("alarms", e => string.Join(';', e.Alarms)), ("until", e => e.Until.ToString())),
        Shape<AlarmSilenceEnded>(EventTypes.AlarmSilenceEnded,
            ("alarms", e => string.Join(';', e.Alarms)), ("reason", e => e.Reason)),
        Shape<AlarmCleared>(EventTypes.AlarmCleared,
            ("alarm", e => e.Alarm), ("priority", e => AlarmIds.Text(e.Priority)), ("reason", e => e.Reason)),
        Shape<Refill>(EventTypes.Refill,
            ("withdrawn_ml", e => e.WithdrawnMl), ("added_ml", e => e.AddedMl), ("reservoir_true_ml", e => e.ReservoirTrueMl),
            ("programmed_ml", e => e.ProgrammedMl), ("concentration_mcg_per_ml", e => e.ConcentrationMcgPerMl),
            ("programmed_concentration_mcg_per_ml", e => (object?)e.ProgrammedConcentrationMcgPerMl ?? Absent)),
        Shape<RefillDiscrepancy>(EventTypes.RefillDiscrepancy,
            ("withdrawn_ml", e => e.WithdrawnMl), ("expected_ml", e => e.ExpectedMl), ("difference_ml", e => e.DifferenceMl),
            ("limit_ml", e => e.LimitMl)),
        Shape<RefillOverfillRefused>(EventTypes.RefillOverfillRefused,
            ("requested_ml", e => e.RequestedMl), ("accepted_ml", e => e.AcceptedMl), ("refused_ml", e => e.RefusedMl)),
        Shape<PocketFill>(EventTypes.PocketFill,
            ("injected_ml", e => e.InjectedMl), ("injected_mcg", e => e.InjectedMcg), ("programmed_ml", e => e.ProgrammedMl),
            ("reservoir_true_ml", e => e.ReservoirTrueMl)),
        Shape<BolusStarted>(EventTypes.BolusStarted,
            ("kind", e => e.Kind), ("dose_mcg", e => e.DoseMcg), ("volume_ml", e => e.VolumeMl),
            ("duration", e => e.Duration.ToString()), ("capped", e => e.Capped)),
        Shape<BolusFinished>(EventTypes.BolusFinished,
            ("kind", e => e.Kind), ("dose_mcg", e => e.DoseMcg), ("volume_ml", e => e.VolumeMl),
            ("duration", e => e.Duration.ToString()), ("capped", e => e.Capped)),
        Shape<BolusDenied>(EventTypes.BolusDenied,
            ("kind", e => e.Kind), ("reason", e => e.Reason)),
        Shape<PtmRequestAccepted>(EventTypes.PtmRequestAccepted,
            ("dose_mcg", e => e.DoseMcg), ("duration", e => e.Duration.ToString()), ("accepted_last_24h", e => e.AcceptedLast24h)),
        Shape<PtmRequestDenied>(EventTypes.PtmRequestDenied,
            ("reason", e => e.Reason), ("accepted_last_24h", e => e.AcceptedLast24h)),
        Shape<CatheterFault>(EventTypes.CatheterFault,
            ("fault", e => e.FaultName), ("fraction", e => e.Fraction), ("catheter", e => e.Catheter)),
        Shape<MotorStall>(EventTypes.MotorStall,
            ("reason", e => e.Reason)),
        Shape<MotorStallRecovery>(EventTypes.MotorStallRecovery),
        Shape<MriStarted>(EventTypes.MriStarted,
            ("duration", e => e.Duration.ToString()), ("recovery", e => e.Recovery.ToString()), ("alarm_sounding", e => e.AlarmSounding)),
        Shape<MriEnded>(EventTypes.MriEnded,
            ("recovery_until", e => e.RecoveryUntil.ToString()), ("held_until_interrogated", e => e.HeldUntilInterrogated)),
        Shape<Interrogation>(EventTypes.Interrogation,
            ("estimated_ml", e => e.EstimatedMl), ("battery_days_remaining", e => e.BatteryDaysRemaining)),
        Shape<ReservoirEmptyTrue>(EventTypes.ReservoirEmptyTrue,
            ("estimated_ml", e => e.EstimatedMl), ("note", e => e.Note)),
        Shape<PatientFlagRaised>(EventTypes.PatientFlagRaised,
            ("flag", e => e.Flag), ("effect_pct", e => e.EffectPct), ("illustrative", e => e.Illustrative)),
        Shape<PatientFlagCleared>(EventTypes.PatientFlagCleared,
            ("flag", e => e.Flag), ("effect_pct", e => e.EffectPct), ("illustrative", e => e.Illustrative)),
        Shape<Narration>(EventTypes.Narration,
            ("text", e => e.Text)),
        Shape<MemoryError>(EventTypes.MemoryError,
            ("critical", e => e.Critical)),
        Shape<BatteryReset>(EventTypes.BatteryReset,
            ("note", e => e.Note)),
        Shape<PumpReplaced>(EventTypes.PumpReplaced,
            ("reservoir_ml", e => e.ReservoirMl)),
        Shape<AccuracyChanged>(EventTypes.AccuracyChanged,
            ("accuracy_pct", e => e.AccuracyPct)),
        Shape<SettingsChanged>(EventTypes.SettingsChanged,
            ("low_reservoir_alarm_ml", e => e.LowReservoirAlarmMl), ("ptm", e => e.Ptm)),
        Shape<Diathermy>(EventTypes.Diathermy,
            ("motor_damage", e => e.MotorDamage), ("note", e => e.Note)),
        Shape<PumpFlip>(EventTypes.PumpFlip,
            ("flipped", e => e.Flipped), ("note", e => e.Note)),
        Shape<RefillRefused>(EventTypes.RefillRefused,
            ("reason", e => e.Reason), ("requested_ml", e => e.RequestedMl), ("reservoir_true_ml", e => e.ReservoirTrueMl)),
        Shape<ProgrammedConcentrationMismatch>(EventTypes.ProgrammedConcentrationMismatch,
            ("concentration_mcg_per_ml", e => e.ConcentrationMcgPerMl),
            ("programmed_concentration_mcg_per_ml", e => e.ProgrammedConcentrationMcgPerMl), ("note", e => e.Note)),
    ];

    // Looked up by key only, never enumerated, so its order cannot reach an output.
    private static readonly Dictionary<Type, EventShape> ByRecord = All.ToDictionary(s => s.Record);

    /// <summary>Every field name some event type carries, in first-use order.</summary>
    public static IReadOnlyList<string> FieldNames { get; } = All.SelectMany(s => s.Fields).Select(f => f.Name).Distinct().ToArray();

    public static EventShape ShapeOf(Type record) =>
        ByRecord.TryGetValue(record, out var s) ? s : throw new InvalidOperationException($"{record.Name} is not in the event table");

    public static EventShape ShapeOf(PumpEvent e) => ShapeOf(e.GetType());

    /// <summary>The fields <paramref name="e"/> carries, named and in output order, with their values.</summary>
    public static IEnumerable<(string Name, object? Value)> Values(PumpEvent e)
    {
        foreach (var f in ShapeOf(e).Fields)
        {
            var v = f.Read(e);
            if (!ReferenceEquals(v, Absent)) yield return (f.Name, v);
        }
    }

    /// <summary>The value of the field named <paramref name="name"/> in <paramref name="e"/>, or null
    /// if its type has no such field (for filters whose field names come from a user's file).</summary>
    public static object? ValueOf(PumpEvent e, string name)
    {
        foreach (var f in ShapeOf(e).Fields)
            if (f.Name == name)
            {
                var v = f.Read(e);
                return ReferenceEquals(v, Absent) ? null : v;
            }
        return null;
    }

    /// <summary><paramref name="name"/> itself if some event type has a field of that name; for
    /// tables elsewhere (the scenario format's filter) that must only name fields that exist.</summary>
    public static string Field(string name) =>
        FieldNames.Contains(name) ? name : throw new InvalidOperationException($"no event has a field named '{name}'");

    private static EventShape Shape<T>(string type, params (string Name, Func<T, object?> Read)[] fields) where T : PumpEvent
    {
        foreach (var (name, _) in fields)
            // "t" and "type" open every line of events.jsonl; a field of that name would duplicate a key.
            if (name is "t" or "type") throw new InvalidOperationException($"event '{type}' has a field named '{name}', which events.jsonl reserves");
        return new EventShape(type, typeof(T), fields.Select(f => new EventFieldShape(f.Name, e => f.Read((T)e))).ToArray());
    }
}
