using System.Globalization;
using PumpSim.Core.Engine;
using PumpSim.Core.Events;
using PumpSim.Core.Firmware;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace PumpSim.Cli;

/// <summary>The `play` dashboard: what the pump believes (left) next to what the body receives
/// (right), alarms with their tone, the narration and the latest events. Sized for 80×24.</summary>
public sealed class Dashboard(Simulation sim, string title)
{
    private readonly List<PumpEvent> _recent = [];
    private string _narration = "";

    public double Speed { get; set; } = 3600;
    public bool Paused { get; set; }

    /// <summary>Feeds the dashboard from the simulation's event stream.</summary>
    public void OnEvent(PumpEvent e)
    {
        if (e.Type == EventTypes.Narration) _narration = e.Text("text") ?? "";
        if (e.Type is EventTypes.AlarmTone or EventTypes.SimulationStarted) return;
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

        var pump = new Grid().AddColumn().AddColumn();
        pump.AddRow("[bold]Pump believes[/]", "");
        pump.AddRow("Therapy", Markup.Escape(s.TherapyState));
        pump.AddRow("Programmed", $"{N(s.ProgrammedMcgPerDay, "0")} mcg/day");
        pump.AddRow("Reservoir", $"[blue]{Gauge(s.ReservoirEstimatedMl, cap)}[/] {N(s.ReservoirEstimatedMl)} mL");
        pump.AddRow("Battery", $"{N(s.BatteryDaysRemaining, "0")} days");
        pump.AddRow("Motor", s.MotorState == "running" ? "running" : "[red]stalled[/]");

        var body = new Grid().AddColumn().AddColumn();
        body.AddRow("[bold]Body receives[/]", "");
        body.AddRow("Pumped", $"{N(s.PumpedMlPerDay, "0.000")} mL/day");
        body.AddRow("To CSF", $"{N(s.CsfMcgPerDay, "0")} mcg/day");
        body.AddRow("Reservoir", $"[green]{Gauge(s.ReservoirTrueMl, cap)}[/] {N(s.ReservoirTrueMl)} mL");
        body.AddRow("Catheter", s.CatheterState == "patent" ? "patent" : $"[red]{s.CatheterState}[/]");
        body.AddRow("Patient*", s.PatientEffectPct is { } e
            ? $"effect {N(e, "0")} %, spasticity {N(s.PatientSpasticity ?? 0, "0.0")}"
            : "[grey](no patient model)[/]");

        var columns = new Columns(pump, body) { Expand = true };
        var alarms = s.ActiveAlarms.Count == 0
            ? "[green]no alarm[/]"
            : string.Join("  ", sim.Alarms.Where(a => a.IsActive).Select(a =>
                $"[{(a.Priority == AlarmPriority.Critical ? "red" : "yellow")}]{a.Id}[/] ({(a.State == AlarmState.Silenced ? "silenced" : AlarmIds.Tone(a.Priority))})"));
        var events = _recent.Count == 0 ? "[grey]—[/]" : string.Join("\n", _recent.Select(e =>
            Markup.Escape(Truncate($"day {N((e.At - plan.Start).TotalDays)}  {e.Type} {Detail(e)}", 74))));

        var rows = new Rows(
            new Markup($"[bold]{Markup.Escape(Truncate(title, 44))}[/]  day {N(day)}  {state}"),
            columns,
            new Markup($"Alarms: {alarms}"),
            new Panel(new Markup(Markup.Escape(Truncate(_narration, 150)))).Header("Narration").Expand(),
            new Panel(new Markup(events)).Header("Latest events").Expand(),
            new Markup("[grey]space pause · → step · +/- speed · q quit · *illustrative, not clinical[/]"));
        return rows;
    }

    private string SpeedText() => Speed <= 0 ? "as fast as possible" : Speed >= 3600
        ? $"{N(Speed / 3600, "0.#")} h/s" : $"{N(Speed / 60, "0.#")} min/s";

    private static string Detail(PumpEvent e) =>
        e.Text("alarm") ?? e.Text("flag") ?? e.Text("fault") ?? e.Text("to") ?? e.Text("kind") ?? "";

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}
