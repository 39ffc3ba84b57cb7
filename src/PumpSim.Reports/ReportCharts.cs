using System.Globalization;
using PumpSim.Core.Events;
using ScottPlot;

namespace PumpSim.Reports;

/// <summary>The five ScottPlot charts of report.html, each returned as normalised inline SVG.
/// X axes are days from the run's start: scenarios are written in days, and dates would crowd
/// the axis. All charts share the run's x range so they line up when read top to bottom.</summary>
internal static class ReportCharts
{
    public const int Width = 880;
    public const int Height = 340; // room for the legend below the plot

    // Patient risk thresholds of PUMP.md §7, as % of the maintained effect.
    public const double WithdrawalRiskPct = 30, UnderdosePct = 60, OverdoseRiskPct = 200;

    public static string Reservoir(ReportInput input, double[] days)
    {
        var t = input.Result.Telemetry;
        var plot = NewPlot("Reservoir: true vs estimated", "mL", days);
        Line(plot, days, t.Select(s => s.ReservoirTrueMl), "true (in the body's pump)", ChartPalette.True, dashed: false);
        Line(plot, days, t.Select(s => s.ReservoirEstimatedMl), "estimated (pump firmware)", ChartPalette.Estimated, dashed: true);
        var lra = plot.Add.HorizontalLine(input.LowReservoirAlarmMl);
        lra.Color = Color.FromHex(ChartPalette.Alarm);
        lra.LinePattern = LinePattern.Dotted;
        lra.LineWidth = 1.5f;
        lra.LegendText = "low-reservoir alarm (" + InvariantFormat.Fixed(input.LowReservoirAlarmMl, 1) + " mL)";
        var top = Math.Max(input.ReservoirCapacityMl, Max(t.Select(s => Math.Max(s.ReservoirTrueMl, s.ReservoirEstimatedMl))));
        plot.Axes.SetLimitsY(Math.Min(0, Min(t.Select(s => Math.Min(s.ReservoirTrueMl, s.ReservoirEstimatedMl)))), top * 1.05 + 0.1);
        return Render(plot, "reservoir");
    }

    public static string DoseRate(ReportInput input, double[] days)
    {
        var t = input.Result.Telemetry;
        var plot = NewPlot("Dose rate: programmed vs reaching CSF", "mcg/day", days);
        // Rates hold from one sample to the next, so steps show them truly; sloped joins would
        // invent intermediate rates that never happened.
        Line(plot, days, t.Select(s => s.CsfMcgPerDay), "reaching CSF", ChartPalette.True, dashed: false, steps: true);
        Line(plot, days, t.Select(s => s.ProgrammedMcgPerDay), "programmed", ChartPalette.Estimated, dashed: true, steps: true);
        plot.Axes.SetLimitsY(0, Max(t.Select(s => Math.Max(s.CsfMcgPerDay, s.ProgrammedMcgPerDay))) * 1.1 + 1);
        return Render(plot, "doserate");
    }

    public static string CumulativeDose(ReportInput input, double[] days)
    {
        var t = input.Result.Telemetry;
        var plot = NewPlot("Cumulative dose: delivered to CSF and leaked", "mcg", days);
        Line(plot, days, t.Select(s => s.DeliveredCsfMcgCumulative), "delivered to CSF", ChartPalette.True, dashed: false);
        Line(plot, days, t.Select(s => s.LeakedMcgCumulative), "leaked (catheter fault)", ChartPalette.Leaked, dashed: false);
        plot.Axes.SetLimitsY(0, Max(t.Select(s => Math.Max(s.DeliveredCsfMcgCumulative, s.LeakedMcgCumulative))) * 1.05 + 1);
        return Render(plot, "cumulative");
    }

    public static string Battery(ReportInput input, double[] days)
    {
        var t = input.Result.Telemetry;
        var plot = NewPlot("Battery: days remaining", "days", days);
        Line(plot, days, t.Select(s => s.BatteryDaysRemaining), "battery days remaining", ChartPalette.Battery, dashed: false);
        plot.Axes.SetLimitsY(0, Max(t.Select(s => s.BatteryDaysRemaining)) * 1.05 + 1);
        return Render(plot, "battery");
    }

    /// <summary>Only called when the run has patient figures. The bands are drawn first so the
    /// line stays on top; the title says "illustrative" because the chart is often copied alone.</summary>
    public static string PatientEffect(ReportInput input, double[] days)
    {
        var t = input.Result.Telemetry;
        var plot = NewPlot("Patient effect, % of maintained level (illustrative only)", "% effect", days);
        var top = Math.Max(250, Max(t.Select(s => s.PatientEffectPct ?? 0)) * 1.1);
        Band(plot, 0, WithdrawalRiskPct, ChartPalette.RiskHigh, 0.18, "withdrawal risk (< 30 %)");
        Band(plot, WithdrawalRiskPct, UnderdosePct, ChartPalette.RiskMedium, 0.14, "underdose (< 60 %)");
        Band(plot, OverdoseRiskPct, top, ChartPalette.RiskHigh, 0.18, "overdose risk (> 200 %)");
        // Samples without a patient figure become gaps (NaN), not zeros that would look like withdrawal.
        Line(plot, days, t.Select(s => s.PatientEffectPct ?? double.NaN), "effect %", ChartPalette.Patient, dashed: false);
        plot.Axes.SetLimitsY(0, top);
        return Render(plot, "patient");
    }

    private static Plot NewPlot(string title, string yLabel, double[] days)
    {
        var plot = new Plot();
        // A sans font installed with most Linux images; browsers fall back gracefully elsewhere.
        plot.Font.Set("DejaVu Sans");
        plot.Title(title);
        plot.XLabel("days from start");
        plot.YLabel(yLabel);
        var end = days.Length > 0 ? days[^1] : 0;
        plot.Axes.SetLimitsX(0, end > 0 ? end : 1);
        plot.ShowLegend(Edge.Bottom);
        return plot;
    }

    private static void Line(Plot plot, double[] days, IEnumerable<double> ys, string label, string colour, bool dashed, bool steps = false)
    {
        var (x, y) = ChartDecimator.Thin(days, ys.ToArray());
        var line = plot.Add.ScatterLine(x, y);
        line.LegendText = label;
        line.Color = Color.FromHex(colour);
        line.LineWidth = 2;
        line.LinePattern = dashed ? LinePattern.Dashed : LinePattern.Solid;
        if (steps) line.ConnectStyle = ConnectStyle.StepHorizontal;
    }

    private static void Band(Plot plot, double from, double to, string colour, double alpha, string label)
    {
        var band = plot.Add.VerticalSpan(from, to);
        band.FillStyle.Color = Color.FromHex(colour).WithAlpha(alpha);
        band.LineStyle.Width = 0;
        band.LegendText = label;
    }

    private static double Max(IEnumerable<double> values)
    {
        var m = 0.0;
        foreach (var v in values) if (double.IsFinite(v) && v > m) m = v;
        return m;
    }

    private static double Min(IEnumerable<double> values)
    {
        var m = 0.0;
        foreach (var v in values) if (double.IsFinite(v) && v < m) m = v;
        return m;
    }

    private static string Render(Plot plot, string name) =>
        SvgNormaliser.Normalise(plot.GetSvgXml(Width, Height), "pumpsim-" + name + "-");

    /// <summary>X positions of the telemetry samples, in days from the run's start.</summary>
    public static double[] Days(SimulationResult r) =>
        r.Telemetry.Select(s => (s.At - r.Start).TotalDays).ToArray();

    internal static string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
}
