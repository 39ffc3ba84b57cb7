using System.Text.Json;
using PumpSim.Core.Programmer;
using PumpSim.Scenarios.Lessons;
using static PumpSim.Web.ProgrammerApi;

namespace PumpSim.Web;

/// <summary>The programmer screen's JSON: the pump as the programmer reads it (with the Finish review
/// under way and the lesson's grade, for the class's mirror), and one entry's Finish review. Every
/// word and number is Core's or the grader's; the page only places them.</summary>
internal static class ProgrammerViews
{
    public static string State(Session s, Lesson? lesson)
    {
        var c = CurrentOf(s);
        var mean = RateCalculator.Mean(c.Pump.Program, c.Pump.Entered, c.Plan.Profile);
        return Session.Json(w =>
        {
            w.WriteNumber("session", s.Id);
            if (lesson is null) w.WriteNull("task"); else w.WriteString("task", lesson.Task);
            w.WriteString("model", c.Plan.Profile.Model);
            w.WriteNumber("capacity_ml", c.Plan.Profile.Capacity.Ml);
            w.WriteNumber("min_flow_ml_per_day", c.Plan.Profile.MinFlow.MlPerDay);
            w.WriteNumber("max_flow_ml_per_day", c.Plan.Profile.MaxFlow.MlPerDay);
            w.WriteBoolean("interrogated", c.Estimate is not null);
            if (c.InterrogatedAt is { } at) w.WriteString("interrogated_at", (at - c.Plan.Start).ToString());
            if (c.Estimate is { } e) w.WriteNumber("reservoir_estimate_ml", Math.Round(e.Ml, 3));
            w.WriteNumber("concentration_mcg_per_ml", c.Pump.Entered.McgPerMl);
            w.WriteString("program", FinishReview.Describe(c.Pump.Program, c.Pump.Entered, c.Plan.Profile));
            w.WriteNumber("mean_mcg_per_day", Math.Round(mean.Dose.McgPerDay, 3));
            w.WriteNumber("mean_ml_per_day", Math.Round(mean.Flow.MlPerDay, 6));
            w.WriteNumber("low_reservoir_alarm_ml", c.Pump.LowReservoirAlarm.Ml);
            w.WriteString("ptm", Core.Therapy.PtmSettings.Describe(c.Pump.Ptm));
            w.WriteNumber("catheter_ml", c.Plan.CatheterVolume.Ml);
            if (c.Estimate is { } est)
            {
                var f = ReservoirForecast.Of(est, c.Pump.LowReservoirAlarm, mean.Flow);
                w.WriteNumber("days_to_low_reservoir_alarm", Round(f.DaysToLowReservoirAlarm));
                w.WriteNumber("days_to_empty", Round(f.DaysToEmpty));
            }
            w.WriteBoolean("finished", s.Board.Finished);
            Raw(w, "pending", s.Board.Pending);
            Raw(w, "grade", s.Board.Grade);
        });
    }

    public static string Preview(Session s, ProgrammerEntry entry)
    {
        var c = CurrentOf(s);
        if (entry.Workflow == "refill" && c.Estimate is null)
            throw new ControlException("interrogate the pump first: the refill starts from its reservoir estimate.");
        var pending = entry.Pending(c);
        var (action, settings) = entry.Event();
        return Session.Json(w =>
        {
            w.WriteString("workflow", entry.Workflow);
            Pairs(w, "entries", entry.Entries(c));
            Pairs(w, "calculations", entry.Calculations(c));
            w.WriteStartArray("finish");
            foreach (var f in FinishReview.Compare(c.Settings, pending, c.Plan.Profile))
            {
                w.WriteStartObject();
                w.WriteString("name", f.Name);
                w.WriteString("current", f.Current);
                w.WriteString("pending", f.Pending);
                w.WriteBoolean("changed", f.Changed);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteString("event", $"{action}: {settings}");
        });
    }

    private static void Pairs(Utf8JsonWriter w, string name, IEnumerable<(string Label, string Value)> pairs)
    {
        w.WriteStartArray(name);
        foreach (var (label, value) in pairs) { w.WriteStartObject(); w.WriteString("label", label); w.WriteString("value", value); w.WriteEndObject(); }
        w.WriteEndArray();
    }

    /// <summary>JSON this server wrote itself (a preview, a grade), or null; re-written on one line
    /// (the grade is indented, and a stream frame's data must not break across lines).</summary>
    private static void Raw(Utf8JsonWriter w, string name, string? json)
    {
        w.WritePropertyName(name);
        if (json is null) { w.WriteNullValue(); return; }
        using var doc = JsonDocument.Parse(json);
        doc.RootElement.WriteTo(w);
    }

    private static double Round(double days) => double.IsInfinity(days) ? -1 : Math.Round(days, 2);
}
