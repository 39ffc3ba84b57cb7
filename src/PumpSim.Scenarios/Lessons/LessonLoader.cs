using PumpSim.Core.Units;
using PumpSim.Scenarios.Errors;
using PumpSim.Scenarios.Format;
using PumpSim.Scenarios.Loading;
using PumpSim.Scenarios.Reading;
using PumpSim.Scenarios.Yaml;

namespace PumpSim.Scenarios.Lessons;

/// <summary>Reads a lesson file: the scenario through <see cref="ScenarioLoader"/> (a lesson is a
/// scenario), then its <c>lesson:</c> section against <see cref="LessonFormat"/>. Every problem is
/// a located <see cref="ScenarioException"/>, as for scenarios.</summary>
public static class LessonLoader
{
    public static Lesson Load(string path) => Parse(ScenarioLoader.ReadText(path), path);

    public static Lesson Parse(string yamlText, string fileName)
    {
        var scenario = ScenarioLoader.Parse(yamlText, fileName);
        if (yamlText.StartsWith('\uFEFF')) yamlText = yamlText[1..];
        // It loaded, so it is a mapping of known keys.
        var root = (YMap)YamlTreeReader.Read(yamlText)!;
        var diagnostics = new Diagnostics(fileName);
        Lesson? lesson = null;
        diagnostics.Guard(() =>
        {
            var top = new MapReader(root, ScenarioFormat.Root, "scenario file", diagnostics);
            if (top.Map("lesson", diagnostics) is not { } section)
                throw new NodeError(root.At, "not a lesson: the file has no 'lesson:' section (the task and the target; docs/scenario-format.md, Lessons)");
            CheckEventsAreTheWorlds(top, diagnostics);
            lesson = new Lesson(scenario, section.Text("task")!.Trim(), ReadTarget(section, scenario, diagnostics));
        });
        diagnostics.ThrowIfAny();
        return lesson!;
    }

    /// <summary>The trainee's actions are whatever a session adds to the lesson; so the lesson itself
    /// may not hold any, or grading could not tell them apart.</summary>
    private static void CheckEventsAreTheWorlds(MapReader top, Diagnostics diagnostics)
    {
        if (top.List("events") is not { } events) return;
        foreach (var item in events.Items)
        {
            if (item is not YMap map) continue;
            foreach (var (key, _) in map.Entries)
                if (LessonFormat.TraineeActions.Contains(key.Value))
                    diagnostics.Add(key.At, $"a lesson's events are the world's; '{key.Value}' is the trainee's to do at the programmer " +
                        "(put it in the answer file, NAME.answer.yaml)");
        }
    }

    private static LessonTarget ReadTarget(MapReader section, LoadedScenario scenario, Diagnostics diagnostics)
    {
        var target = section.Map("target", diagnostics)!;
        var program = ProgramReader.Read(target.Map("program", diagnostics)!, diagnostics);
        var concentration = ActionReader.ConcentrationAt(target, "concentration_mcg_per_ml")!.Value;
        var plan = scenario.Plan;
        // The target must be a program the pump accepts at the target concentration.
        Located.At(target.PositionOf("program"), () => plan.Profile.Check(program, concentration));
        Volume? reservoir = null;
        if (target.Number("reservoir_ml") is { } ml)
        {
            if (ml > plan.Profile.Capacity.Ml)
                throw new NodeError(target.PositionOf("reservoir_ml"), $"'reservoir_ml' {Values.Format(ml)} is more than the {Values.Format(plan.Profile.Capacity.Ml)} mL the {plan.Profile.Model} holds");
            reservoir = Volume.FromMl(ml);
        }
        var boluses = new List<string>();
        if (target.List("boluses") is { } list)
            foreach (var item in list.Items)
            {
                var kind = Values.Text(item, "boluses");
                if (!LessonFormat.BolusKinds.Contains(kind))
                    throw new NodeError(item.At, $"unknown bolus kind '{kind}'{Suggestions.Hint(kind, LessonFormat.BolusKinds)} (expected one of: {string.Join(", ", LessonFormat.BolusKinds)})");
                boluses.Add(kind);
            }
        Volume? lra = null;
        if (target.Number("low_reservoir_alarm_ml") is { } alarm)
        {
            var half = plan.Profile.MaxLowReservoirAlarm;
            if (alarm > half.Ml)
                throw new NodeError(target.PositionOf("low_reservoir_alarm_ml"), $"'low_reservoir_alarm_ml' must be at most {Values.Format(half.Ml)} mL (half the capacity of {plan.Profile.Model}), got {Values.Format(alarm)}");
            lra = Volume.FromMl(alarm);
        }
        return new LessonTarget(program, concentration, reservoir, boluses, lra, section.Number("dose_tolerance_pct") ?? Lesson.DefaultDoseTolerancePct);
    }
}
