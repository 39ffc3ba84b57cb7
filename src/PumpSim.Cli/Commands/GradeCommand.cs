using System.ComponentModel;
using System.Text.Json;
using PumpSim.Cli.Infrastructure;
using PumpSim.Scenarios;
using PumpSim.Scenarios.Lessons;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PumpSim.Cli.Commands;

public sealed class GradeSettings : CommandSettings
{
    [CommandArgument(0, "<LESSON>")]
    [Description("The lesson file (scenarios/lessons/NAME.yaml).")]
    public string Lesson { get; init; } = "";

    [CommandArgument(1, "<SESSION>")]
    [Description("The trainee's saved session: the lesson's file plus the confirmed programmer events.")]
    public string Session { get; init; } = "";

    [CommandOption("--json")]
    [Description("Print the grade as JSON, for tools.")]
    public bool Json { get; init; }
}

/// <summary>`pumpsim grade LESSON SESSION [--json]`: one finding per problem, and what the patient
/// would have received (illustrative). Exit 0: the target is met without findings; 1: findings.</summary>
public sealed class GradeCommand(IAnsiConsole console) : Command<GradeSettings>
{
    public const string Illustrative = "illustrative simulation, not a clinical figure";

    public override int Execute(CommandContext context, GradeSettings settings, CancellationToken cancellationToken)
    {
        var lesson = LessonLoader.Load(settings.Lesson);
        var session = ScenarioLoader.Load(settings.Session);
        var report = Grader.Grade(lesson, session, ScenarioRun.RunBounded);
        var writer = console.Profile.Out.Writer;
        if (settings.Json) writer.Write(ToJson(report));
        else WriteText(writer, report, session.Plan.Start);
        return report.Passed ? ExitCodes.Ok : ExitCodes.ExpectationFailed;
    }

    private static void WriteText(TextWriter w, GradeReport report, Core.Units.SimInstant start)
    {
        w.WriteLine($"lesson {report.LessonId}: {(report.Passed ? "target met, no findings" : $"{report.Findings.Count} finding{(report.Findings.Count == 1 ? "" : "s")}")}");
        foreach (var f in report.Findings) w.WriteLine($"  {f.Kind}: {TerminalText.Clean(f.Message)}");
        var r = report.Received;
        w.WriteLine($"The patient would have received {Grader.N(r.McgPerDay)} mcg/day from day {Grader.N((r.From - start).TotalDays)} to day {Grader.N((r.To - start).TotalDays)}, " +
            $"{Grader.N(r.PercentOfPrescription)} % of the prescribed {Grader.N(r.PrescribedMcgPerDay)} mcg/day ({Illustrative}).");
    }

    public static string ToJson(GradeReport report)
    {
        using var buffer = new MemoryStream();
        using (var j = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            j.WriteStartObject();
            j.WriteString("lesson", report.LessonId);
            j.WriteBoolean("passed", report.Passed);
            j.WriteStartArray("findings");
            foreach (var f in report.Findings)
            {
                j.WriteStartObject();
                j.WriteString("kind", f.Kind);
                j.WriteString("message", f.Message);
                j.WriteStartObject("numbers");
                foreach (var (name, value) in f.Numbers) j.WriteNumber(name, value);
                j.WriteEndObject();
                j.WriteEndObject();
            }
            j.WriteEndArray();
            var r = report.Received;
            j.WriteStartObject("received");
            j.WriteString("from", r.From.ToString());
            j.WriteString("to", r.To.ToString());
            j.WriteNumber("delivered_mcg", r.DeliveredMcg);
            j.WriteNumber("mcg_per_day", r.McgPerDay);
            j.WriteNumber("prescribed_mcg_per_day", r.PrescribedMcgPerDay);
            j.WriteNumber("percent_of_prescription", r.PercentOfPrescription);
            j.WriteString("note", Illustrative);
            j.WriteEndObject();
            j.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}
