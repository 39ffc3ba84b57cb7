using System.ComponentModel;
using System.Diagnostics;
using PumpSim.Core.Engine;
using PumpSim.Core.Events;
using PumpSim.Core.Units;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PumpSim.Cli.Commands;

public sealed class PlaySettings : OneScenarioSettings
{
    [CommandOption("--speed <SECONDS>")]
    [Description("Simulated seconds per real second (3600 = one hour a second; 0 = as fast as possible).")]
    [DefaultValue(3600d)]
    public double Speed { get; init; } = 3600;

    [CommandOption("--no-input")]
    [Description("Do not read keys: play to the end (for recordings and tests).")]
    public bool NoInput { get; init; }

    public override ValidationResult Validate() => base.Validate() is { Successful: false } b ? b
        : !double.IsFinite(Speed) || Speed < 0 || Speed > 1e9 ? ValidationResult.Error($"--speed must be a number from 0 to 1e9 (simulated seconds per real second), got {Speed}")
        : ValidationResult.Success();
}

/// <summary>`pumpsim play FILE`: the same simulation as `run`, its virtual clock paced against real
/// time and drawn as a live dashboard. Without a terminal it prints the story line by line.</summary>
public sealed class PlayCommand(IAnsiConsole console) : Command<PlaySettings>
{
    private const int FrameMs = 100;

    public override int Execute(CommandContext context, PlaySettings settings, CancellationToken cancellationToken)
    {
        var scenario = settings.Load();
        using var sim = new Simulation(scenario.Plan);
        var dashboard = new Dashboard(sim, scenario.Title, scenario.Description) { Speed = settings.Speed };
        using var feed = sim.Events.Subscribe(dashboard.OnEvent);
        var live = console.Profile.Capabilities.Interactive && console.Profile.Capabilities.Ansi;
        if (!live) return PlayPlain(sim, scenario.Title);

        sim.AdvanceTo(sim.Now); // starts the run: the first frame shows the programmed rates
        var readKeys = !settings.NoInput;
        console.Live(dashboard.Render()).AutoClear(false).Start(ctx =>
        {
            var clock = Stopwatch.StartNew();
            var carry = 0.0;
            while (!sim.IsFinished && !cancellationToken.IsCancellationRequested)
            {
                if (readKeys && !HandleKeys(sim, dashboard))
                {
                    ctx.UpdateTarget(dashboard.Render());
                    ctx.Refresh();
                    break;
                }
                if (!dashboard.Paused)
                {
                    var elapsed = clock.Elapsed.TotalSeconds;
                    clock.Restart();
                    carry += dashboard.Speed <= 0 ? double.MaxValue / 4 : elapsed * dashboard.Speed;
                    var whole = (long)Math.Min(carry, (sim.Plan.End - sim.Now).Seconds);
                    if (whole >= 1) { sim.AdvanceTo(sim.Now + SimDuration.FromSeconds(whole)); carry -= whole; }
                }
                else clock.Restart();
                ctx.UpdateTarget(dashboard.Render());
                ctx.Refresh();
                if (dashboard.Speed > 0 || dashboard.Paused) Thread.Sleep(FrameMs);
            }
        });
        return ExitCodes.Ok;
    }

    /// <summary>Keys: space pauses, → steps one engine step, + and - double or halve the speed, q quits.</summary>
    private bool HandleKeys(Simulation sim, Dashboard dashboard)
    {
        while (console.Input.IsKeyAvailable())
        {
            var key = console.Input.ReadKey(intercept: true);
            if (key is null) break;
            switch (key.Value.Key)
            {
                case ConsoleKey.Q or ConsoleKey.Escape: return false;
                case ConsoleKey.Spacebar: dashboard.Paused = !dashboard.Paused; break;
                case ConsoleKey.RightArrow: sim.AdvanceTo(sim.Now + sim.Plan.Step); break;
            }
            // By character, not key code: '+' is Shift+'=' on many layouts and arrives as either.
            if (key.Value.KeyChar is '+' or '=') dashboard.Speed = Math.Min(dashboard.Speed * 2, 86_400 * 7);
            if (key.Value.KeyChar is '-' or '_') dashboard.Speed = Math.Max(dashboard.Speed / 2, 60);
        }
        return true;
    }

    /// <summary>Not a terminal (a pipe, a log, CI): the story as plain lines, then the summary.</summary>
    private int PlayPlain(Simulation sim, string title)
    {
        console.WriteLine(title);
        using var lines = sim.Events.Subscribe(e =>
        {
            var line = e.Type switch
            {
                EventTypes.Narration => $"  “{e.Text("text")}”",
                EventTypes.AlarmRaised => $"ALARM {e.Text("alarm")} ({e.Text("priority")})",
                EventTypes.AlarmCleared => $"alarm {e.Text("alarm")} cleared ({e.Text("reason")})",
                EventTypes.PatientFlagRaised => $"patient* {e.Text("flag")} (effect {e.Text("effect_pct")} %)",
                EventTypes.PatientFlagCleared => $"patient* {e.Text("flag")} over",
                EventTypes.ReservoirEmptyTrue => "BODY: the true reservoir is empty (the pump does not know)",
                EventTypes.TherapyStateChanged => $"therapy {e.Text("from")} → {e.Text("to")}",
                EventTypes.CatheterFault => $"catheter: {e.Text("fault")}",
                EventTypes.RefillDiscrepancy => $"refill discrepancy: withdrew {e.Text("withdrawn_ml")} mL, expected {e.Text("expected_ml")} mL",
                EventTypes.MotorStall or EventTypes.MotorStallRecovery or EventTypes.Refill or EventTypes.PocketFill
                    or EventTypes.MriStarted or EventTypes.Interrogation or EventTypes.ProgramChanged => e.Type,
                _ => null,
            };
            if (line is not null) console.WriteLine($"day {(e.At - sim.Plan.Start).TotalDays,7:0.00}  {line}");
        });
        sim.AdvanceTo(sim.Plan.End);
        console.WriteLine("* patient figures are illustrative, not clinical.");
        return ExitCodes.Ok;
    }
}
