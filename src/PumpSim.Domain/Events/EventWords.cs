using System.Globalization;
using PumpSim.Core.Firmware;

namespace PumpSim.Core.Events;

/// <summary>How much an event type matters to a person watching a run: it decides which renderers
/// show it, never how it is worded.</summary>
public enum EventSalience
{
    /// <summary>What a trainer points at (a refill, a fault, an MRI): a labelled mark on every timeline.</summary>
    Headline,
    /// <summary>Worth a mark on the timeline, labelled where there is room.</summary>
    Notable,
    /// <summary>Listed in event logs (play, the console), no timeline mark.</summary>
    Routine,
    /// <summary>Kept in events.jsonl and counted, not listed line by line (tones repeat for years;
    /// the run's own start and end).</summary>
    Quiet,
}

/// <summary>Whose side of the story an event tells, so renderers colour it the same way everywhere.</summary>
public enum EventMood
{
    /// <summary>Routine: a program, an interrogation.</summary>
    Neutral,
    /// <summary>Something is back to normal: an alarm cleared, the motor turning again.</summary>
    Good,
    /// <summary>Something a trainer wants noticed: an alarm, a refused request, a fault.</summary>
    Warning,
    /// <summary>The body's truth the firmware cannot see: an empty true reservoir, a pocket fill, the
    /// wrong drug in the reservoir.</summary>
    Body,
}

/// <summary>The words of one event type for people: a short label (timeline marks, lists), one
/// plain sentence built from the event's fields, how much it matters and whose side it tells.
/// Every event type in <see cref="EventTable"/> has exactly one (a test walks the table), so play,
/// the web console, the report and the run summary never keep words of their own.</summary>
public sealed class EventWording
{
    private readonly Func<PumpEvent, string> _sentence;

    internal EventWording(string label, EventSalience salience, EventMood mood, Func<PumpEvent, string> sentence)
    {
        Label = label; Salience = salience; Mood = mood; _sentence = sentence;
    }

    public string Label { get; }
    public EventSalience Salience { get; }
    public EventMood Mood { get; }

    /// <summary>True when a timeline should mark events of this type.</summary>
    public bool Marked => Salience <= EventSalience.Notable;

    /// <summary>True when an event log lists events of this type line by line.</summary>
    public bool Listed => Salience <= EventSalience.Routine;

    /// <summary>One plain sentence saying what happened, with the event's numbers.</summary>
    public string Sentence(PumpEvent e) => _sentence(e);

    /// <summary>The mood as the lower-case word web pages and stylesheets use.</summary>
    public string MoodName => Mood switch
    {
        EventMood.Good => "good",
        EventMood.Warning => "warning",
        EventMood.Body => "body",
        _ => "neutral",
    };
}

/// <summary>THE words of every event type, keyed by record. Read through
/// <see cref="EventShape.Words"/> or <see cref="Of(PumpEvent)"/>; patient sentences say they are
/// illustrative. Numbers are written invariantly with up to three decimals.</summary>
public static class EventWords
{
    private const string Illustrative = " (illustrative patient model)";

    // Looked up by key only, never enumerated for output, so its order cannot reach a file.
    private static readonly Dictionary<Type, EventWording> ByRecord = new()
    {
        [typeof(SimulationStarted)] = W<SimulationStarted>("start", EventSalience.Quiet, EventMood.Neutral,
            e => $"The simulation starts: {e.Model}, {e.Program}, {N(e.ReservoirMl)} mL in the reservoir."),
        [typeof(SimulationEnded)] = W<SimulationEnded>("end", EventSalience.Quiet, EventMood.Neutral,
            e => $"The simulation ends: {N(e.ReservoirTrueMl)} mL really in the reservoir, the pump believes {N(e.ReservoirEstimatedMl)} mL."),
        [typeof(TherapyStateChanged)] = W<TherapyStateChanged>("therapy", EventSalience.Routine, EventMood.Neutral,
            e => $"Therapy goes from {TherapyStates.Name(e.From)} to {TherapyStates.Name(e.To)}."),
        [typeof(ProgramChanged)] = W<ProgramChanged>("program", EventSalience.Notable, EventMood.Neutral,
            e => $"The program changes to {e.Program}: the pump believes it gives {N(e.NewMcgPerDay)} mcg/day (was {N(e.OldMcgPerDay)}); {e.Reason}."),
        [typeof(ProgramRejected)] = W<ProgramRejected>("program rejected", EventSalience.Headline, EventMood.Warning,
            e => $"The pump rejects the program: {e.Reason}"),
        [typeof(AlarmRaised)] = W<AlarmRaised>("alarm", EventSalience.Routine, EventMood.Warning,
            e => $"ALARM {e.Alarm} ({AlarmIds.Text(e.Priority)}) is raised."),
        [typeof(AlarmTone)] = W<AlarmTone>("tone", EventSalience.Quiet, EventMood.Warning,
            e => $"The {e.Alarm} alarm sounds its {e.Tone}."),
        [typeof(AlarmSilenced)] = W<AlarmSilenced>("silenced", EventSalience.Routine, EventMood.Neutral,
            e => $"Alarm tones are silenced until {e.Until} ({List(e.Alarms)})."),
        [typeof(AlarmSilenceEnded)] = W<AlarmSilenceEnded>("silence ended", EventSalience.Routine, EventMood.Warning,
            e => $"The silence ends ({e.Reason}); still active: {List(e.Alarms)}."),
        [typeof(AlarmCleared)] = W<AlarmCleared>("alarm cleared", EventSalience.Routine, EventMood.Good,
            e => $"Alarm {e.Alarm} is cleared ({e.Reason})."),
        [typeof(Refill)] = W<Refill>("refill", EventSalience.Headline, EventMood.Good,
            e => $"Refill: {N(e.WithdrawnMl)} mL withdrawn, {N(e.AddedMl)} mL of {N(e.ConcentrationMcgPerMl)} mcg/mL added; {N(e.ReservoirTrueMl)} mL really in the reservoir, {N(e.ProgrammedMl)} mL programmed."),
        [typeof(RefillDiscrepancy)] = W<RefillDiscrepancy>("discrepancy", EventSalience.Notable, EventMood.Warning,
            e => $"Refill discrepancy: {N(e.WithdrawnMl)} mL withdrawn where the pump expected {N(e.ExpectedMl)} mL ({N(e.DifferenceMl)} mL apart, limit {N(e.LimitMl)} mL)."),
        [typeof(RefillOverfillRefused)] = W<RefillOverfillRefused>("overfill", EventSalience.Notable, EventMood.Warning,
            e => $"The reservoir is full: {N(e.AcceptedMl)} of {N(e.RequestedMl)} mL go in, {N(e.RefusedMl)} mL are refused."),
        [typeof(RefillRefused)] = W<RefillRefused>("refill refused", EventSalience.Headline, EventMood.Warning,
            e => $"The refill of {N(e.RequestedMl)} mL is refused: {e.Reason}. Nothing is added; {N(e.ReservoirTrueMl)} mL stay in the reservoir."),
        [typeof(PocketFill)] = W<PocketFill>("pocket fill", EventSalience.Headline, EventMood.Body,
            e => $"POCKET FILL: {N(e.InjectedMl)} mL ({N(e.InjectedMcg)} mcg) went into the pocket, not the reservoir; the pump is told {N(e.ProgrammedMl)} mL, the reservoir really holds {N(e.ReservoirTrueMl)} mL."),
        [typeof(ProgrammedConcentrationMismatch)] = W<ProgrammedConcentrationMismatch>("wrong conc.", EventSalience.Headline, EventMood.Body,
            e => $"WRONG CONCENTRATION: the reservoir holds {N(e.ConcentrationMcgPerMl)} mcg/mL, the pump was told {N(e.ProgrammedConcentrationMcgPerMl)} mcg/mL, so the body gets {N(e.ConcentrationMcgPerMl / e.ProgrammedConcentrationMcgPerMl * 100)} % of every programmed dose."),
        [typeof(BolusStarted)] = W<BolusStarted>("bolus", EventSalience.Notable, EventMood.Neutral,
            e => $"A {e.Kind} bolus starts: {N(e.DoseMcg)} mcg in {N(e.VolumeMl)} mL over {e.Duration}{(e.Capped ? " (capped at the maximum flow)" : "")}."),
        [typeof(BolusFinished)] = W<BolusFinished>("bolus end", EventSalience.Routine, EventMood.Neutral,
            e => $"The {e.Kind} bolus finishes: {N(e.DoseMcg)} mcg in {N(e.VolumeMl)} mL over {e.Duration}."),
        [typeof(BolusDenied)] = W<BolusDenied>("bolus denied", EventSalience.Notable, EventMood.Warning,
            e => $"The {e.Kind} bolus is refused: {e.Reason}."),
        [typeof(PtmRequestAccepted)] = W<PtmRequestAccepted>("PTM", EventSalience.Routine, EventMood.Neutral,
            e => $"The patient's bolus request is accepted: {N(e.DoseMcg)} mcg over {e.Duration} ({e.AcceptedLast24h} in the last 24 h)."),
        [typeof(PtmRequestDenied)] = W<PtmRequestDenied>("PTM denied", EventSalience.Routine, EventMood.Warning,
            e => $"The patient's bolus request is denied: {e.Reason} ({e.AcceptedLast24h} accepted in the last 24 h)."),
        [typeof(CatheterFault)] = W<CatheterFault>("fault", EventSalience.Headline, EventMood.Body,
            e => e.Descriptor.Sentence(e.Fraction)),
        [typeof(MotorStall)] = W<MotorStall>("stall", EventSalience.Headline, EventMood.Warning,
            e => $"The motor stalls ({e.Reason}): no drug moves."),
        [typeof(MotorStallRecovery)] = W<MotorStallRecovery>("restart", EventSalience.Notable, EventMood.Good,
            _ => "The motor turns again."),
        [typeof(MriStarted)] = W<MriStarted>("MRI", EventSalience.Headline, EventMood.Warning,
            e => $"An MRI scan starts ({e.Duration}): the magnet stalls the motor; recovery {e.Recovery}{(e.AlarmSounding ? "; an alarm is sounding, so the pump will wait for an interrogation" : "")}."),
        [typeof(MriEnded)] = W<MriEnded>("MRI end", EventSalience.Notable, EventMood.Neutral,
            e => e.HeldUntilInterrogated
                ? "The MRI scan ends; the pump stays stopped until it is interrogated."
                : $"The MRI scan ends; the motor may turn again from {e.RecoveryUntil}."),
        [typeof(Interrogation)] = W<Interrogation>("interrogate", EventSalience.Notable, EventMood.Neutral,
            e => $"A clinician interrogates the pump: it believes {N(e.EstimatedMl)} mL are left and {N(e.BatteryDaysRemaining)} days of battery."),
        [typeof(ReservoirEmptyTrue)] = W<ReservoirEmptyTrue>("empty", EventSalience.Headline, EventMood.Body,
            e => $"BODY: the true reservoir is empty; the pump does not know and believes {N(e.EstimatedMl)} mL are left."),
        [typeof(PatientFlagRaised)] = W<PatientFlagRaised>("patient flag", EventSalience.Routine, EventMood.Body,
            e => $"Patient: {e.Flag} begins, effect {N(e.EffectPct)} % of the maintained level{Illustrative}."),
        [typeof(PatientFlagCleared)] = W<PatientFlagCleared>("patient flag over", EventSalience.Routine, EventMood.Good,
            e => $"Patient: {e.Flag} is over, effect {N(e.EffectPct)} % of the maintained level{Illustrative}."),
        [typeof(Narration)] = W<Narration>("narration", EventSalience.Routine, EventMood.Neutral, e => e.Text),
        [typeof(MemoryError)] = W<MemoryError>("memory error", EventSalience.Headline, EventMood.Warning,
            e => e.Critical ? "A critical memory error: the pump falls to its safe state (minimum rate) until reprogrammed." : "A non-critical memory error: therapy goes on."),
        [typeof(BatteryReset)] = W<BatteryReset>("battery reset", EventSalience.Headline, EventMood.Warning,
            _ => "A low-battery reset: the pump falls to its safe state (minimum rate) until reprogrammed."),
        [typeof(PumpReplaced)] = W<PumpReplaced>("replace", EventSalience.Headline, EventMood.Good,
            e => $"The pump is replaced; the new one holds {N(e.ReservoirMl)} mL."),
        [typeof(AccuracyChanged)] = W<AccuracyChanged>("accuracy", EventSalience.Notable, EventMood.Body,
            e => $"BODY: the pump now pumps {N(e.AccuracyPct)} % off its nominal flow; the firmware does not know."),
        [typeof(SettingsChanged)] = W<SettingsChanged>("settings", EventSalience.Notable, EventMood.Neutral,
            e => $"The pump's settings change: low-reservoir alarm at {N(e.LowReservoirAlarmMl)} mL; patient bolus: {e.Ptm}."),
        [typeof(Diathermy)] = W<Diathermy>("diathermy", EventSalience.Headline, EventMood.Warning,
            e => $"Diathermy over the implant: {e.Note}."),
        [typeof(PumpFlip)] = W<PumpFlip>("flip", EventSalience.Headline, EventMood.Body,
            e => e.Flipped ? "BODY: the pump flips in its pocket; the refill port faces inward and a needle cannot reach it." : "Surgery turns the pump back; the refill port can be reached again."),
    };

    /// <summary>The words of an event type's record; throws for a record with none (a test walks
    /// <see cref="EventTable.All"/>, so this cannot happen for a shipped type).</summary>
    public static EventWording For(Type record) =>
        ByRecord.TryGetValue(record, out var w) ? w : throw new InvalidOperationException($"{record.Name} has no words in EventWords");

    public static EventWording Of(PumpEvent e) => For(e.GetType());

    /// <summary>One plain sentence for <paramref name="e"/>.</summary>
    public static string Sentence(PumpEvent e) => Of(e).Sentence(e);

    /// <summary>Record types that have words, for the test that the table and the words agree.</summary>
    internal static IEnumerable<Type> Records => ByRecord.Keys;

    private static EventWording W<T>(string label, EventSalience salience, EventMood mood, Func<T, string> sentence) where T : PumpEvent =>
        new(label, salience, mood, e => sentence((T)e));

    private static string N(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);

    private static string List(IReadOnlyList<string> items) => items.Count == 0 ? "none" : string.Join(", ", items);
}
