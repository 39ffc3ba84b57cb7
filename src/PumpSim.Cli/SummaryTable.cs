using System.Globalization;
using PumpSim.Core.Events;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace PumpSim.Cli;

/// <summary>The short table `run` prints: dose programmed vs delivered, alarms, discrepancies,
/// final state and the expectations.</summary>
public static class SummaryTable
{
    private static readonly Style Bold = new(decoration: Decoration.Bold);
    private static readonly Style RedBold = new(Color.Red, decoration: Decoration.Bold);

    private static string N(double v, string format = "0.###") => v.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>Two volumes side by side with the same decimals (up to 3), so "18.042 / 18.000" reads
    /// as a comparison where "18.042 / 18" looked like a rounding.</summary>
    internal static string Pair(double a, double b)
    {
        static int Decimals(string s) => s.IndexOf('.', StringComparison.Ordinal) is var i and >= 0 ? s.Length - i - 1 : 0;
        var decimals = Math.Max(Decimals(N(a)), Decimals(N(b)));
        var format = decimals == 0 ? "0" : "0." + new string('0', decimals);
        return $"{N(a, format)} / {N(b, format)}";
    }

    /// <summary>"refill ×2, fault ×1": each headline event type that happened, in the event table's
    /// order, with its label from Core (<see cref="EventWords"/>).</summary>
    internal static string NotableEvents(IReadOnlyList<PumpEvent> events)
    {
        var parts = new List<string>();
        foreach (var shape in EventTable.All)
        {
            if (shape.Words.Salience != EventSalience.Headline) continue;
            var count = 0;
            foreach (var e in events) if (e.GetType() == shape.Record) count++;
            if (count > 0) parts.Add($"{shape.Words.Label} ×{count.ToString(CultureInfo.InvariantCulture)}");
        }
        return string.Join(", ", parts);
    }

    public static void Write(IAnsiConsole console, ScenarioRun run)
    {
        var r = run.Result;
        var t = r.Totals;
        var table = new BoxTable(BoxTable.Cell(run.Scenario.Title, Bold), "What", "Value");
        table.AddRow("Scenario", $"{r.ScenarioId} (seed {r.Seed})");
        table.AddRow("Period", $"{r.Start} → {r.End} ({N((r.End - r.Start).TotalDays, "0.##")} days)");
        table.AddRow("Dose prescribed", $"{N(t.ProgrammedMcg, "0.0")} mcg");
        var delivered = new List<Segment> { new($"{N(t.DeliveredCsfMcg, "0.0")} mcg") };
        if (t.ProgrammedMcg > 0)
        {
            // Over-delivery is flagged as loudly as under-delivery (the report's thresholds).
            var pct = t.DeliveredCsfMcg / t.ProgrammedMcg * 100;
            delivered.Add(new($" ({N(pct, "0.0")} % of prescribed)"));
            var flag = pct > Reports.AtAGlance.DoseRedHighPct ? "OVERDOSE" : pct < Reports.AtAGlance.DoseRedLowPct ? "UNDERDOSE" : null;
            if (flag is not null) delivered.AddRange([new(" "), new(flag, RedBold)]);
        }
        table.AddRow(BoxTable.Cell("Delivered to CSF"), delivered.ToArray());
        if (t.LeakedMcg > 0) table.AddRow("Leaked to tissue", $"{N(t.LeakedMcg, "0.0")} mcg");
        if (t.PocketMcg > 0) table.AddRow("Into the pocket", $"{N(t.PocketMcg, "0.0")} mcg");
        table.AddRow("Reservoir true / estimated", $"{Pair(r.Final.ReservoirTrueMl, r.Final.ReservoirEstimatedMl)} mL");
        table.AddRow("Battery", $"{N(r.Final.BatteryDaysRemaining, "0")} days left");
        table.AddRow("Therapy state at end", r.Final.TherapyState);
        var discrepancies = r.Events.OfType<RefillDiscrepancy>().Count();
        if (discrepancies > 0) table.AddRow("Refill discrepancies", discrepancies.ToString(CultureInfo.InvariantCulture));
        var refused = r.Events.OfType<RefillOverfillRefused>().Sum(e => e.RefusedMl);
        if (refused > 0) table.AddRow(BoxTable.Cell("Refill excess refused", new Style(Color.Yellow)), BoxTable.Cell($"{N(refused)} mL (more than the reservoir could hold)"));
        var pocketFills = r.Events.OfType<PocketFill>().Count();
        if (pocketFills > 0) table.AddRow(BoxTable.Cell("Pocket fills", new Style(Color.Red)), BoxTable.Cell(pocketFills.ToString(CultureInfo.InvariantCulture)));
        if (NotableEvents(r.Events) is { Length: > 0 } notable) table.AddRow("Headline events", notable);
        foreach (var a in r.Alarms)
        {
            var colour = a.Priority == Core.Firmware.AlarmPriority.Critical ? Color.Red : Color.Yellow;
            var cleared = a.Cleared is { } c ? $"cleared day {N((c - r.Start).TotalDays, "0.00")}" : "still active";
            table.AddRow(BoxTable.Cell($"alarm {a.Id}", new Style(colour)), BoxTable.Cell($"day {N((a.Raised - r.Start).TotalDays, "0.00")}, {cleared}, {a.Tones} tones"));
        }
        if (r.Alarms.Count == 0) table.AddRow("Alarms", "none");
        table.Write(console);
        if (run.Outcomes.Count > 0)
        {
            var checks = new BoxTable(BoxTable.Cell("Expectations", Bold), "Result", "Expectation", "Actual");
            foreach (var o in run.Outcomes)
                checks.AddRow(o.Passed ? BoxTable.Cell("PASS", new Style(Color.Green)) : BoxTable.Cell("FAIL", new Style(Color.Red)),
                    BoxTable.Cell(o.Text), BoxTable.Cell(o.Detail));
            checks.Write(console);
        }
        console.Write(new Text("Illustrative simulation for training and testing — not for clinical decisions.\n", new Style(Color.Grey)));
    }
}
