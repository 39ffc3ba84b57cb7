using System.Globalization;
using System.Text.Json;

namespace PumpSim.Reports.Trace;

/// <summary>The files of `pumpsim trace --out DIR`: trace.csv, trace.json, trace.html and trace.reqif.</summary>
public static class TraceFiles
{
    public const string Csv = "trace.csv";
    public const string Json = "trace.json";
    public const string HtmlFile = "trace.html";
    public const string ReqIf = "trace.reqif";

    public static IReadOnlyList<OutputFile> Files(TraceMatrix matrix, string toolVersion) =>
    [
        OutputFile.Text(Csv, w => WriteCsv(w, matrix)),
        new OutputFile(Json, s => WriteJson(s, matrix)),
        OutputFile.Text(HtmlFile, w => TraceHtml.Write(w, matrix)),
        new OutputFile(ReqIf, s => ReqIfWriter.Write(s, matrix, toolVersion)),
    ];

    public static readonly string[] CsvColumns = ["requirement", "requirement_text", "source", "scenario", "file", "line", "expectation", "verdict", "detail"];

    public static void WriteCsv(TextWriter w, TraceMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(matrix);
        w.Write(string.Join(",", CsvColumns));
        w.Write('\n');
        foreach (var r in matrix.Rows)
        {
            w.Write(string.Join(",", new[]
            {
                Cell(r.Requirement.Id), Cell(r.Requirement.Text), Cell(r.Requirement.Source), Cell(r.Scenario ?? ""), Cell(Slashes(r.File)),
                r.Line > 0 ? r.Line.ToString(CultureInfo.InvariantCulture) : "", Cell(r.Expectation), r.Verdict, Cell(r.Detail),
            }));
            w.Write('\n');
        }
    }

    private static string Slashes(string? path) => (path ?? "").Replace('\\', '/');

    /// <summary>RFC 4180 quoting; a cell a spreadsheet would run as a formula (=, +, -, @ first) gets a leading
    /// apostrophe, since scenario text is anyone's input.</summary>
    internal static string Cell(string text)
    {
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r') text = "'" + text;
        return text.IndexOfAny([',', '"', '\n', '\r']) < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    public static void WriteJson(Stream output, TraceMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        using (var json = new Utf8JsonWriter(output, JsonOptions.Pretty))
        {
            json.WriteStartObject();
            json.WriteString("requirements_file", Slashes(matrix.Catalog.File));
            json.WriteStartObject("totals");
            json.WriteNumber("requirements", matrix.Catalog.Requirements.Count);
            json.WriteNumber("covered", matrix.Covered);
            json.WriteNumber("not_covered", matrix.Gaps.Count());
            json.WriteNumber("scenarios", matrix.Scenarios.Count);
            json.WriteNumber("expectations", matrix.Scenarios.Sum(s => s.Outcomes.Count));
            json.WriteNumber("failing", matrix.Failing);
            json.WriteNumber("expected_failures", matrix.Scenarios.Sum(s => s.Outcomes.Count(o => o.Verdict == "expected-failure")));
            json.WriteEndObject();
            json.WriteStartArray("requirements");
            foreach (var group in matrix.Rows.GroupBy(r => r.Requirement))
            {
                var req = group.Key;
                json.WriteStartObject();
                json.WriteString("id", req.Id);
                json.WriteString("text", req.Text);
                json.WriteString("source", req.Source);
                var gap = group.First().Verdict == TraceRow.NotCovered;
                json.WriteString("coverage", gap ? TraceRow.NotCovered : "covered");
                json.WriteStartArray("verified_by");
                foreach (var r in group.Where(r => r.Verdict != TraceRow.NotCovered))
                {
                    json.WriteStartObject();
                    json.WriteString("scenario", r.Scenario);
                    json.WriteString("file", Slashes(r.File));
                    if (r.Line > 0) json.WriteNumber("line", r.Line);
                    json.WriteString("expectation", r.Expectation);
                    json.WriteString("verdict", r.Verdict);
                    json.WriteString("detail", r.Detail);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("hazards");
            foreach (var h in matrix.Hazards)
            {
                json.WriteStartObject();
                json.WriteString("id", h.Hazard.Id);
                json.WriteString("hazard", h.Hazard.Title);
                json.WriteString("situation", h.Hazard.Situation);
                json.WriteString("harm", h.Hazard.Harm);
                json.WriteString("source", h.Hazard.Source);
                Scenarios(json, h.Scenarios);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("problem_codes");
            foreach (var c in matrix.Codes)
            {
                json.WriteStartObject();
                json.WriteNumber("code", c.Code.Code);
                json.WriteString("term", c.Code.Term);
                json.WriteString("source", c.Code.Source);
                Scenarios(json, c.Scenarios);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteString("disclaimer", SummaryWriter.Disclaimer);
            json.WriteEndObject();
        }
        output.Write("\n"u8);
    }

    private static void Scenarios(Utf8JsonWriter json, IReadOnlyList<TracedScenario> scenarios)
    {
        json.WriteStartArray("scenarios");
        foreach (var s in scenarios)
        {
            json.WriteStartObject();
            json.WriteString("scenario", s.Scenario.Plan.Id);
            json.WriteString("file", Slashes(s.File));
            json.WriteString("verdict", s.Verdict);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }
}
