using System.Globalization;
using PumpSim.Core.Engine;
using PumpSim.Core.Events;
using PumpSim.Core.Patient;
using PumpSim.Core.Units;
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
    // The patient's own thresholds (Core), never copies.
    public const double WithdrawalRiskPct = PatientMonitor.WithdrawalPct, UnderdosePct = PatientMonitor.UnderdosePct, OverdoseRiskPct = PatientMonitor.OverdosePct;

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
        return Render(plot, "reservoir", "Reservoir volume by day: the true volume and the pump's estimate, in mL, with the low-reservoir alarm level");
    }

    public static string DoseRate(ReportInput input, double[] days)
    {
        var t = input.Result.Telemetry;
        var plot = NewPlot("Dose rate: prescribed vs reaching CSF", "mcg/day", days);
        // Rates hold from one sample to the next, so steps show them truly; sloped joins would
        // invent intermediate rates that never happened.
        Line(plot, days, t.Select(s => s.CsfMcgPerDay), "reaching CSF", ChartPalette.True, dashed: false, steps: true);
        Line(plot, days, t.Select(s => s.ProgrammedMcgPerDay), "prescribed", ChartPalette.Estimated, dashed: true, steps: true);
        plot.Axes.SetLimitsY(0, Max(t.Select(s => Math.Max(s.CsfMcgPerDay, s.ProgrammedMcgPerDay))) * 1.1 + 1);
        return Render(plot, "doserate", "Dose rate by day: programmed and reaching the CSF, in mcg/day");
    }

    /// <summary>Telemetry carries only leaked_mcg_cumulative = tissue + pocket. Pocket fills are
    /// events with the mass injected, so their running sum is split off as its own series; the rest
    /// is what the catheter lost (to tissue, or into the pocket through a disconnect). When the run
    /// had no disconnect the rest is exactly the tissue leak, and the legend says so.</summary>
    public static string CumulativeDose(ReportInput input, double[] days)
    {
        var r = input.Result;
        var t = r.Telemetry;
        var (catheter, pocketFill) = SplitLost(r);
        var plot = NewPlot("Cumulative dose: reaching CSF and lost outside it", "mcg", days);
        Line(plot, days, t.Select(s => s.DeliveredCsfMcgCumulative), "delivered to CSF", ChartPalette.True, dashed: false);
        Line(plot, days, catheter, CatheterLossLabel(r), ChartPalette.Leaked, dashed: false);
        if (pocketFill.Any(v => v > 0))
            Line(plot, days, pocketFill, "into the pocket (refill needle missed the reservoir)", ChartPalette.Pocket, dashed: false, steps: true);
        plot.Axes.SetLimitsY(0, Max(t.Select(s => Math.Max(s.DeliveredCsfMcgCumulative, s.LeakedMcgCumulative))) * 1.05 + 1);
        return Render(plot, "cumulative", "Cumulative dose by day: programmed and reaching the CSF, in mcg");
    }

    public const string LeakedToTissueLabel = "leaked to tissue (catheter fault)";
    public const string LeakedOrDisconnectLabel = "not reaching CSF through the catheter (leak to tissue, disconnect into the pocket)";

    /// <summary>"leaked to tissue" unless some pocket drug did not come from a pocket fill (a disconnect).</summary>
    internal static string CatheterLossLabel(SimulationResult r)
    {
        var fills = r.Events.OfType<PocketFill>().Sum(e => e.InjectedMcg);
        return r.Totals.PocketMcg - fills > AtAGlance.OutsideCsfRedMcg ? LeakedOrDisconnectLabel : LeakedToTissueLabel;
    }

    /// <summary>Per telemetry sample: (lost through the catheter, injected by pocket fills). A fill
    /// at the same instant as a sample counts only if the sample already includes it (the leaked
    /// total jumped by at least the fill), so the catheter series never dips below zero for a sample.</summary>
    internal static (double[] Catheter, double[] PocketFill) SplitLost(SimulationResult r)
    {
        var fills = r.Events.OfType<PocketFill>().OrderBy(e => e.At).ThenBy(e => e.Sequence)
            .Select(e => (e.At, Mcg: e.InjectedMcg)).ToList();
        var t = r.Telemetry;
        var catheter = new double[t.Count];
        var pocket = new double[t.Count];
        var next = 0;
        var sum = 0.0;
        for (var i = 0; i < t.Count; i++)
        {
            var s = t[i];
            while (next < fills.Count && (fills[next].At < s.At ||
                   (fills[next].At == s.At && s.LeakedMcgCumulative + 1e-6 >= sum + fills[next].Mcg)))
                sum += fills[next++].Mcg;
            pocket[i] = sum;
            catheter[i] = Math.Max(0, s.LeakedMcgCumulative - sum);
        }
        return (catheter, pocket);
    }

    /// <summary>Days of battery at which the pump raises its elective replacement indicator (PUMP.md).</summary>
    public const double EriDays = 90;

    /// <summary>A replaced pump (or reset battery) jumps to years of life, which would flatten the
    /// slide to end of service into the x axis. When the series jumps up, the y axis is capped at
    /// max(3 × the first value, 2 × ERI) and the off-scale level is written on the chart.</summary>
    public static string Battery(ReportInput input, double[] days)
    {
        var t = input.Result.Telemetry;
        var plot = NewPlot("Battery: days remaining", "days", days);
        var values = t.Select(s => s.BatteryDaysRemaining).ToArray();
        Line(plot, days, values, "battery days remaining", ChartPalette.Battery, dashed: false);
        var eri = plot.Add.HorizontalLine(EriDays);
        eri.Color = Color.FromHex(ChartPalette.Alarm);
        eri.LinePattern = LinePattern.Dotted;
        eri.LineWidth = 1.5f;
        eri.LegendText = "elective replacement indicator (" + InvariantFormat.Fixed(EriDays, 0) + " days)";
        var top = Max(values) * 1.05 + 1;
        var cap = BatteryCap(values);
        if (cap is { } c && c < top)
        {
            top = c;
            var peak = Max(values);
            var x = days[Array.FindIndex(values, v => v > c)];
            var note = plot.Add.Text("off scale: " + InvariantFormat.Fixed(peak, 0) + " days (new battery)", x, c * 0.97);
            note.LabelFontSize = 12;
            note.LabelFontColor = Color.FromHex(ChartPalette.Battery);
            var right = x > (days[^1] / 2);
            note.LabelAlignment = right ? Alignment.UpperRight : Alignment.UpperLeft;
            note.OffsetX = right ? -6 : 6;
        }
        plot.Axes.SetLimitsY(0, Math.Max(top, EriDays * 1.1));
        return Render(plot, "battery", "Battery life remaining by day");
    }

    /// <summary>The y cap when the battery series jumps up (a new pump or battery), else null.</summary>
    internal static double? BatteryCap(IReadOnlyList<double> values)
    {
        var jump = false;
        for (var i = 1; i < values.Count; i++)
            if (values[i] > values[i - 1] + 1) { jump = true; break; }
        if (!jump || values.Count == 0) return null;
        return Math.Max(3 * values[0], 2 * EriDays);
    }

    /// <summary>Only called when the run has patient figures. The bands are drawn first so the
    /// line stays on top; the title says "illustrative" because the chart is often copied alone.
    /// Above the curve, one lane per patient flag the engine raised shows when it was raised (an
    /// overdose risk from a pocket fill is a flag, not a change of the effect curve).</summary>
    public static string PatientEffect(ReportInput input, double[] days)
    {
        var r = input.Result;
        var t = r.Telemetry;
        var plot = NewPlot("Patient effect, % of maintained level (illustrative only)", "% effect", days);
        var dataTop = Math.Max(250, Max(t.Select(s => s.PatientEffectPct ?? 0)) * 1.1);
        var intervals = FlagIntervals(r);
        var lanes = FlagOrder.Where(f => intervals.Any(i => i.Flag == f)).ToList();
        var laneHeight = dataTop * 0.12;
        var top = dataTop + lanes.Count * laneHeight;
        Band(plot, 0, WithdrawalRiskPct, FlagColour(Simulation.WithdrawalRisk), 0.18, "withdrawal risk zone (< 30 %)");
        Band(plot, WithdrawalRiskPct, UnderdosePct, FlagColour(Simulation.Underdose), 0.14, "underdose zone (< 60 %)");
        Band(plot, OverdoseRiskPct, dataTop, FlagColour(Simulation.OverdoseRisk), 0.18, "overdose risk zone (> 200 %)");
        var end = days.Length > 0 && days[^1] > 0 ? days[^1] : 1;
        for (var lane = 0; lane < lanes.Count; lane++)
        {
            var flag = lanes[lane];
            var y0 = dataTop + lane * laneHeight;
            var first = true;
            foreach (var iv in intervals.Where(i => i.Flag == flag))
            {
                var x0 = (iv.From - r.Start).TotalDays;
                var x1 = iv.To is { } to ? (to - r.Start).TotalDays : end;
                x1 = Math.Max(x1, x0 + end * 0.004); // a flag raised and cleared at once still shows
                var rect = plot.Add.Rectangle(x0, x1, y0 + laneHeight * 0.12, y0 + laneHeight * 0.88);
                rect.FillStyle.Color = Color.FromHex(FlagColour(flag)).WithAlpha(0.85);
                rect.LineStyle.Width = 0;
                if (first) rect.LegendText = "flag raised: " + FlagText(flag);
                first = false;
            }
            var label = plot.Add.Text(FlagText(flag), 0, y0 + laneHeight / 2);
            label.LabelFontSize = 11;
            label.LabelFontColor = Colors.Black;
            label.LabelAlignment = Alignment.MiddleLeft;
            label.OffsetX = 4;
        }
        // Samples without a patient figure become gaps (NaN), not zeros that would look like withdrawal.
        Line(plot, days, t.Select(s => s.PatientEffectPct ?? double.NaN), "effect %", ChartPalette.Patient, dashed: false);
        plot.Axes.SetLimitsY(0, top);
        // Taller when there are flag lanes, so each lane stays readable.
        return Render(plot, "patient", "Illustrative patient effect by day, with its risk bands", Height + (lanes.Count > 0 ? 40 + 20 * lanes.Count : 0));
    }

    /// <summary>Lane order, top-down reading: the worst flags first.</summary>
    private static readonly string[] FlagOrder = [Simulation.OverdoseRisk, Simulation.WithdrawalRisk, Simulation.Underdose];

    internal static string FlagColour(string flag) => flag switch
    {
        Simulation.WithdrawalRisk => ChartPalette.RiskHigh,
        Simulation.OverdoseRisk => ChartPalette.RiskOverdose,
        _ => ChartPalette.RiskMedium,
    };

    internal static string FlagText(string flag) => flag.Replace('-', ' ');

    /// <summary>One patient-flag interval: raised at From, cleared at To (null: still raised at the end).</summary>
    internal sealed record FlagInterval(string Flag, SimInstant From, SimInstant? To);

    /// <summary>Pairs patient-flag-raised with the next patient-flag-cleared of the same flag, in event order.</summary>
    internal static IReadOnlyList<FlagInterval> FlagIntervals(SimulationResult r)
    {
        var open = new Dictionary<string, SimInstant>(StringComparer.Ordinal);
        var result = new List<FlagInterval>();
        foreach (var e in r.Events.Where(e => e is PatientFlagRaised or PatientFlagCleared)
                     .OrderBy(e => e.At).ThenBy(e => e.Sequence))
        {
            var (raised, flag) = e switch
            {
                PatientFlagRaised f => (true, f.Flag),
                PatientFlagCleared f => (false, f.Flag),
                _ => (false, ""),
            };
            if (string.IsNullOrEmpty(flag)) continue;
            if (raised) open.TryAdd(flag, e.At);
            else if (open.Remove(flag, out var from)) result.Add(new(flag, from, e.At));
        }
        foreach (var (flag, from) in open) result.Add(new(flag, from, null));
        return result.OrderBy(i => i.From).ThenBy(i => i.Flag, StringComparer.Ordinal).ToList();
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

    /// <param name="label">What the chart shows, in words: the SVG is marked role="img" with this as its
    /// aria-label, so a screen reader announces one image with a name instead of hundreds of paths.</param>
    private static string Render(Plot plot, string name, string label, int height = Height) =>
        SvgNormaliser.Normalise(plot.GetSvgXml(Width, height), "pumpsim-" + name + "-", label);

    /// <summary>X positions of the telemetry samples, in days from the run's start.</summary>
    public static double[] Days(SimulationResult r) =>
        r.Telemetry.Select(s => (s.At - r.Start).TotalDays).ToArray();

    internal static string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
}
