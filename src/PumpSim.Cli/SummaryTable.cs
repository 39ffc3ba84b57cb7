using System.Globalization;
using PumpSim.Core.Events;
using Spectre.Console;

namespace PumpSim.Cli;

/// <summary>The short table `run` prints: dose programmed vs delivered, alarms, discrepancies,
/// final state and the expectations.</summary>
public static class SummaryTable
{
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

    public static void Write(IAnsiConsole console, ScenarioRun run)
    {
        var r = run.Result;
        var t = r.Totals;
        var table = new BoxTable($"[bold]{Markup.Escape(run.Scenario.Title)}[/]", "What", "Value");
        table.AddRow("Scenario", Markup.Escape($"{r.ScenarioId} (seed {r.Seed})"));
        table.AddRow("Period", $"{r.Start} → {r.End} ({N((r.End - r.Start).TotalDays, "0.##")} days)");
        table.AddRow("Dose prescribed", $"{N(t.ProgrammedMcg, "0.0")} mcg");
        var share = "";
        if (t.ProgrammedMcg > 0)
        {
            // Over-delivery is flagged as loudly as under-delivery (the report's thresholds).
            var pct = t.DeliveredCsfMcg / t.ProgrammedMcg * 100;
            share = $" ({N(pct, "0.0")} % of prescribed)" + (pct > Reports.AtAGlance.DoseRedHighPct ? " [red bold]OVERDOSE[/]"
                : pct < Reports.AtAGlance.DoseRedLowPct ? " [red bold]UNDERDOSE[/]" : "");
        }
        table.AddRow("Delivered to CSF", $"{N(t.DeliveredCsfMcg, "0.0")} mcg{share}");
        if (t.LeakedMcg > 0) table.AddRow("Leaked to tissue", $"{N(t.LeakedMcg, "0.0")} mcg");
        if (t.PocketMcg > 0) table.AddRow("Into the pocket", $"{N(t.PocketMcg, "0.0")} mcg");
        table.AddRow("Reservoir true / estimated", $"{Pair(r.Final.ReservoirTrueMl, r.Final.ReservoirEstimatedMl)} mL");
        table.AddRow("Battery", $"{N(r.Final.BatteryDaysRemaining, "0")} days left");
        table.AddRow("Therapy state at end", r.Final.TherapyState);
        var discrepancies = r.Events.OfType<RefillDiscrepancy>().Count();
        if (discrepancies > 0) table.AddRow("Refill discrepancies", discrepancies.ToString(CultureInfo.InvariantCulture));
        var refused = r.Events.OfType<RefillOverfillRefused>().Sum(e => e.RefusedMl);
        if (refused > 0) table.AddRow("[yellow]Refill excess refused[/]", $"{N(refused)} mL (more than the reservoir could hold)");
        var pocketFills = r.Events.OfType<PocketFill>().Count();
        if (pocketFills > 0) table.AddRow("[red]Pocket fills[/]", pocketFills.ToString(CultureInfo.InvariantCulture));
        foreach (var a in r.Alarms)
        {
            var colour = a.Priority == Core.Firmware.AlarmPriority.Critical ? "red" : "yellow";
            var cleared = a.Cleared is { } c ? $"cleared day {N((c - r.Start).TotalDays, "0.00")}" : "still active";
            table.AddRow($"[{colour}]alarm {a.Id}[/]", $"day {N((a.Raised - r.Start).TotalDays, "0.00")}, {cleared}, {a.Tones} tones");
        }
        if (r.Alarms.Count == 0) table.AddRow("Alarms", "none");
        table.Write(console);
        if (run.Outcomes.Count > 0)
        {
            var checks = new BoxTable("[bold]Expectations[/]", "Result", "Expectation", "Actual");
            foreach (var o in run.Outcomes)
                checks.AddRow(o.Passed ? "[green]PASS[/]" : "[red]FAIL[/]", Markup.Escape(o.Text), Markup.Escape(o.Detail));
            checks.Write(console);
        }
        console.MarkupLine("[grey]Illustrative simulation for training and testing — not for clinical decisions.[/]");
    }
}
