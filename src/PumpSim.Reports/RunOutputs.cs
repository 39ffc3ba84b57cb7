using PumpSim.Core.Events;

namespace PumpSim.Reports;

/// <summary>The files of one `run --out DIR` (SCENARIOS.md §3), written atomically together:
/// events.jsonl, telemetry.csv, summary.json, and report.html when a report is asked for.
/// JUnit is not here because CI usually wants one file for many scenarios; use <see cref="JUnitWriter"/>.</summary>
public static class RunOutputs
{
    public static IReadOnlyList<OutputFile> Files(SimulationResult result, IReadOnlyList<ExpectationOutcome> expectations, ReportInput? html)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(expectations);
        var files = new List<OutputFile>
        {
            new(EventLogWriter.FileName, s => EventLogWriter.Write(s, result.Events)),
            new(TelemetryCsvWriter.FileName, s => TelemetryCsvWriter.Write(s, result.Telemetry)),
            new(SummaryWriter.FileName, s => SummaryWriter.Write(s, result, expectations)),
        };
        if (html is not null) files.Add(OutputFile.Text(HtmlReportWriter.FileName, w => HtmlReportWriter.Write(w, html)));
        return files;
    }

    public static void Write(string outDirectory, SimulationResult result, IReadOnlyList<ExpectationOutcome> expectations, ReportInput? html = null) =>
        OutputDirectory.WriteAll(outDirectory, Files(result, expectations, html));
}
