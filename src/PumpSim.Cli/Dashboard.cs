using System.Globalization;
using PumpSim.Core.Engine;
using PumpSim.Core.Events;
using PumpSim.Core.Firmware;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace PumpSim.Cli;

/// <summary>The `play` dashboard: what the pump believes (left) next to what the body receives
/// (right), alarms with their tone, the narration and the latest events. Sized for 80×24.</summary>
public sealed class Dashboard(Simulation sim, string title, string description = "")
{
    private readonly List<PumpEvent> _recent = [];
    // Until the first narration line, the scenario's own description sets the scene.
    private string _narration = description.Trim();

    public double Speed { get; set; } = 3600;
    public bool Paused { get; set; }
    /// <summary>The terminal's width: the title may use what the clock and state leave free.</summary>
    public int Width { get; set; } = 80;
    /// <summary>The fault keys, shown under the key line (empty: none).</summary>
    public string Legend { get; set; } = "";
    /// <summary>The answer to the last fault key.</summary>
    public string Message { get; set; } = "";

    /// <summary>Feeds the dashboard from the simulation's event stream.</summary>
    public void OnEvent(PumpEvent e)
    {
        if (e is Narration n) _narration = n.Text;
        // Tones repeat and narration has its own box: the event list keeps the news.
        if (e is Narration || !EventWords.Of(e).Listed) return;
        _recent.Add(e);
        if (_recent.Count > 4) _recent.RemoveAt(0);
    }

    private static string N(double v, string f = "0.00") => v.ToString(f, CultureInfo.InvariantCulture);

    private static string Gauge(double value, double max, int width = 12)
    {
        var filled = max <= 0 ? 0 : (int)Math.Round(Math.Clamp(value / max, 0, 1) * width);
        return new string('█', filled) + new string('░', width - filled);
    }

    public IRenderable Render()
    {
        var s = sim.Sample();
        var plan = sim.Plan;
        var cap = plan.Profile.Capacity.Ml;
        var day = (sim.Now - plan.Start).TotalDays;
        var state = Paused ? "[yellow]paused[/]" : sim.IsFinished ? "[grey]finished[/]" : $"▶ {SpeedText()}";
        var clock = sim.Now.ToDateTimeOffset().UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

        var pump = new Grid().AddColumn().AddColumn();
        pump.AddRow("[bold]Pump believes[/]", "");
        pump.AddRow("Therapy", Markup.Escape(s.TherapyState));
        pump.AddRow("Programmed", $"{N(s.ProgrammedMcgPerDay, "0")} mcg/day");
        pump.AddRow("Reservoir", $"[blue]{Gauge(s.ReservoirEstimatedMl, cap)}[/] {N(s.ReservoirEstimatedMl),5} mL");
        pump.AddRow("Battery", $"{N(s.BatteryDaysRemaining, "0")} days");
        pump.AddRow("Motor", s.MotorState == "running" ? "running" : "[red]stalled[/]");
        // Both concentrations, while they differ: the classic programming error is visible only here.
        var wrongEntry = Math.Abs(s.ConcentrationMcgPerMl - s.ProgrammedConcentrationMcgPerMl) > 0.0005 && s.ReservoirTrueMl > 0;
        if (wrongEntry) pump.AddRow("Drug (told)", $"{N(s.ProgrammedConcentrationMcgPerMl, "0.###")} mcg/mL");

        var body = new Grid().AddColumn().AddColumn();
        body.AddRow("[bold]Body receives[/]", "");
        body.AddRow("Pumped", $"{N(s.PumpedMlPerDay, "0.000")} mL/day");
        body.AddRow("To CSF", $"{N(s.CsfMcgPerDay, "0")} mcg/day");
        body.AddRow("Reservoir", s.ReservoirTrueMl <= 0
            ? $"[red]{Gauge(0, cap)} EMPTY[/]"
            : $"[green]{Gauge(s.ReservoirTrueMl, cap)}[/] {N(s.ReservoirTrueMl),5} mL");
        body.AddRow("Catheter", s.CatheterState == "patent" ? "patent" : $"[red]{s.CatheterState}[/]");
        if (wrongEntry) body.AddRow("Drug (real)", $"[red]{N(s.ConcentrationMcgPerMl, "0.###")} mcg/mL[/]");
        if (sim.PumpFlipped) body.AddRow("Pump", "[red]flipped: port faces inward[/]");
        body.AddRow("Patient*", s.PatientEffectPct is { } e ? PatientText(e, s.PatientSpasticity ?? 0) : "[grey](no patient model)[/]");
        if (s.PatientEffectPct is not null) body.AddRow("Risk*", RiskText());

        // A grid, not Columns: Columns would stack the two worlds when a value grows wide.
        var columns = new Grid().AddColumn().AddColumn().AddRow(pump, body);
        var alarms = s.ActiveAlarms.Count == 0
            ? "[green]no alarm[/]"
            : string.Join("  ", sim.Alarms.Where(a => a.IsActive).Select(a =>
                $"[{(a.Priority == AlarmPriority.Critical ? "red" : "yellow")}]{a.Id}[/] ({(a.State == AlarmState.Silenced ? "silenced" : AlarmIds.Tone(a.Priority))})"));
        var events = _recent.Count == 0 ? "[grey]—[/]" : string.Join("\n", _recent.Select(e =>
            Markup.Escape(Truncate($"day {N((e.At - plan.Start).TotalDays)}  {EventWords.Sentence(e)}", 74))));

        // The title takes what the clock line leaves ("  day 12.00 · 2026-01-13 00:00  ▶ 1 h/s", about 42 columns).
        var titleRoom = Math.Max(40, Width - 44);
        var rows = new List<IRenderable>
        {
            new Markup($"[bold]{Markup.Escape(Truncate(title, titleRoom))}[/]  day {N(day)} · {clock}  {state}"),
            columns,
            new Markup($"Alarms: {alarms}"),
            new Panel(new Markup(Markup.Escape(Truncate(_narration, 150)))).Header("Narration").Expand(),
            new Panel(new Markup(events)).Header("Latest events").Expand(),
            new Markup($"[grey]space pause · → step ({plan.Step}) · n next narration/alarm · +/- speed · q quit · *illustrative, not clinical[/]"),
        };
        if (Legend.Length > 0) rows.Add(new Markup($"[grey]faults: {Markup.Escape(Legend)}[/]"));
        if (Message.Length > 0) rows.Add(new Markup($"[yellow]{Markup.Escape(Truncate(Message, Math.Max(40, Width - 2)))}[/]"));
        return new Rows(rows);
    }

    /// <summary>Effect coloured by its risk band.</summary>
    private static string PatientText(double effect, double spasticity)
    {
        var colour = effect < 30 || effect > 200 ? "red" : effect < 60 ? "yellow" : "green";
        return $"[{colour}]effect {N(effect, "0")} %[/], spast. {N(spasticity, "0.0")}";
    }

    /// <summary>The gravest raised flag (a row must stay narrow enough for 80 columns).</summary>
    private string RiskText()
    {
        var flags = sim.PatientFlags;
        if (flags.Count == 0) return "[green]none[/]";
        var worst = flags.Contains(Simulation.WithdrawalRisk) ? Simulation.WithdrawalRisk
            : flags.Contains(Simulation.OverdoseRisk) ? Simulation.OverdoseRisk : flags[0];
        var more = flags.Count > 1 ? $" +{flags.Count - 1}" : "";
        return $"[red bold]{worst}[/]{more}";
    }

    private string SpeedText() => Speed <= 0 ? "as fast as possible" : Speed >= 3600
        ? $"{N(Speed / 3600, "0.#")} h/s" : $"{N(Speed / 60, "0.#")} min/s";

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}
