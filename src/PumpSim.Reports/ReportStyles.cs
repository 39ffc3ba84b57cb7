namespace PumpSim.Reports;

/// <summary>The page's only stylesheet, inlined: the report must open offline and from an email
/// attachment, so it may not fetch CSS, fonts or scripts.</summary>
internal static class ReportStyles
{
    public const string Css = $$"""
body { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; margin: 0 auto; max-width: 940px; padding: 0 16px 32px; color: #222; line-height: 1.4; }
h1 { margin-bottom: 4px; }
h2 { border-bottom: 2px solid #ddd; padding-bottom: 4px; margin-top: 32px; }
.meta { color: #555; margin-top: 0; }
.disclaimer { border: 3px solid #c0392b; background: #fdecea; padding: 12px 16px; font-size: 1.1em; margin: 16px 0; }
.glance { display: flex; flex-wrap: wrap; gap: 8px; margin: 8px 0 16px; }
.tile { flex: 1 1 140px; border: 1px solid #ccc; border-left-width: 8px; border-radius: 4px; padding: 6px 10px; background: #fafafa; }
.tile-head { font-size: 0.85em; color: #444; }
.tile-status { font-weight: bold; letter-spacing: 0.03em; }
.tile-value { font-size: 1.5em; font-weight: bold; font-variant-numeric: tabular-nums; }
.tile-text { font-size: 0.9em; }
.tile.red { border-color: #c0392b; background: #fdecea; }
.tile.red .tile-status, .tile.red .tile-value { color: #a93226; }
.tile.amber { border-color: #e6a117; background: #fff6e0; }
.tile.amber .tile-status, .tile.amber .tile-value { color: #8a6100; }
.tile.green { border-color: #1e7e34; background: #eaf6ec; }
.tile.green .tile-status, .tile.green .tile-value { color: #1e7e34; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; }
th, td { border: 1px solid #ddd; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f5f5f5; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.true { color: #1f77b4; font-weight: bold; }
.estimated { color: {{ChartPalette.EstimatedText}}; font-weight: bold; }
.pass { color: #1e7e34; font-weight: bold; }
.fail { color: #c0392b; font-weight: bold; }
.critical { color: #c0392b; }
.noncritical { color: #8a6100; } /* amber dark enough for text: 5.5:1 on white (#b07d00 was 3.6:1) */
figure { margin: 16px 0; }
figure svg { max-width: 100%; height: auto; }
figcaption { color: #555; font-size: 0.9em; }
.illustrative { font-style: italic; color: #7a4fa3; }
ol.narration li { margin-bottom: 6px; }
.time { color: #555; font-family: "DejaVu Sans Mono", monospace; font-size: 0.9em; }
footer { margin-top: 32px; color: #555; font-size: 0.9em; border-top: 1px solid #ddd; padding-top: 8px; }
""";
}
