using PumpSim.Core.Units;

namespace PumpSim.Scenarios.Lessons;

/// <summary>A grade as text, line by line: what <c>pumpsim grade</c> prints and what the web console
/// shows at the end of a lesson. One wording for both; the console adds no words of its own.</summary>
public static class GradeText
{
    /// <summary>Every patient figure is a simulation's: said next to each one shown.</summary>
    public const string Illustrative = "illustrative simulation, not a clinical figure";

    /// <summary>The headline, one line per finding (<c>  kind: message</c>) and what the patient
    /// would have received. <paramref name="start"/> is the scenario's start (days count from it).</summary>
    public static IReadOnlyList<string> Lines(GradeReport report, SimInstant start)
    {
        ArgumentNullException.ThrowIfNull(report);
        var n = report.Findings.Count;
        var lines = new List<string> { $"lesson {report.LessonId}: {(report.Passed ? "target met, no findings" : $"{n} finding{(n == 1 ? "" : "s")}")}" };
        lines.AddRange(report.Findings.Select(f => $"  {f.Kind}: {f.Message}"));
        lines.Add(Received(report.Received, start));
        return lines;
    }

    /// <summary>The patient's dose over the assessed window, against the prescription (illustrative).</summary>
    public static string Received(Received r, SimInstant start) =>
        $"The patient would have received {Grader.N(r.McgPerDay)} mcg/day from day {Grader.N((r.From - start).TotalDays)} to day {Grader.N((r.To - start).TotalDays)}, " +
        $"{Grader.N(r.PercentOfPrescription)} % of the prescribed {Grader.N(r.PrescribedMcgPerDay)} mcg/day ({Illustrative}).";
}
