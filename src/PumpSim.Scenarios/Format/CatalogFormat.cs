using PumpSim.Core.Engine;
using PumpSim.Core.Plant;
using PumpSim.Core.Therapy;
using PumpSim.Scenarios.Reading;
using static PumpSim.Scenarios.Format.ScalarKind;
using static PumpSim.Scenarios.Format.ScenarioFormat;

namespace PumpSim.Scenarios.Format;

/// <summary>The part of the scenario format that depends on the pump models and drugs a run may name
/// (<see cref="PumpCatalog"/>): the model and drug choices, and every range a model sets (the LRA,
/// the catheter's dead volume, a reservoir's capacity). Ranges that a model sets are the widest over
/// the catalog here; the loader checks the chosen model's own against the built plan. Built once for
/// the built-in catalog; a test builds one for a catalog with a model of its own.</summary>
public sealed class CatalogFormat
{
    public static CatalogFormat Standard { get; } = new(PumpCatalog.Standard);

    public CatalogFormat(PumpCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        Catalog = catalog;
        var models = catalog.Models;
        var maxCapacity = models.Max(m => m.Capacity.Ml);
        var maxCatheter = models.Max(m => m.MaxCatheterVolume.Ml);
        var defaults = catalog.DefaultModel;
        var (minConc, maxConc) = (catalog.Drugs.Min(d => d.MinConcentrationMcgPerMl), catalog.Drugs.Max(d => d.MaxConcentrationMcgPerMl));
        string Ml(Core.Units.Volume v) => Values.Format(v.Ml);
        ScalarShape Conc(string doc) => Number(doc, minConc, maxConc);
        ScalarShape Accuracy(string doc) => Number(doc, PlanLimits.MinAccuracyPct, PlanLimits.MaxAccuracyPct);

        Pump = Mapping("the pump",
            Key("model", OneOf($"pump model (default {defaults.Model})", models.Select(m => m.Model).ToArray())),
            Key("low_reservoir_alarm_ml", Number($"low-reservoir alarm threshold, mL ({Values.Format(models.Min(m => m.MinLowReservoirAlarm.Ml))} to half the capacity)",
                models.Min(m => m.MinLowReservoirAlarm.Ml), models.Max(m => m.MaxLowReservoirAlarm.Ml))),
            Key("accuracy_pct", Accuracy($"systematic flow error, % (+{Values.Format(defaults.LabelledAccuracyPct)} = over-infusion at the labelled limit)")),
            Key("battery", Mapping("the battery", Key("life_remaining_days", Number("days left at the initial program; default: new pump", 0, PlanLimits.MaxBatteryLifeDays)))),
            Key("catheter", Mapping("the catheter",
                Key("volume_ml", Number($"dead volume (pump tubing + catheter), mL (default {Ml(defaults.DefaultCatheterVolume)})", 0, maxCatheter)),
                Key("programmed_volume_ml", Number("dead volume the clinician entered (tubing + catheter), mL; priming and bridge boluses are sized by it (default: the true volume)", 0, maxCatheter)),
                Key("contents", OneOf("what the catheter holds at start (default drug)", ["drug", "saline"])))),
            Key("refill_discrepancy_limit_ml", Number($"refill discrepancy limit, mL (default {Ml(defaults.DefaultRefillDiscrepancyLimit)})", 0, maxCapacity)),
            Key("tone_repeat", Mapping("alarm tone repeat intervals",
                Key("noncritical", Duration("non-critical tone repeat (default 1h)", 1)),
                Key("critical", Duration("critical tone repeat (default 10m)", 1)))));

        Drug = Mapping("the drug in the reservoir",
            Key("name", OneOf($"drug (default {catalog.DefaultDrug.Name})", catalog.Drugs.Select(d => d.Name).ToArray())),
            Key("concentration_mcg_per_ml", Conc($"concentration, mcg/mL (default {Values.Format(catalog.DefaultDrug.DefaultConcentration.McgPerMl)})")),
            Key("programmed_concentration_mcg_per_ml", Conc("concentration entered into the pump, mcg/mL (default: the real one; a different value is a programming error)")));

        var catheterFaults = CatheterFaultType.All;
        Actions =
        [
            Key("catheter", Mapping("a catheter fault or repair",
                Key("fault", OneOf("fault kind", CatheterFaults), true),
                Key("fraction", Number($"fraction of flow affected, for {Or(catheterFaults.Where(f => f.TakesFraction).Select(f => f.Name).ToList())}", 0, 1)),
                Key("volume_ml", Number("new catheter dead volume for revision, mL", 0, maxCatheter)),
                Key("programmed_volume_ml", Number("dead volume the clinician enters for the new catheter, mL (default: the true one)", 0, maxCatheter)))),
            Key("refill", Mapping("a refill (or a pocket fill)",
                Key("add_ml", Number("volume of new drug added, mL", 0, 1000), true),
                Key("withdraw", new AnyOfShape([OneOf("withdraw everything", ["all"]), Number("volume withdrawn, mL", 0, 1000)], "what is withdrawn first: all, the default, or a volume in mL")),
                Key("program_volume_ml", Number("reservoir volume programmed into the firmware, mL (default: the true volume)", 0, 1000)),
                Key("concentration_mcg_per_ml", Conc("new drug concentration, mcg/mL")),
                Key("programmed_concentration_mcg_per_ml", Conc("concentration the clinician enters into the pump, mcg/mL (default: the drug really in the reservoir afterwards)")),
                Key("into", OneOf("where the needle goes (default reservoir)", ["reservoir", "pocket"])),
                Key("bridge_bolus", Boolean("run a bridge bolus after a concentration change")))),
            Key("program", Therapy with
            {
                Doc = "a new basal program (one outside the flow range is refused by the pump at run time)",
                Fields = [.. Therapy.Fields, Key("programmed_concentration_mcg_per_ml", Conc("concentration re-entered with this program, mcg/mL (corrects a wrong entry; default: unchanged)"))],
            }),
            Key("bolus", Mapping("a single clinician bolus",
                Key("dose_mcg", Number("dose, mcg", 0.001, 100_000), true),
                Key("duration", Duration("time over which it runs", 1), true))),
            Key("priming_bolus", NoSettings("a priming bolus of the catheter dead volume (as entered)")),
            Key("bridge_bolus", NoSettings("a bridge bolus after a concentration change")),
            Key("ptm_request", NoSettings("the patient asks for a PTM bolus")),
            Key("mri", Mapping("an MRI scan",
                Key("duration", Duration("length of the scan", 1), true),
                Key("recovery", Duration("delay before the motor recovers, 0 to 24h (default 0)", 0, 86_400)))),
            Key("interrogate", NoSettings("a clinician programmer session")),
            Key("silence", Mapping("silence alarm tones", Key("duration", Duration("how long (default 1h)", 1)))),
            Key("alarm_settings", Mapping("the clinician sets the alarms at the programmer (from this instant; pump: sets them at the start)",
                Key("low_reservoir_alarm_ml", ((ScalarShape)Pump.Find("low_reservoir_alarm_ml")!.Shape) with { Doc = "new low-reservoir alarm threshold, mL (the pump's range, as pump: takes it)" }, true))),
            Key("ptm_settings", ScenarioFormat.Ptm with { Doc = "the clinician sets up or changes the patient bolus (myPTM) at the programmer (from this instant; ptm: sets it at the start)" }),
            Key("motor_stall", Mapping("a motor stall",
                Key("duration", Duration("length of each stall", 1)),
                Key("permanent", Boolean("the motor never turns again")),
                Key("every", Duration("repeat interval of an intermittent stall")),
                Key("count", Integer("number of stalls (default 1)", 1, 100_000)))),
            Key("memory_error", Mapping("an injected memory error", Key("critical", Boolean("whether the error is critical, which puts the pump in safe state"), true))),
            Key("battery_reset", NoSettings("a low-battery reset (safe state)")),
            Key("replace_pump", Mapping("the pump is replaced", Key("reservoir_ml", Number("volume in the new pump, mL (default: the starting volume)", 0, maxCapacity)))),
            Key("diathermy", Mapping("diathermy (shortwave, microwave, therapeutic ultrasound) over the implant",
                Key("motor_damage", Boolean("the motor is damaged for good (default true)")))),
            Key("pump_flip", Mapping("the pump turns over in its pocket: the refill port faces inward",
                Key("corrected", Boolean("surgery turns the pump back (default false: it flips)")))),
            Key("accuracy", Mapping("the pump's accuracy changes", Key("accuracy_pct", Accuracy("new systematic flow error, %"), true))),
        ];

        Event = new("an event: 'at' plus exactly one action",
            [Key("at", When("when: an offset from start (3d) or an ISO-8601 UTC time"), true), .. Actions],
            Actions.Select(a => a.Name).ToArray());

        Root = Mapping("a PumpSim scenario; see docs/scenario-format.md",
            Key("scenario", new ScalarShape(Id, "scenario id, kebab-case (default: the file name)")),
            Key("title", Text("one-line title")),
            Key("description", Text("what happens and why it matters")),
            Key("covers", new ListShape(new ScalarShape(Id, "a topic"), "topics this scenario covers")),
            // Evidence keys (issue 22): requirement ids, hazard ids and FDA device problem codes, from requirements.yaml.
            ScenarioFormat.Verifies,
            Key("hazards", new ListShape(new ScalarShape(ScalarKind.HazardId, "a hazard id (HAZ-…) from requirements.yaml"), "hazards this scenario exercises")),
            Key("codes", new ListShape(new ScalarShape(ScalarKind.Integer, "an FDA device problem code listed in requirements.yaml", null, 1, 9999), "FDA device problem codes of the field reports this scenario reproduces")),
            Key("start", new ScalarShape(Timestamp, $"start time, ISO-8601 UTC (default {PlanLimits.DefaultStart})")),
            Key("duration", Duration($"length of the run, 1s to {PlanLimits.MaxDurationText} (18300 days) in total", PlanLimits.MinDuration.Seconds, PlanLimits.MaxDuration.Seconds), true),
            Key("step", Duration($"engine step, {PlanLimits.StepRange} in total (default {PlanLimits.DefaultStep})", PlanLimits.MinStep.Seconds, PlanLimits.MaxStep.Seconds)),
            Key("sample", Duration($"telemetry sample interval, at least 1s (default {PlanLimits.DefaultSample})", PlanLimits.MinSample.Seconds)),
            Key("seed", Integer("random seed (default 0)", 0, long.MaxValue)),
            Key("pump", Pump),
            Key("drug", Drug),
            Key("reservoir_ml", Number($"true reservoir volume at start, mL (default {Values.Format(new SimulationPlan().Reservoir.Ml)})", 0, maxCapacity)),
            Key("therapy", Therapy with { Doc = "the program at start" }),
            Key("ptm", Ptm),
            Key("patient", Patient),
            Key("lesson", LessonFormat.Shape(Therapy, Drug, Pump)),
            Key("events", new ListShape(Event, "what happens, in time order (same instant: file order)")),
            Key("narration", new ListShape(Narration, "commentary shown by play and in the report")),
            Key("expect", new ListShape(ScenarioFormat.Expectation, "checks run by verify and run")));
    }

    public PumpCatalog Catalog { get; }
    public MapShape Pump { get; }
    public MapShape Drug { get; }
    /// <summary>Event actions, in the order docs/scenario-format.md lists them.</summary>
    public IReadOnlyList<Field> Actions { get; }
    public MapShape Event { get; }
    public MapShape Root { get; }

    /// <summary>"a, b, c or d".</summary>
    private static string Or(IReadOnlyList<string> words) =>
        words.Count <= 1 ? string.Concat(words) : string.Join(", ", words.Take(words.Count - 1)) + " or " + words[^1];
}
