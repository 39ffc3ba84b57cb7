using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PumpSim.Core.Engine;
using PumpSim.Core.Programmer;
using PumpSim.Core.Therapy;
using PumpSim.Core.Units;
using PumpSim.Scenarios;
using PumpSim.Scenarios.Lessons;

namespace PumpSim.Web;

/// <summary>The clinician programmer screen: interrogate, a guided workflow whose numbers come from
/// Core's programmer calculations, a Finish review of current against pending, and, only on
/// confirm, the same scenario event a YAML author would write, injected into the session and
/// recorded (so the saved session replays with `run` and grades with `grade`). Finishing a lesson
/// grades it with the grader `pumpsim grade` uses and shows its lines.
///
/// Two views, as the console's: the trainer's page drives (every POST passes
/// <see cref="RequestGuard"/>: the token, same origin, JSON); the class's page only reads — the GET
/// state and the session's stream, where each change is broadcast as a <c>programmer</c> frame
/// holding the state a GET returns (the Finish review under way and the grade included).</summary>
internal static class ProgrammerApi
{
    public static void Map(WebApplication app, SessionHub hub)
    {
        var lesson = TryLesson(hub.Source);
        app.MapGet("/programmer", () => ConsoleServer.Asset("programmer.html", "text/html; charset=utf-8"));
        app.MapGet("/programmer.js", () => ConsoleServer.Asset("programmer.js", "text/javascript; charset=utf-8"));
        app.MapGet("/programmer.css", () => ConsoleServer.Asset("programmer.css", "text/css; charset=utf-8"));

        app.MapGet("/api/sessions/{id}/programmer", (string id) =>
            !ConsoleServer.ParseId(id, hub, out var s, out var bad) ? bad : Results.Content(ProgrammerViews.State(s, lesson), "application/json"));

        app.MapPost("/api/sessions/{id}/programmer/interrogate", (string id) => Change(id, hub, lesson, s =>
        {
            s.RunThrough(s.InjectAction("Interrogate", "interrogate", "{}", "[programmer] interrogate"));
            return null;
        }));

        // A review sends nothing to the pump; the class sees it as the trainer does.
        app.MapPost("/api/sessions/{id}/programmer/preview", async (string id, HttpContext ctx) =>
            await Handle(id, ctx, hub, (s, entry) =>
            {
                if (s.Board.Finished) throw new ControlException("the lesson is finished; reset it to start again.");
                var preview = ProgrammerViews.Preview(s, entry);
                s.Board.Pending = preview;
                Show(s, hub, lesson);
                return Results.Content(preview, "application/json");
            }));

        app.MapPost("/api/sessions/{id}/programmer/cancel", (string id) => Change(id, hub, lesson, s =>
        {
            s.Board.Pending = null;
            return null;
        }));

        app.MapPost("/api/sessions/{id}/programmer/confirm", async (string id, HttpContext ctx) =>
            await Handle(id, ctx, hub, (s, entry) =>
            {
                if (s.Board.Finished) throw new ControlException("the lesson is finished; reset it to start again.");
                // The same checks as the preview: a confirm is what was reviewed, nothing more.
                ProgrammerViews.Preview(s, entry);
                var (action, settings) = entry.Event();
                var at = s.InjectAction(entry.Workflow, action, settings, $"[programmer] {entry.Workflow} confirmed on the Finish screen");
                s.RunThrough(at);
                s.Board.Pending = null;
                Show(s, hub, lesson);
                return Results.Content(Session.Json(w => w.WriteString("at", (at - hub.Source.Loaded.Plan.Start).ToString())), "application/json");
            }));

        // The end of the lesson: graded as `pumpsim grade` grades the saved session, shown on both views.
        app.MapPost("/api/sessions/{id}/programmer/finish", (string id) => Change(id, hub, lesson, s =>
        {
            var grade = Grade(s, hub, lesson);
            s.Board.Finish(grade);
            return Results.Content(grade, "application/json");
        }));

        app.MapGet("/api/sessions/{id}/programmer/grade", (string id) =>
        {
            if (!ConsoleServer.ParseId(id, hub, out var s, out var bad)) return bad;
            try { return Results.Content(s.Board.Grade ?? Grade(s, hub, lesson), "application/json"); }
            catch (ControlException e) { return ConsoleServer.Error(400, e.Message); }
        });
    }

    private static Lesson? TryLesson(ScenarioSource source)
    {
        try { return LessonLoader.Parse(source.Text, source.Path); }
        catch (ScenarioException) { return null; }
    }

    private static string Grade(Session s, SessionHub hub, Lesson? lesson)
    {
        if (lesson is null) throw new ControlException("this scenario is not a lesson: there is no target to grade against.");
        try
        {
            var session = ScenarioLoader.Parse(s.ScenarioYaml(), hub.Source.Path);
            var report = Grader.Grade(lesson, session, Simulation.Run);
            return GradeJson.Write(report, GradeText.Illustrative, GradeText.Lines(report, session.Plan.Start));
        }
        catch (ScenarioException e) { throw new ControlException(e.Message); }
    }

    /// <summary>The trainer drove the programmer: the class follows this session and sees its screen.</summary>
    private static void Show(Session s, SessionHub hub, Lesson? lesson)
    {
        hub.Present(s.Id);
        s.BroadcastProgrammer(ProgrammerViews.State(s, lesson));
    }

    /// <summary>A change without a body; answers <paramref name="then"/>'s result or the new state.</summary>
    private static IResult Change(string id, SessionHub hub, Lesson? lesson, Func<Session, IResult?> then)
    {
        if (!ConsoleServer.ParseId(id, hub, out var s, out var bad)) return bad;
        try
        {
            var result = then(s);
            Show(s, hub, lesson);
            return result ?? Results.Content(ProgrammerViews.State(s, lesson), "application/json");
        }
        catch (ControlException e) { return ConsoleServer.Error(400, e.Message); }
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
    /// as the pump holds it, and the reservoir it last read (an interrogation, or the volume a refill
    /// just programmed).</summary>
    internal static Current CurrentOf(Session s)
    {
        var plan = ScenarioLoader.Parse(s.ScenarioYaml(), "session.yaml").Plan;
        var (now, reading) = s.LastReading();
        var pump = new TraineeSession(plan, now);
        // The programmer shows the estimate to the microlitre, as the clinician reads it.
        return new Current(plan, pump, reading is { } r ? Volume.FromMl(Math.Round(r.EstimatedMl, 3)) : null, reading?.At);
    }

    internal sealed record Current(SimulationPlan Plan, TraineeSession Pump, Volume? Estimate, SimInstant? InterrogatedAt)
    {
        public ProgrammerSettings Settings => new(Pump.Entered, Estimate ?? Volume.Zero, Pump.Program, Pump.LowReservoirAlarm, Pump.Ptm, []);
        public PumpReading Reading => new(Plan.Profile, Estimate ?? Volume.Zero, Pump.Entered, Pump.Program, Pump.LowReservoirAlarm, Plan.RefillDiscrepancyLimit, Plan.CatheterVolume);
    }

    internal static string N(double v) => v.ToString("0.######", CultureInfo.InvariantCulture);
}

/// <summary>A reservoir volume the programmer read from the pump, and when.</summary>
internal readonly record struct ProgrammerReading(SimInstant At, double EstimatedMl);
