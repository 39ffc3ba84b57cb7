using PumpSim.Core.Accuracy;
using ScottPlot;

namespace PumpSim.Reports;

/// <summary>trumpet.csv, startup.csv, trumpet.svg and startup.svg of `pumpsim trumpet`.</summary>
public static class TrumpetFiles
{
    public static IReadOnlyList<OutputFile> Files(FlowAccuracyResult r, string title) =>
    [
        OutputFile.Text("trumpet.csv", w => WriteTrumpet(w, r)),
        OutputFile.Text("startup.csv", w => WriteStartup(w, r)),
        OutputFile.Text("trumpet.svg", w => w.Write(TrumpetSvg(r, title))),
        OutputFile.Text("startup.svg", w => w.Write(StartupSvg(r, title))),
    ];

    public static void WriteTrumpet(TextWriter w, FlowAccuracyResult r)
    {
        w.Write("window_min,max_error_pct,min_error_pct\n");
        foreach (var p in r.Trumpet)
            w.Write($"{InvariantFormat.Integer(p.WindowMin)},{InvariantFormat.Fixed(p.MaxErrorPct, 4)},{InvariantFormat.Fixed(p.MinErrorPct, 4)}\n");
    }

    public static void WriteStartup(TextWriter w, FlowAccuracyResult r)
    {
        w.Write("t_min,flow_ml_per_h,programmed_ml_per_h,error_pct\n");
        foreach (var p in r.Startup)
            w.Write($"{InvariantFormat.Fixed(p.TMin, 1)},{InvariantFormat.Fixed(p.FlowMlPerH, 6)},{InvariantFormat.Fixed(p.ProgrammedMlPerH, 6)},{InvariantFormat.Fixed(p.ErrorPct, 4)}\n");
    }

    public static string TrumpetSvg(FlowAccuracyResult r, string title)
    {
        var plot = NewPlot($"Trumpet curve: {title} (minutes {ReportCharts.F(r.AnalysisFromMin)}–{ReportCharts.F(r.AnalysisToMin)})",
            "observation window (min)", "flow error (%)");
        var x = r.Trumpet.Select(p => (double)p.WindowMin).ToArray();
        Line(plot, x, r.Trumpet.Select(p => p.MaxErrorPct).ToArray(), "Ep(max)", ChartPalette.True, markers: true);
        Line(plot, x, r.Trumpet.Select(p => p.MinErrorPct).ToArray(), "Ep(min)", ChartPalette.Estimated, markers: true);
        var overall = plot.Add.HorizontalLine(r.OverallErrorPct);
        overall.Color = Color.FromHex(ChartPalette.Alarm);
        overall.LinePattern = LinePattern.Dotted;
        overall.LegendText = "overall error A = " + InvariantFormat.Fixed(r.OverallErrorPct, 2) + " %";
        var zero = plot.Add.HorizontalLine(0);
        zero.Color = Colors.Gray;
        zero.LineWidth = 1;
        var all = r.Trumpet.SelectMany(p => new[] { p.MaxErrorPct, p.MinErrorPct }).Append(0).Append(r.OverallErrorPct).ToArray();
        var pad = Math.Max(1, (all.Max() - all.Min()) * 0.15);
        plot.Axes.SetLimits(0, 33, all.Min() - pad, all.Max() + pad);
        return SvgNormaliser.Normalise(plot.GetSvgXml(ReportCharts.Width, ReportCharts.Height), "pumpsim-trumpet-");
    }

    public static string StartupSvg(FlowAccuracyResult r, string title)
    {
        var plot = NewPlot($"Start-up curve: {title} (first 2 h)", "minutes from start", "flow (mL/h)");
        var x = r.Startup.Select(p => p.TMin).ToArray();
        Line(plot, x, r.Startup.Select(p => p.FlowMlPerH).ToArray(), "flow out of the catheter", ChartPalette.True, markers: false);
        Line(plot, x, r.Startup.Select(p => p.ProgrammedMlPerH).ToArray(), "programmed", ChartPalette.Estimated, markers: false, dashed: true);
        var top = r.Startup.Select(p => Math.Max(p.FlowMlPerH, p.ProgrammedMlPerH)).DefaultIfEmpty(0).Max();
        plot.Axes.SetLimits(0, 120, 0, top * 1.2 + 1e-6);
        return SvgNormaliser.Normalise(plot.GetSvgXml(ReportCharts.Width, ReportCharts.Height), "pumpsim-startup-");
    }

    private static Plot NewPlot(string title, string x, string y)
    {
        var plot = new Plot();
        EmbeddedFonts.Register();
        plot.Font.Set(EmbeddedFonts.Family);
        plot.Title(title);
        plot.XLabel(x);
        plot.YLabel(y);
        plot.ShowLegend(Edge.Bottom);
        return plot;
    }

    private static void Line(Plot plot, double[] x, double[] y, string label, string colour, bool markers, bool dashed = false)
    {
        var line = plot.Add.Scatter(x, y);
        line.LegendText = label;
        line.Color = Color.FromHex(colour);
        line.LineWidth = 2;
        line.MarkerSize = markers ? 6 : 0;
        line.LinePattern = dashed ? LinePattern.Dashed : LinePattern.Solid;
    }
}
