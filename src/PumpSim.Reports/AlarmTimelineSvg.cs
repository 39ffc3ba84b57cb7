using System.Globalization;
using System.Text;
using PumpSim.Core.Events;
using PumpSim.Core.Firmware;
using PumpSim.Core.Units;

namespace PumpSim.Reports;

/// <summary>A hand-drawn SVG timeline: one row per alarm occurrence, a bar from raise to clear (to
/// the run's end if still active), and one row of ticks for the notable non-alarm events. Drawn
/// by hand rather than with ScottPlot because it is a Gantt chart, which ScottPlot has no plottable
/// for, and because plain rects with &lt;title&gt; give hover text without any script.</summary>
internal static class AlarmTimelineSvg
{
    private const double Width = ReportCharts.Width, LabelWidth = 210, RightPad = 20, RowHeight = 24, Top = 8, AxisHeight = 30,
        LabelRowHeight = 16, CharWidth = 6.3, LabelGap = 6;

    /// <summary>Event types worth a tick on the timeline, with their short labels: read from Core's
    /// <see cref="EventWords"/> (headline and notable types). Tones, narration and routine state
    /// changes would only clutter it. Headline labels are placed first (a refill, a fault, an MRI, a
    /// new pump are what a trainer points at), then the rest where room is left; a label that would
    /// overlap one already placed is skipped, and the tick keeps its hover text.</summary>
    public static IReadOnlyList<EventShape> MarkedEventTypes { get; } = EventTable.All.Where(s => s.Words.Marked).ToArray();

    public static string Render(SimulationResult r)
    {
        var alarms = SummaryWriter.OrderedAlarms(r.Alarms).ToList();
        var marked = r.Events.Where(e => EventWords.Of(e).Marked).OrderBy(e => e.At).ThenBy(e => e.Sequence).ToList();
        var rows = alarms.Count + 1;
        var height = Top + rows * RowHeight + LabelRowHeight + AxisHeight;
        var span = Math.Max(1, (r.End - r.Start).Seconds);
        var barWidth = Width - LabelWidth - RightPad;
        double X(SimInstant t) => LabelWidth + Math.Clamp((t - r.Start).Seconds / (double)span, 0, 1) * barWidth;

        var sb = new StringBuilder();
        sb.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\" width=\"").Append(F(Width))
          .Append("\" height=\"").Append(F(height)).Append("\" viewBox=\"0 0 ").Append(F(Width)).Append(' ').Append(F(height))
          .Append("\" role=\"img\" aria-label=\"Alarm timeline\" font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"12\">\n");

        // Layers from the back: grey tracks with their labels, the day grid, then bars and ticks.
        for (var i = 0; i < rows; i++)
        {
            Track(sb, Top + i * RowHeight, barWidth);
            Label(sb, Top + i * RowHeight, i < alarms.Count ? alarms[i].Id : "events");
        }

        // Day grid before the bars and ticks drawn after it sit on top. Whole days, at a
        // calendar-friendly step giving at most ~10 labels.
        var axisY = Top + rows * RowHeight + LabelRowHeight + 4;
        var totalDays = span / (double)SimDuration.SecondsPerDay;
        var step = DayStep(totalDays);
        for (long d = 0; d <= (long)Math.Floor(totalDays); d = checked(d + step))
        {
            var x = LabelWidth + d / totalDays * barWidth;
            sb.Append("<line x1=\"").Append(F(x)).Append("\" x2=\"").Append(F(x)).Append("\" y1=\"").Append(F(Top))
              .Append("\" y2=\"").Append(F(axisY)).Append("\" stroke=\"#ccc\" stroke-width=\"1\"/>\n");
            sb.Append("<text x=\"").Append(F(x)).Append("\" y=\"").Append(F(axisY + 14)).Append("\" text-anchor=\"middle\">")
              .Append(d.ToString(CultureInfo.InvariantCulture)).Append("</text>\n");
        }

        for (var i = 0; i < alarms.Count; i++)
        {
            var a = alarms[i];
            var y = Top + i * RowHeight;
            var end = a.Cleared ?? r.End;
            var x0 = X(a.Raised);
            var w = Math.Max(2, X(end) - x0); // an alarm raised and cleared at once still shows
            var colour = a.Priority == AlarmPriority.Critical ? ChartPalette.Critical : ChartPalette.NonCritical;
            var tip = $"{a.Id} ({AlarmIds.Text(a.Priority)}): raised {a.Raised}, " +
                      (a.Cleared is { } c ? $"cleared {c}" : "still active at end") + $", {a.Tones} tones";
            sb.Append("<rect x=\"").Append(F(x0)).Append("\" y=\"").Append(F(y + 4)).Append("\" width=\"").Append(F(w))
              .Append("\" height=\"").Append(F(RowHeight - 8)).Append("\" fill=\"").Append(colour).Append("\"><title>")
              .Append(Html.Escape(tip)).Append("</title></rect>\n");
        }

        var ey = Top + alarms.Count * RowHeight;
        foreach (var e in marked)
        {
            var x = X(e.At);
            sb.Append("<line x1=\"").Append(F(x)).Append("\" x2=\"").Append(F(x)).Append("\" y1=\"").Append(F(ey + 3))
              .Append("\" y2=\"").Append(F(ey + RowHeight - 3)).Append("\" stroke=\"#333\" stroke-width=\"2\"><title>")
              .Append(Html.Escape($"{e.At} {EventWords.Sentence(e)}")).Append("</title></line>\n");
        }

        foreach (var (x, text) in PlaceLabels(marked, X, LabelWidth, Width - RightPad))
            sb.Append("<text class=\"tick-label\" x=\"").Append(F(x)).Append("\" y=\"").Append(F(ey + RowHeight + 11))
              .Append("\" text-anchor=\"middle\" font-size=\"11\" fill=\"#333\">").Append(Html.Escape(text)).Append("</text>\n");

        sb.Append("<text x=\"").Append(F(LabelWidth - 8)).Append("\" y=\"").Append(F(axisY + 14))
          .Append("\" text-anchor=\"end\">days from start</text>\n");
        sb.Append("</svg>");
        return sb.ToString();
    }

    /// <summary>Label centres and texts, main events first, none overlapping, all inside [left, right].</summary>
    internal static List<(double X, string Text)> PlaceLabels(IReadOnlyList<PumpEvent> marked, Func<SimInstant, double> x, double left, double right)
    {
        var placed = new List<(double From, double To, double X, string Text)>();
        foreach (var salience in new[] { EventSalience.Headline, EventSalience.Notable })
        {
            foreach (var e in marked)
            {
                var words = EventWords.Of(e);
                if (words.Salience != salience) continue;
                var half = words.Label.Length * CharWidth / 2;
                var cx = Math.Clamp(x(e.At), left + half, right - half);
                var (from, to) = (cx - half - LabelGap / 2, cx + half + LabelGap / 2);
                if (placed.Any(p => from < p.To && p.From < to)) continue;
                placed.Add((from, to, cx, words.Label));
            }
        }
        return placed.OrderBy(p => p.X).Select(p => (p.X, p.Text)).ToList();
    }

    private static readonly long[] NiceDaySteps = [1, 2, 5, 7, 14, 30, 60, 90, 180, 365, 730, 1825, 3650];

    private static long DayStep(double totalDays)
    {
        foreach (var step in NiceDaySteps) if (totalDays / step <= 10) return step;
        return (long)Math.Ceiling(totalDays / 10);
    }

    private static void Track(StringBuilder sb, double y, double barWidth) =>
        sb.Append("<rect x=\"").Append(F(LabelWidth)).Append("\" y=\"").Append(F(y + 2)).Append("\" width=\"").Append(F(barWidth))
          .Append("\" height=\"").Append(F(RowHeight - 4)).Append("\" fill=\"#f0f0f0\"/>\n");

    private static void Label(StringBuilder sb, double y, string text) =>
        sb.Append("<text x=\"").Append(F(LabelWidth - 8)).Append("\" y=\"").Append(F(y + RowHeight / 2 + 4))
          .Append("\" text-anchor=\"end\">").Append(Html.Escape(text)).Append("</text>\n");

    private static string F(double v) => ReportCharts.F(v);
}
