using PumpSim.Core.Engine;
using PumpSim.Core.Events;
using PumpSim.Core.Firmware;
using PumpSim.Core.Patient;
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
    // State words come from the machines that own them (Stateless' habit: the machine names its states).
    public static readonly IReadOnlyList<string> TherapyStates = Enum.GetValues<TherapyState>().Select(Core.Firmware.TherapyStates.Name).ToArray();
    public static readonly IReadOnlyList<string> CatheterStates = CatheterFaultType.States;
    public static readonly IReadOnlyList<string> MotorStates = Enum.GetValues<MotorState>().Select(MotorMachine.Name).ToArray();
    public static readonly IReadOnlyList<string> ReservoirConditions = Enum.GetValues<ReservoirCondition>().Select(ReservoirMachine.Name).ToArray();
    public static readonly IReadOnlyList<string> BatteryStates = Enum.GetValues<BatteryState>().Select(BatteryMachine.Name).ToArray();
    public static readonly IReadOnlyList<string> PatientFlags = PatientMonitor.FlagNames;
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

    /// <summary>The built-in catalog's pump, drug, actions, event and root shapes.</summary>
    public static CatalogFormat Standard => CatalogFormat.Standard;
    public static MapShape Pump => Standard.Pump;
    public static MapShape Drug => Standard.Drug;
    public static IReadOnlyList<Field> Actions => Standard.Actions;
    public static MapShape Event => Standard.Event;
    public static MapShape Root => Standard.Root;

    /// <summary>The shapes for <paramref name="catalog"/> (the built-in one's are made once).</summary>
    public static CatalogFormat For(PumpCatalog? catalog) =>
        catalog is null || ReferenceEquals(catalog, PumpCatalog.Standard) ? CatalogFormat.Standard : new CatalogFormat(catalog);

    // Shape helpers, shared with CatalogFormat.
    internal static ScalarShape Number(string doc, double? min = null, double? max = null) => Num(doc, min, max);
    internal static ScalarShape Integer(string doc, double? min = null, double? max = null) => Int(doc, min, max);
    internal static ScalarShape Duration(string doc, double? min = null, double? max = null) => Dur(doc, min, max);
    internal static ScalarShape Boolean(string doc) => Bool(doc);
    internal static ScalarShape Text(string doc) => Str(doc);
    internal static ScalarShape OneOf(string doc, IReadOnlyList<string> choices) => Choice(doc, choices);
    internal static ScalarShape When(string doc) => Time(doc);
    internal static Field Key(string name, Shape shape, bool required = false) => F(name, shape, required);
    internal static MapShape Mapping(string doc, params Field[] fields) => Map(doc, fields);
    internal static MapShape NoSettings(string doc) => Empty(doc);
}
