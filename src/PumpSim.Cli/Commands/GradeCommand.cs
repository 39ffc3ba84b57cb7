using System.ComponentModel;
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
    public const string Illustrative = GradeText.Illustrative;

    public override int Execute(CommandContext context, GradeSettings settings, CancellationToken cancellationToken)
    {
        var lesson = LessonLoader.Load(settings.Lesson);
        var session = ScenarioLoader.Load(settings.Session);
        var report = Grader.Grade(lesson, session, ScenarioRun.RunBounded);
        var writer = console.Profile.Out.Writer;
        if (settings.Json) writer.Write(GradeJson.Write(report, Illustrative));
        else WriteText(writer, report, session.Plan.Start);
        return report.Passed ? ExitCodes.Ok : ExitCodes.ExpectationFailed;
    }

    private static void WriteText(TextWriter w, GradeReport report, Core.Units.SimInstant start)
    {
        foreach (var line in GradeText.Lines(report, start)) w.WriteLine(TerminalText.Clean(line));
    }
}
