using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PumpSim.Core.Engine;
using PumpSim.Core.Events;
using PumpSim.Core.Programmer;
using PumpSim.Core.Therapy;
using PumpSim.Core.Units;
using PumpSim.Scenarios;
using PumpSim.Scenarios.Lessons;

namespace PumpSim.Web;

/// <summary>The clinician programmer screen (trainer's view): interrogate, a guided workflow whose
/// numbers come from Core's programmer calculations, a Finish review of current against pending,
/// and, only on confirm, the same scenario event a YAML author would write, injected into the
/// session and recorded (so the saved session replays with `run` and grades with `grade`).
/// Pending entries live in the page until confirmed: nothing reaches the pump before.</summary>
internal static class ProgrammerApi
{
    public static void Map(WebApplication app, SessionHub hub)
    {
        var lesson = TryLesson(hub.Source);
        app.MapGet("/programmer", () => ConsoleServer.Asset("programmer.html", "text/html; charset=utf-8"));
        app.MapGet("/programmer.js", () => ConsoleServer.Asset("programmer.js", "text/javascript; charset=utf-8"));
        app.MapGet("/programmer.css", () => ConsoleServer.Asset("programmer.css", "text/css; charset=utf-8"));

        app.MapGet("/api/sessions/{id}/programmer", (string id) =>
            !ConsoleServer.ParseId(id, hub, out var s, out var bad) ? bad : Results.Content(State(s, lesson), "application/json"));

        app.MapPost("/api/sessions/{id}/programmer/interrogate", (string id) =>
        {
            if (!ConsoleServer.ParseId(id, hub, out var s, out var bad)) return bad;
            try { s.RunThrough(s.InjectAction("Interrogate", "interrogate", "{}", "[programmer] interrogate")); }
            catch (ControlException e) { return ConsoleServer.Error(400, e.Message); }
            return Results.Content(State(s, lesson), "application/json");
        });

        app.MapPost("/api/sessions/{id}/programmer/preview", async (string id, HttpContext ctx) =>
            await Handle(id, ctx, hub, (s, entry) => Results.Content(Preview(s, entry), "application/json")));

        app.MapPost("/api/sessions/{id}/programmer/confirm", async (string id, HttpContext ctx) =>
            await Handle(id, ctx, hub, (s, entry) =>
            {
                // The same checks as the preview: a confirm is what was reviewed, nothing more.
                Preview(s, entry);
                var (action, settings) = entry.Event();
                var at = s.InjectAction(entry.Workflow, action, settings, $"[programmer] {entry.Workflow} confirmed on the Finish screen");
                s.RunThrough(at);
                return Results.Content(Session.Json(w => w.WriteString("at", (at - hub.Source.Loaded.Plan.Start).ToString())), "application/json");
            }));

        app.MapGet("/api/sessions/{id}/programmer/grade", (string id) =>
        {
            if (!ConsoleServer.ParseId(id, hub, out var s, out var bad)) return bad;
            if (lesson is null) return ConsoleServer.Error(400, "this scenario is not a lesson: there is no target to grade against.");
            try
            {
                var report = Grader.Grade(lesson, ScenarioLoader.Parse(s.ScenarioYaml(), hub.Source.Path), Simulation.Run);
                return Results.Content(GradeJson.Write(report, "illustrative simulation, not a clinical figure"), "application/json");
            }
            catch (ScenarioException e) { return ConsoleServer.Error(400, e.Message); }
        });
    }

    private static Lesson? TryLesson(ScenarioSource source)
    {
        try { return LessonLoader.Parse(source.Text, source.Path); }
        catch (ScenarioException) { return null; }
    }

    private static async Task<IResult> Handle(string id, HttpContext ctx, SessionHub hub, Func<Session, ProgrammerEntry, IResult> then)
    {
        if (!ConsoleServer.ParseId(id, hub, out var s, out var bad)) return bad;
        try
        {
            var body = (await JsonDocument.ParseAsync(ctx.Request.Body, default, ctx.RequestAborted)).RootElement;
            return then(s, ProgrammerEntry.Read(body));
        }
        catch (JsonException e) { return ConsoleServer.Error(400, $"the entry must be a JSON object: {e.Message}"); }
        catch (BadHttpRequestException e) { return ConsoleServer.Error(400, e.Message); }
        catch (ControlException e) { return ConsoleServer.Error(400, e.Message); }
        catch (ProgramRejectedException e) { return ConsoleServer.Error(400, e.Message); }
        catch (ArgumentOutOfRangeException e) { return ConsoleServer.Error(400, e.Message.Split('(')[0].Trim()); }
    }

    /// <summary>What the programmer knows now: the session's file with every confirmed change, read
    /// as the pump holds it, and the last interrogation's reservoir estimate.</summary>
    internal static Current CurrentOf(Session s)
    {
        var plan = ScenarioLoader.Parse(s.ScenarioYaml(), "session.yaml").Plan;
        var (now, interrogation) = s.LastInterrogation();
        var pump = new TraineeSession(plan, now);
        // The programmer shows the estimate to the microlitre, as the clinician reads it.
        return new Current(plan, pump, interrogation is null ? null : Volume.FromMl(Math.Round(interrogation.EstimatedMl, 3)), interrogation?.At);
    }

    internal sealed record Current(SimulationPlan Plan, TraineeSession Pump, Volume? Estimate, SimInstant? InterrogatedAt)
    {
        public ProgrammerSettings Settings => new(Pump.Entered, Estimate ?? Volume.Zero, Pump.Program, Plan.LowReservoirAlarm, Plan.Ptm, []);
        public PumpReading Reading => new(Plan.Profile, Estimate ?? Volume.Zero, Pump.Entered, Pump.Program, Plan.LowReservoirAlarm, Plan.RefillDiscrepancyLimit, Plan.CatheterVolume);
    }

    private static string State(Session s, Lesson? lesson)
    {
        var c = CurrentOf(s);
        var mean = RateCalculator.Mean(c.Pump.Program, c.Pump.Entered, c.Plan.Profile);
        return Session.Json(w =>
        {
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
            w.WriteNumber("low_reservoir_alarm_ml", c.Plan.LowReservoirAlarm.Ml);
            w.WriteNumber("catheter_ml", c.Plan.CatheterVolume.Ml);
            if (c.Estimate is { } est)
            {
                var f = ReservoirForecast.Of(est, c.Plan.LowReservoirAlarm, mean.Flow);
                w.WriteNumber("days_to_low_reservoir_alarm", Round(f.DaysToLowReservoirAlarm));
                w.WriteNumber("days_to_empty", Round(f.DaysToEmpty));
            }
        });
    }

    private static string Preview(Session s, ProgrammerEntry entry)
    {
        var c = CurrentOf(s);
        if (entry.Workflow == "refill" && c.Estimate is null)
            throw new ControlException("interrogate the pump first: the refill starts from its reservoir estimate.");
        var pending = entry.Pending(c);
        var (action, settings) = entry.Event();
        return Session.Json(w =>
        {
            w.WriteString("workflow", entry.Workflow);
            w.WriteStartArray("calculations");
            foreach (var (label, value) in entry.Calculations(c)) { w.WriteStartObject(); w.WriteString("label", label); w.WriteString("value", value); w.WriteEndObject(); }
            w.WriteEndArray();
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

    private static double Round(double days) => double.IsInfinity(days) ? -1 : Math.Round(days, 2);

    internal static string N(double v) => v.ToString("0.######", CultureInfo.InvariantCulture);
}
