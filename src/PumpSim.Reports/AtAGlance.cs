using System.Text;
using PumpSim.Core.Engine;
using PumpSim.Core.Events;
using PumpSim.Core.Firmware;

namespace PumpSim.Reports;

/// <summary>The "At a glance" band under the title: a few tiles that say in words, and in
/// green / amber / red, whether the run went wrong, so a trainer sees the failure before reading
/// any table. Each tile is computed from the result alone.
///
/// Thresholds (why each colour):
/// <list type="bullet">
/// <item>Dose reaching the CSF, as % of the prescribed dose (totals.programmed_mcg: the active
/// program plus boluses, so a missed refill or end of service shows as a shortfall):
/// red &lt; 80 % or &gt; 115 %; amber &lt; 95 % or &gt; 105 % (the pump's ±15 % accuracy is red
/// territory, the ±5 % a trainer would still question is amber); green otherwise. No tile colour
/// when nothing was prescribed. Red too, whatever the whole run's figure, when any whole day got
/// more than 200 % or less than 60 % of that day's prescription (<see cref="DailyDose"/>): the
/// average must not hide an overdose, and the text then says the peak day and how many days.</item>
/// <item>Reservoir estimate − true, its largest size over the telemetry and the end (shown with
/// the day it happened; the gap at the end is said in words): amber &gt; 1 mL, red &gt; 2 mL (the refill discrepancy limit, at which a real refill
/// would flag the pump).</item>
/// <item>Alarms raised: red if any critical, amber if only non-critical, green if none.</item>
/// <item>Patient flags (illustrative; tile left out without patient data): red for withdrawal-risk
/// or overdose-risk, amber for underdose only, green if none.</item>
/// <item>Drug outside the CSF (leaked to tissue + into the pocket): red if more than 0.0005 mcg,
/// the last decimal the summary table prints; green otherwise.</item>
/// </list></summary>
public static class AtAGlance
{
    public enum Level { Neutral, Green, Amber, Red }

    public sealed record Tile(string Key, string Heading, string Value, string Text, Level Level);

    public const double DoseRedLowPct = 80, DoseAmberLowPct = 95, DoseAmberHighPct = 105, DoseRedHighPct = 115;
    public const double DiscrepancyAmberMl = 1, DiscrepancyRedMl = 2;
    public const double OutsideCsfRedMcg = 0.0005;

    public static IReadOnlyList<Tile> Tiles(SimulationResult r)
    {
        var tiles = new List<Tile> { Dose(r), Reservoir(r), Alarms(r) };
        if (r.Telemetry.Any(s => s.PatientEffectPct is not null)) tiles.Add(PatientFlags(r));
        tiles.Add(OutsideCsf(r));
        return tiles;
    }

    public static Tile Dose(SimulationResult r)
    {
        var t = r.Totals;
        const string heading = "Dose to the spinal fluid";
        if (!(t.ProgrammedMcg > 0))
            return new("dose", heading, "—", $"No dose was prescribed; {Mcg(t.DeliveredCsfMcg)} reached the spinal fluid.", Level.Neutral);
        var pct = t.DeliveredCsfMcg / t.ProgrammedMcg * 100;
        var shown = InvariantFormat.Fixed(pct, 0) + " %";
        var level = pct < DoseRedLowPct || pct > DoseRedHighPct ? Level.Red
            : pct < DoseAmberLowPct || pct > DoseAmberHighPct ? Level.Amber : Level.Green;
        // Over-delivery is said as loudly as under-delivery: a wrong concentration entry or a
        // decimal error shows as an overdose here, not as "OK".
        var text = pct < DoseRedLowPct ? $"Underdose: only {shown} of the prescribed dose reached the spinal fluid."
            : pct < DoseAmberLowPct ? $"Only {shown} of the prescribed dose reached the spinal fluid."
            : pct > DoseRedHighPct ? $"Overdose: {shown} of the prescribed dose reached the spinal fluid."
            : pct > DoseAmberHighPct ? $"{shown} of the prescribed dose reached the spinal fluid: more than prescribed."
            : $"{shown} of the prescribed dose reached the spinal fluid, as intended.";
        // The whole run's figure can average an overdose away (ten days at 400 % then ten at 0 %):
        // the peak day and the days far outside are said too, and any such day makes the tile red.
        if (DailyDose.Of(r) is { } daily && (daily.DaysAbove > 0 || daily.DaysBelow > 0))
        {
            text += $" Day by day: peak {InvariantFormat.Fixed(daily.PeakPct, 0)} % (day {InvariantFormat.Integer(daily.PeakDay)} to {InvariantFormat.Integer(daily.PeakDay + 1)}); " +
                $"{Days(daily.DaysAbove)} above {InvariantFormat.Fixed(DailyDose.HighPct, 0)} %, {Days(daily.DaysBelow)} below {InvariantFormat.Fixed(DailyDose.LowPct, 0)} %.";
            level = Level.Red;
        }
        return new("dose", heading, shown, text, level);
    }

    /// <summary>Headlines the largest gap and when it happened (issue 15: a kink's 7 mL peak gap that
    /// closes at the refill must not read as "0.0 mL"); the gap at the end follows in words.</summary>
    public static Tile Reservoir(SimulationResult r)
    {
        var f = r.Final;
        var end = f.ReservoirEstimatedMl - f.ReservoirTrueMl;
        var max = end;
        var maxAt = r.End;
        foreach (var s in r.Telemetry)
        {
            var d = s.ReservoirEstimatedMl - s.ReservoirTrueMl;
            // Strictly larger: the first instant the largest gap was reached.
            if (double.IsFinite(d) && Math.Abs(d) > Math.Abs(max) + 1e-9) { max = d; maxAt = s.At; }
        }
        var worst = Math.Abs(max);
        var level = worst > DiscrepancyRedMl ? Level.Red : worst > DiscrepancyAmberMl ? Level.Amber : Level.Green;
        var value = (Math.Round(max, 1) > 0 ? "+" : "") + InvariantFormat.Fixed(max, 1) + " mL";
        string text;
        if (level == Level.Green)
            text = $"The pump's reservoir estimate matched the true volume (within {InvariantFormat.Fixed(DiscrepancyAmberMl, 0)} mL) throughout.";
        else
        {
            var day = InvariantFormat.Fixed((maxAt - r.Start).Seconds / 86_400.0, 2);
            var largest = $"Largest gap on day {day}: the pump believed it held {Ml(worst)} {(max > 0 ? "more" : "less")} than it really did";
            var atEnd = Math.Abs(end) < 0.05 ? "at the end the estimate matched the true volume"
                : $"at the end the gap was {(end > 0 ? "+" : "")}{Ml(end)}";
            text = $"{largest}; {atEnd}.";
        }
        return new("reservoir", "Reservoir: largest estimate − true", value, text, level);
    }

    public static Tile Alarms(SimulationResult r)
    {
        var alarms = SummaryWriter.OrderedAlarms(r.Alarms).ToList();
        const string heading = "Alarms raised";
        if (alarms.Count == 0) return new("alarms", heading, "0", "The pump raised no alarm.", Level.Green);
        var critical = alarms.Where(a => a.Priority == AlarmPriority.Critical).Select(a => a.Id).Distinct().ToList();
        var names = alarms.Select(a => a.Id).Distinct().ToList();
        var count = InvariantFormat.Integer(alarms.Count);
        var text = alarms.Count == 1 ? "1 alarm" : count + " alarms";
        text += critical.Count > 0
            ? $" raised, {InvariantFormat.Integer(alarms.Count(a => a.Priority == AlarmPriority.Critical))} critical ({string.Join(", ", critical)})."
            : $" raised, none critical ({string.Join(", ", names)}).";
        return new("alarms", heading, count, text, critical.Count > 0 ? Level.Red : Level.Amber);
    }

    /// <summary>Only meaningful with patient data; <see cref="Tiles"/> leaves it out otherwise.</summary>
    public static Tile PatientFlags(SimulationResult r)
    {
        const string heading = "Patient flags (illustrative)";
        var flags = r.Events.OfType<PatientFlagRaised>().OrderBy(e => e.At).ThenBy(e => e.Sequence)
            .Select(e => e.Flag).Where(f => f.Length > 0).Distinct().ToList();
        if (flags.Count == 0) return new("patient", heading, "none", "The illustrative patient model raised no risk flag.", Level.Green);
        var severe = flags.Contains(Simulation.WithdrawalRisk) || flags.Contains(Simulation.OverdoseRisk);
        var words = string.Join(", ", flags.Select(f => f.Replace('-', ' ')));
        return new("patient", heading, InvariantFormat.Integer(flags.Count),
            $"The illustrative patient model flagged: {words}.", severe ? Level.Red : Level.Amber);
    }

    public static Tile OutsideCsf(SimulationResult r)
    {
        var t = r.Totals;
        var outside = t.LeakedMcg + t.PocketMcg;
        const string heading = "Drug outside the spinal fluid";
        if (!(outside > OutsideCsfRedMcg)) return new("outside", heading, "0 mcg", "No drug leaked to tissue or went into the pocket.", Level.Green);
        var parts = new List<string>();
        if (t.LeakedMcg > OutsideCsfRedMcg) parts.Add($"{Mcg(t.LeakedMcg)} leaked to tissue");
        if (t.PocketMcg > OutsideCsfRedMcg) parts.Add($"{Mcg(t.PocketMcg)} into the pocket");
        return new("outside", heading, Mcg(outside),
            $"{Mcg(outside)} of drug never reached the spinal fluid: {string.Join(", ", parts)}.", Level.Red);
    }

    /// <summary>The band as HTML. The colour is repeated as a word (OK / CHECK / PROBLEM) so the
    /// tiles read the same in greyscale print and for colour-blind readers.</summary>
    public static string Html(SimulationResult r)
    {
        var sb = new StringBuilder();
        sb.Append("<section id=\"glance\" aria-label=\"At a glance\">\n<h2>At a glance</h2>\n<div class=\"glance\">\n");
        foreach (var tile in Tiles(r))
        {
            var cls = tile.Level.ToString().ToLowerInvariant();
            sb.Append("<div class=\"tile ").Append(cls).Append("\" data-tile=\"").Append(tile.Key).Append("\">")
              .Append("<div class=\"tile-head\"><span class=\"tile-status\">").Append(Status(tile.Level)).Append("</span> ")
              .Append(PumpSim.Reports.Html.Escape(tile.Heading)).Append("</div>")
              .Append("<div class=\"tile-value\">").Append(PumpSim.Reports.Html.Escape(tile.Value)).Append("</div>")
              .Append("<div class=\"tile-text\">").Append(PumpSim.Reports.Html.Escape(tile.Text)).Append("</div></div>\n");
        }
        sb.Append("</div>\n</section>");
        return sb.ToString();
    }

    private static string Status(Level level) => level switch
    {
        Level.Red => "PROBLEM",
        Level.Amber => "CHECK",
        Level.Green => "OK",
        _ => "INFO",
    };

    private static string Days(int n) => n == 1 ? "1 day" : InvariantFormat.Integer(n) + " days";

    private static string Mcg(double v) => InvariantFormat.Fixed(v, v >= 100 ? 0 : v >= 1 ? 1 : 3) + " mcg";
    private static string Ml(double v) => InvariantFormat.Fixed(v, 1) + " mL";
}
