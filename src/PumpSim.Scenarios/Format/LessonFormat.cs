using PumpSim.Core.Therapy;

namespace PumpSim.Scenarios.Format;

/// <summary>The <c>lesson:</c> section of a lesson file (scenarios/lessons/): the task the trainee
/// reads and the target <c>pumpsim grade</c> compares a session with. Built from the scenario
/// format's own shapes, passed in, so its program, concentration and alarm ranges are the format's.</summary>
public static class LessonFormat
{
    /// <summary>Boluses a lesson can ask for, as bolus-started events name them.</summary>
    public static readonly string[] BolusKinds = ["priming", "bridge", "single"];

    /// <summary>Event actions the trainee performs at the programmer: a lesson's own events may not
    /// hold them (the trainee's session adds them), so every one in a session is the trainee's.</summary>
    public static readonly string[] TraineeActions = ["refill", "program", "bolus", "priming_bolus", "bridge_bolus", "interrogate", "silence", "alarm_settings", "ptm_settings"];

    public static MapShape Shape(MapShape therapy, MapShape drug, MapShape pump) => new(
        "a lesson: the task as the trainee reads it and the target `pumpsim grade` compares a session with (docs/scenario-format.md, Lessons)",
        [
            new Field("task", new ScalarShape(ScalarKind.String, "the task as the trainee reads it"), Required: true),
            new Field("target", new MapShape("what the trainee's confirmed changes should reach",
            [
                new Field("program", therapy with { Doc = "the program the pump should run after the visit" }, Required: true),
                new Field("concentration_mcg_per_ml", Scalar(drug, "concentration_mcg_per_ml") with { Doc = "the concentration entered into the pump after the visit, mcg/mL" }, Required: true),
                new Field("reservoir_ml", new ScalarShape(ScalarKind.Number,
                    "the reservoir volume after the refill, programmed and true, mL (absent: no refill is asked)", Min: 0, Max: PumpProfile.All.Max(p => p.Capacity.Ml))),
                new Field("boluses", new ListShape(new ScalarShape(ScalarKind.String, "a bolus kind", BolusKinds), "the boluses the trainee should give (default none)")),
                new Field("low_reservoir_alarm_ml", Scalar(pump, "low_reservoir_alarm_ml") with { Doc = "the low-reservoir alarm setting, mL (default: the lesson's)" }),
            ]), Required: true),
            new Field("dose_tolerance_pct", new ScalarShape(ScalarKind.Number, "how far a programmed dose may be from the target, % (default 5)", Min: 0, Max: 100)),
        ]);

    private static ScalarShape Scalar(MapShape map, string key) => (ScalarShape)map.Find(key)!.Shape;
}
