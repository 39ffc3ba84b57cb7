namespace PumpSim.Reports.Trace;

/// <summary>trace.html: one self-contained page (no script, no fetch) with the coverage figures, the matrix with
/// its gaps as rows, and the hazard and problem-code tables.</summary>
internal static class TraceHtml
{
    private const string Css = """
body { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; margin: 0 auto; max-width: 1200px; padding: 0 16px 32px; color: #222; line-height: 1.35; }
table { border-collapse: collapse; width: 100%; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #eee; }
td.pass { color: #1e7b34; font-weight: bold; }
td.fail, td.unexpected-pass, td.not-covered, td.invalid { color: #a93226; font-weight: bold; }
td.expected-failure { color: #9a6700; font-weight: bold; }
tr.gap td { background: #fdecea; }
.disclaimer { border: 3px solid #c0392b; background: #fdecea; padding: 8px 12px; margin: 12px 0; }
.totals { font-size: 1.1em; }
""";

    public static void Write(TextWriter w, TraceMatrix m)
    {
        var gaps = m.Gaps.Count();
        w.Write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>PumpSim traceability matrix</title>\n<style>\n");
        w.Write(Css);
        w.Write("</style>\n</head>\n<body>\n<h1>Traceability matrix</h1>\n");
        w.Write($"<p class=\"disclaimer\">{Html.Escape(SummaryWriter.Disclaimer)}</p>\n");
        w.Write($"<p class=\"totals\">{m.Catalog.Requirements.Count} requirements ({Html.Escape(m.Catalog.File.Replace('\\', '/'))}): " +
                $"{m.Covered} covered, {gaps} not covered. {m.Scenarios.Count} scenarios, {m.Scenarios.Sum(s => s.Outcomes.Count)} expectations, " +
                $"{m.Failing} failing.</p>\n");
        w.Write("<h2 id=\"requirements\">Requirements × verifying expectations</h2>\n<table>\n");
        w.Write("<tr><th>Requirement</th><th>Text</th><th>Source</th><th>Scenario</th><th>Expectation</th><th>Verdict</th><th>Detail</th></tr>\n");
        foreach (var r in m.Rows)
        {
            var where = r.File is null ? "" : $"{r.File.Replace('\\', '/')}{(r.Line > 0 ? $":{r.Line}" : "")}";
            w.Write($"<tr{(r.Verdict == TraceRow.NotCovered ? " class=\"gap\"" : "")}><td>{Html.Escape(r.Requirement.Id)}</td><td>{Html.Escape(r.Requirement.Text)}</td>" +
                    $"<td>{Html.Escape(r.Requirement.Source)}</td><td>{Html.Escape(r.Scenario ?? "")}<br><small>{Html.Escape(where)}</small></td>" +
                    $"<td>{Html.Escape(r.Expectation)}</td><td class=\"{r.Verdict}\">{r.Verdict}</td><td>{Html.Escape(r.Detail)}</td></tr>\n");
        }
        w.Write("</table>\n<h2 id=\"hazards\">Hazards and the scenarios that exercise them</h2>\n<table>\n");
        w.Write("<tr><th>Hazard</th><th>Hazard</th><th>Hazardous situation</th><th>Harm</th><th>Scenarios</th></tr>\n");
        foreach (var h in m.Hazards)
            w.Write($"<tr{(h.Scenarios.Count == 0 ? " class=\"gap\"" : "")}><td>{Html.Escape(h.Hazard.Id)}</td><td>{Html.Escape(h.Hazard.Title)}</td>" +
                    $"<td>{Html.Escape(h.Hazard.Situation)}</td><td>{Html.Escape(h.Hazard.Harm)}</td><td>{ScenarioList(h.Scenarios)}</td></tr>\n");
        w.Write("</table>\n<h2 id=\"codes\">FDA device problem codes</h2>\n<table>\n<tr><th>Code</th><th>Term</th><th>Source</th><th>Scenarios</th></tr>\n");
        foreach (var c in m.Codes)
            w.Write($"<tr><td>{c.Code.Code}</td><td>{Html.Escape(c.Code.Term)}</td><td>{Html.Escape(c.Code.Source)}</td><td>{ScenarioList(c.Scenarios)}</td></tr>\n");
        w.Write("</table>\n</body>\n</html>\n");
    }

    private static string ScenarioList(IReadOnlyList<TracedScenario> scenarios) => scenarios.Count == 0
        ? "<span class=\"not-covered\">none</span>"
        : string.Join("<br>", scenarios.Select(s => $"{Html.Escape(s.Scenario.Plan.Id)} ({s.Verdict})"));
}
