using PumpSim.Core.Engine;
using PumpSim.Core.Events;
using PumpSim.Core.Firmware;
using PumpSim.Core.Plant;
using PumpSim.Core.Therapy;
using PumpSim.Scenarios.Reading;
using static PumpSim.Scenarios.Format.ScalarKind;

namespace PumpSim.Scenarios.Format;

/// <summary>The scenario format (docs/scenario-format.md) as one table: every key allowed at every level,
/// with its type, range and a one-line description. The loader rejects keys that are not here and
/// checks ranges from here; <see cref="ScenarioSchema"/> is generated from here. Limits that depend
/// on other values (capacity of the chosen pump, the flow range at the drug's concentration) are
/// checked by the loader against the built plan instead.</summary>
public static class ScenarioFormat
{
    public static readonly string[] Weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    public static readonly string[] TherapyStates = ["infusing", "minimum-rate", "stopped", "safe-state", "end-of-service"];
    public static readonly IReadOnlyList<string> CatheterStates = CatheterFaultType.States;
    public static readonly string[] MotorStates = ["running", "stalled"];
    public static readonly string[] ReservoirConditions = ["ok", "low", "empty"];
    public static readonly string[] BatteryStates = ["ok", "eri", "eos"];
    public static readonly string[] PatientFlags = ["underdose", "withdrawal-risk", "overdose-risk"];
    public static readonly IReadOnlyList<string> CatheterFaults = CatheterFaultType.All.Select(f => f.Name).ToArray();
    public static readonly string[] Modes = ["continuous", "flex", "minimum-rate", "stopped"];

    private static ScalarShape Num(string doc, double? min = null, double? max = null) => new(ScalarKind.Number, doc, null, min, max);
    private static ScalarShape Int(string doc, double? min = null, double? max = null) => new(ScalarKind.Integer, doc, null, min, max);
    /// <summary>A duration; <paramref name="min"/>/<paramref name="max"/> in seconds, as the loader checks them.</summary>
    private static ScalarShape Dur(string doc, double? min = null, double? max = null) => new(ScalarKind.Duration, doc, null, min, max);
    private static ScalarShape Time(string doc) => new(ScalarKind.Time, doc);
    private static ScalarShape Bool(string doc) => new(ScalarKind.Boolean, doc);
    private static ScalarShape Str(string doc) => new(ScalarKind.String, doc);
    private static ScalarShape Choice(string doc, IReadOnlyList<string> choices) => new(ScalarKind.String, doc, choices);
    private static Field F(string name, Shape shape, bool required = false) => new(name, shape, required);
    private static MapShape Map(string doc, params Field[] fields) => new(doc, fields);
    private static MapShape Empty(string doc) => new(doc, []);

    public static readonly MapShape Window = Map("a time window; both ends inclusive, each an offset from start or an ISO-8601 time",
        F("after", Time("not before this time")),
        F("before", Time("not after this time")));

    private static readonly MapShape Approx = Map("a value with a tolerance",
        F("approx", Num("expected value, mL"), true),
        F("tolerance", Num("allowed absolute difference, mL (default 0.001)", 0)));

    public static readonly MapShape FlexStep = Map("one flex step",
        F("day", Choice("weekday the step starts (weekly programs only)", Weekdays)),
        F("start", new ScalarShape(ClockTime, "start on the pump clock, \"HH:MM\""), true),
        F("rate_mcg_per_day", Num("dose rate, mcg/day", 0, 1e8)),
        F("rate_ml_per_day", Num("volume rate, mL/day", 0, 1e6)));

    public static readonly MapShape Therapy = Map("a basal program",
        F("mode", Choice("program mode", Modes), true),
        F("rate_mcg_per_day", Num("continuous dose rate, mcg/day", 0, 1e8)),
        F("rate_ml_per_day", Num("continuous volume rate, mL/day", 0, 1e6)),
        F("repeat", Choice("flex cycle (default daily)", ["daily", "weekly"])),
        F("steps", new ListShape(FlexStep, "flex steps, at most 10")));

    public static readonly MapShape Pump = Map("the pump",
        F("model", Choice("pump model (default synchromed-ii-20)", ["synchromed-ii-20", "synchromed-ii-40"])),
        F("low_reservoir_alarm_ml", Num($"low-reservoir alarm threshold, mL ({Values.Format(PlanLimits.MinLowReservoirAlarm.Ml)} to half the capacity)",
            PlanLimits.MinLowReservoirAlarm.Ml, PumpProfile.All.Max(p => PlanLimits.MaxLowReservoirAlarm(p).Ml))),
        F("accuracy_pct", Num("systematic flow error, % (+14.5 = over-infusion at the labelled limit)", -99.999, 100)),
        F("battery", Map("the battery", F("life_remaining_days", Num("days left at the initial program; default: new pump", 0, PlanLimits.MaxBatteryLifeDays)))),
        F("catheter", Map("the catheter",
            F("volume_ml", Num("dead volume, mL (default 0.20)", 0, 5)),
            F("contents", Choice("what the catheter holds at start (default drug)", ["drug", "saline"])))),
        F("refill_discrepancy_limit_ml", Num("refill discrepancy limit, mL (default 2.0)", 0, 40)),
        F("tone_repeat", Map("alarm tone repeat intervals",
            F("noncritical", Dur("non-critical tone repeat (default 1h)", 1)),
            F("critical", Dur("critical tone repeat (default 10m)", 1)))));

    public static readonly MapShape Drug = Map("the drug in the reservoir",
        F("name", Str("drug name (default baclofen)")),
        F("concentration_mcg_per_ml", Num("concentration, mcg/mL (default 500)", 0.001, 100_000)),
        F("programmed_concentration_mcg_per_ml", Num("concentration entered into the pump, mcg/mL (default: the real one; a different value is a programming error)", 0.001, 100_000)));

    public static readonly MapShape Ptm = Map("myPTM-style patient bolus settings",
        F("dose_mcg", Num("dose of one patient bolus, mcg", 0.001, 10_000), true),
        F("duration", Dur("time over which one bolus runs"), true),
        F("lockout", Dur("minimum time between accepted requests"), true),
        F("max_per_day", Int("accepted requests in any 24 h", 1, 24), true));

    public static readonly MapShape Patient = Map("the illustrative patient model",
        F("maintenance_mcg_per_day", Num("dose that keeps this patient well, mcg/day (default 450)", 1, 100_000)),
        F("csf_half_life", Dur("CSF elimination half-life (default 1h30m)")),
        F("csf_volume_ml", Num("CSF volume, mL (default 70)", 1, 1000)),
        F("effect_half_life", Dur("effect-site equilibration half-life (default 7h)")),
        F("start", Choice("initial drug on board (default steady-state)", ["steady-state", "none"])));

    /// <summary>Event actions, in the order docs/scenario-format.md lists them.</summary>
    public static readonly IReadOnlyList<Field> Actions =
    [
        F("catheter", Map("a catheter fault or repair",
            F("fault", Choice("fault kind", CatheterFaults), true),
            F("fraction", Num("fraction of flow affected, for kink, occlusion, leak or tear", 0, 1)),
            F("volume_ml", Num("new catheter dead volume for revision, mL", 0, 5)))),
        F("refill", Map("a refill (or a pocket fill)",
            F("add_ml", Num("volume of new drug added, mL", 0, 1000), true),
            F("withdraw", new AnyOfShape([Choice("withdraw everything", ["all"]), Num("volume withdrawn, mL", 0, 1000)], "what is withdrawn first: all, the default, or a volume in mL")),
            F("program_volume_ml", Num("reservoir volume programmed into the firmware, mL (default: the true volume)", 0, 1000)),
            F("concentration_mcg_per_ml", Num("new drug concentration, mcg/mL", 0.001, 100_000)),
            F("programmed_concentration_mcg_per_ml", Num("concentration the clinician enters into the pump, mcg/mL (default: the real one)", 0.001, 100_000)),
            F("into", Choice("where the needle goes (default reservoir)", ["reservoir", "pocket"])),
            F("bridge_bolus", Bool("run a bridge bolus after a concentration change")))),
        F("program", Therapy with
        {
            Doc = "a new basal program",
            Fields = [.. Therapy.Fields, F("programmed_concentration_mcg_per_ml", Num("concentration re-entered with this program, mcg/mL (corrects a wrong entry; default: unchanged)", 0.001, 100_000))],
        }),
        F("bolus", Map("a single clinician bolus",
            F("dose_mcg", Num("dose, mcg", 0.001, 100_000), true),
            F("duration", Dur("time over which it runs", 1), true))),
        F("priming_bolus", Empty("a priming bolus of the catheter dead volume")),
        F("bridge_bolus", Empty("a bridge bolus after a concentration change")),
        F("ptm_request", Empty("the patient asks for a PTM bolus")),
        F("mri", Map("an MRI scan",
            F("duration", Dur("length of the scan", 1), true),
            F("recovery", Dur("delay before the motor recovers, 0 to 24h (default 0)", 0, 86_400)))),
        F("interrogate", Empty("a clinician programmer session")),
        F("silence", Map("silence alarm tones", F("duration", Dur("how long (default 1h)", 1)))),
        F("motor_stall", Map("a motor stall",
            F("duration", Dur("length of each stall", 1)),
            F("permanent", Bool("the motor never turns again")),
            F("every", Dur("repeat interval of an intermittent stall")),
            F("count", Int("number of stalls (default 1)", 1, 100_000)))),
        F("memory_error", Map("an injected memory error", F("critical", Bool("whether the error is critical, which puts the pump in safe state"), true))),
        F("battery_reset", Empty("a low-battery reset (safe state)")),
        F("replace_pump", Map("the pump is replaced", F("reservoir_ml", Num("volume in the new pump, mL (default: the starting volume)", 0, 40)))),
        F("diathermy", Map("diathermy (shortwave, microwave, therapeutic ultrasound) over the implant",
            F("motor_damage", Bool("the motor is damaged for good (default true)")))),
        F("pump_flip", Map("the pump turns over in its pocket: the refill port faces inward",
            F("corrected", Bool("surgery turns the pump back (default false: it flips)")))),
        F("accuracy", Map("the pump's accuracy changes", F("accuracy_pct", Num("new systematic flow error, %", -99.999, 100), true))),
    ];

    public static readonly MapShape Event = new("an event: 'at' plus exactly one action",
        [F("at", Time("when: an offset from start (3d) or an ISO-8601 UTC time"), true), .. Actions],
        Actions.Select(a => a.Name).ToArray());

    public static readonly MapShape Narration = Map("a narration line",
        F("at", Time("when: an offset from start or an ISO-8601 UTC time"), true),
        F("text", Str("what to say"), true));

    /// <summary>Fields an event expectation can filter on: the ones events carry as plain words.
    /// Each name is checked against <see cref="EventTable"/> (which the filter reads the values from),
    /// so the format cannot offer a field no event has.</summary>
    public static readonly MapShape EventFilter = Map("count only events whose fields have these values",
        F(EventTable.Field("alarm"), Choice("alarm id", AlarmIds.All.Select(a => a.Id).ToArray())),
        F(EventTable.Field("priority"), Choice("alarm priority", ["critical", "non-critical"])),
        F(EventTable.Field("flag"), Choice("patient flag", ["underdose", "withdrawal-risk", "overdose-risk"])),
        F(EventTable.Field("kind"), Choice("bolus kind", ["single", "priming", "bridge", "ptm"])),
        F(EventTable.Field("fault"), Str("catheter fault")),
        F(EventTable.Field("reason"), Str("reason given by the event")),
        F(EventTable.Field("from"), Str("therapy state before")),
        F(EventTable.Field("to"), Str("therapy state after")));

    public static readonly VariantShape Expectation = new("an expectation checked by verify", [
        Map("an alarm raised in a window, never raised, and optionally cleared",
            F("alarm", Choice("alarm id", AlarmIds.All.Select(a => a.Id).ToArray()), true),
            F("raised", Window),
            F("never", Bool("the alarm is never raised")),
            F("cleared", Window)),
        Map("a count of events of one type",
            F("event", Choice("event type", EventTypes.All), true),
            F("count", Int("exact number", 0)),
            F("min", Int("at least", 0)),
            F("max", Int("at most", 0)),
            F("window", Window),
            F("where", EventFilter)),
        Map("drug delivered to CSF between two times",
            F("delivered_mcg", Map("delivered dose to CSF",
                F("from", Time("start of the interval"), true),
                F("to", Time("end of the interval"), true),
                F("equals", Num("expected mcg", 0), true),
                F("tolerance_pct", Num("allowed relative difference, %", 0, 100)),
                F("tolerance", Num("allowed absolute difference, mcg (default 0.001)", 0))), true)),
        Map("the reservoir volume at a time",
            F("reservoir_ml", new MapShape("actual (true) or estimated reservoir volume", [
                F("at", Time("when"), true),
                F("actual", Approx with { Doc = "the true volume in the reservoir (the body's side)" }),
                F("estimated", Approx with { Doc = "the firmware's stroke-counted estimate" }),
                // A bare `true:` key is the boolean true to YAML 1.1/1.2 tools (editors, PyYAML), so the
                // documented key is `actual:`; `true:` stays accepted, silently, so older files run unchanged.
                new Field("true", Approx with { Doc = "the true volume; a bare true: key is a boolean to YAML tools" }, ReplacedBy: "actual")],
                ["actual", "estimated", "true"]), true)),
        Map("the pump's state at a time",
            F("state", Map("states to compare (at least one)",
                F("at", Time("when"), true),
                F("therapy", Choice("therapy state", TherapyStates)),
                F("catheter", Choice("catheter state", CatheterStates)),
                F("motor", Choice("motor state", MotorStates)),
                F("reservoir", Choice("reservoir condition", ReservoirConditions)),
                F("battery", Choice("battery state", BatteryStates))), true)),
        Map("a patient-model risk flag",
            F("patient", Map("a patient flag raised in a window or never",
                F("flag", Choice("risk flag", PatientFlags), true),
                F("raised", Window),
                F("never", Bool("the flag is never raised"))), true)),
    ]);

    public static readonly MapShape Root = Map("a PumpSim scenario; see docs/scenario-format.md",
        F("scenario", new ScalarShape(Id, "scenario id, kebab-case (default: the file name)")),
        F("title", Str("one-line title")),
        F("description", Str("what happens and why it matters")),
        F("covers", new ListShape(new ScalarShape(Id, "a topic"), "topics this scenario covers")),
        F("start", new ScalarShape(Timestamp, $"start time, ISO-8601 UTC (default {PlanLimits.DefaultStart})")),
        F("duration", Dur($"length of the run, 1s to {PlanLimits.MaxDurationText} (18300 days) in total", PlanLimits.MinDuration.Seconds, PlanLimits.MaxDuration.Seconds), true),
        F("step", Dur($"engine step, {PlanLimits.StepRange} in total (default {PlanLimits.DefaultStep})", PlanLimits.MinStep.Seconds, PlanLimits.MaxStep.Seconds)),
        F("sample", Dur($"telemetry sample interval, at least 1s (default {PlanLimits.DefaultSample})", PlanLimits.MinSample.Seconds)),
        F("seed", Int("random seed (default 0)", 0, long.MaxValue)),
        F("pump", Pump),
        F("drug", Drug),
        F("reservoir_ml", Num("true reservoir volume at start, mL (default 20)", 0, 40)),
        F("therapy", Therapy with { Doc = "the program at start" }),
        F("ptm", Ptm),
        F("patient", Patient),
        F("lesson", LessonFormat.Shape(Therapy, Drug, Pump)),
        F("events", new ListShape(Event, "what happens, in time order (same instant: file order)")),
        F("narration", new ListShape(Narration, "commentary shown by play and in the report")),
        F("expect", new ListShape(Expectation, "checks run by verify and run")));
}
