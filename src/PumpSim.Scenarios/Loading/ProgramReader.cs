using PumpSim.Core.Therapy;
using PumpSim.Scenarios.Errors;
using PumpSim.Scenarios.Format;
using PumpSim.Scenarios.Reading;

namespace PumpSim.Scenarios.Loading;

/// <summary>Reads a basal program: the starting <c>therapy:</c> and every <c>program:</c> event share this.
/// Range against the pump's flow limits is checked later, at the concentration in force then.</summary>
internal static class ProgramReader
{
    public static TherapyProgram Read(MapReader m, Diagnostics diagnostics)
    {
        var mode = m.Text("mode")!;
        switch (mode)
        {
            case "continuous":
                Forbid(m, mode, "repeat", "steps");
                return TherapyProgram.Continuous(Rate(m, $"a continuous program"));
            case "flex":
                Forbid(m, mode, "rate_mcg_per_day", "rate_ml_per_day");
                return Flex(m, diagnostics);
            case "minimum-rate":
                Forbid(m, mode, "rate_mcg_per_day", "rate_ml_per_day", "repeat", "steps");
                return TherapyProgram.MinimumRate();
            default:
                Forbid(m, mode, "rate_mcg_per_day", "rate_ml_per_day", "repeat", "steps");
                return TherapyProgram.Stopped();
        }
    }

    private static void Forbid(MapReader m, string mode, params string[] keys)
    {
        foreach (var key in keys)
            if (m.Has(key))
                throw new NodeError(m.Node.Entries.First(e => e.Key.Value == key).Key.At,
                    $"'{key}' does not apply to mode: {mode}" + (key is "repeat" or "steps" ? " (only to mode: flex)" : ""));
    }

    /// <summary>Exactly one of rate_mcg_per_day / rate_ml_per_day.</summary>
    private static ProgramRate Rate(MapReader m, string what)
    {
        var mcg = m.Number("rate_mcg_per_day");
        var ml = m.Number("rate_ml_per_day");
        if (mcg is not null && ml is not null)
            throw new NodeError(m.PositionOf("rate_ml_per_day"), $"{what} takes rate_mcg_per_day or rate_ml_per_day, not both");
        if (mcg is { } dose) return Located.At(m.PositionOf("rate_mcg_per_day"), () => ProgramRate.McgPerDay(dose));
        if (ml is { } flow) return Located.At(m.PositionOf("rate_ml_per_day"), () => ProgramRate.MlPerDay(flow));
        throw new NodeError(m.At, $"{what} needs rate_mcg_per_day or rate_ml_per_day");
    }

    private static TherapyProgram Flex(MapReader m, Diagnostics diagnostics)
    {
        var repeat = m.Text("repeat") == "weekly" ? FlexRepeat.Weekly : FlexRepeat.Daily;
        var steps = m.List("steps") ?? throw new NodeError(m.At, "a flex program needs 'steps' (a list of {start, rate_mcg_per_day})");
        if (steps.Items.Count > TherapyProgram.MaxFlexSteps)
            throw new NodeError(steps.At, $"a flex program has at most {TherapyProgram.MaxFlexSteps} steps, got {steps.Items.Count}");
        var list = new List<FlexStep>();
        foreach (var item in steps.Items)
        {
            var s = new MapReader(item, ScenarioFormat.FlexStep, "step", diagnostics);
            long day = 0;
            if (repeat == FlexRepeat.Weekly)
            {
                var name = s.Text("day") ?? throw new NodeError(s.At, "a weekly flex step needs 'day' (mon..sun)");
                day = Array.IndexOf(ScenarioFormat.Weekdays, name);
            }
            else if (s.Has("day"))
            {
                throw new NodeError(s.PositionOf("day"), "'day' applies only to a weekly program; add 'repeat: weekly' to the program");
            }
            var start = Values.ClockTime(s.Get("start")!, "start");
            list.Add(new FlexStep(day * 86_400 + start, Rate(s, "a flex step")));
        }
        return Located.At(steps.At, () => TherapyProgram.Flex(repeat, list));
    }
}
