namespace PumpSim.Reports;

/// <summary>The page's only stylesheet, inlined: the report must open offline and from an email
/// attachment, so it may not fetch CSS, fonts or scripts.</summary>
internal static class ReportStyles
{
    public const string Css = """
body { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; margin: 0 auto; max-width: 940px; padding: 0 16px 32px; color: #222; line-height: 1.4; }
h1 { margin-bottom: 4px; }
h2 { border-bottom: 2px solid #ddd; padding-bottom: 4px; margin-top: 32px; }
.meta { color: #555; margin-top: 0; }
.disclaimer { border: 3px solid #c0392b; background: #fdecea; padding: 12px 16px; font-size: 1.1em; margin: 16px 0; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; }
th, td { border: 1px solid #ddd; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f5f5f5; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.true { color: #1f77b4; font-weight: bold; }
.estimated { color: #ff7f0e; font-weight: bold; }
.pass { color: #1e7e34; font-weight: bold; }
.fail { color: #c0392b; font-weight: bold; }
.critical { color: #c0392b; }
.noncritical { color: #b07d00; }
figure { margin: 16px 0; }
figure svg { max-width: 100%; height: auto; }
figcaption { color: #555; font-size: 0.9em; }
.illustrative { font-style: italic; color: #7a4fa3; }
ol.narration li { margin-bottom: 6px; }
.time { color: #555; font-family: "DejaVu Sans Mono", monospace; font-size: 0.9em; }
footer { margin-top: 32px; color: #555; font-size: 0.9em; border-top: 1px solid #ddd; padding-top: 8px; }
""";
}
