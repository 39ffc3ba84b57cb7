using System.ComponentModel;
using System.Diagnostics;
using PumpSim.Cli.Infrastructure;
using PumpSim.Core.Engine;
using PumpSim.Core.Events;
using PumpSim.Core.Firmware;
using PumpSim.Core.Units;
using PumpSim.Scenarios;
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

    [CommandOption("--start <AT>")]
    [Description("Start the dashboard at this offset from the scenario start (e.g. 2d6h); the run up to it is simulated first.")]
    public string? Start { get; init; }

    [CommandOption("--pause-at-narration")]
    [Description("Pause at each narration line (space resumes).")]
    public bool PauseAtNarration { get; init; }

    public override ValidationResult Validate()
    {
        var baseResult = base.Validate();
        if (!baseResult.Successful) return baseResult;
        if (!double.IsFinite(Speed) || Speed < 0 || Speed > 1e9)
            return ValidationResult.Error($"--speed must be a number from 0 to 1e9 (simulated seconds per real second), got {Speed}");
        if (Start is not null && !DurationParser.TryParse(Start, out _, out var error)) return ValidationResult.Error($"--start: {error}");
        return ValidationResult.Success();
    }
}

/// <summary>`pumpsim play FILE`: the same simulation as `run`, its virtual clock paced against real
/// time and drawn as a live dashboard. Without a terminal it prints the story line by line.</summary>
public sealed class PlayCommand(IAnsiConsole console) : Command<PlaySettings>
{
    private const int FrameMs = 100;

    public override int Execute(CommandContext context, PlaySettings settings, CancellationToken cancellationToken)
    {
        var scenario = settings.Load();
        _settings = settings;
        _scenario = scenario;
        _faults = new PlayFaultKeys(scenario.Plan, File.ReadAllText(settings.File), settings.File);
        Begin(scenario.Plan, settings.Speed);
        try
        {
            var live = console.Profile.Capabilities.Interactive && console.Profile.Capabilities.Ansi;
            // Spectre's detection also gives up when stderr is redirected; a trainer who sends errors
            // to a file (2>log) still has the dashboard on a terminal stdout (and keys, unless stdin is a pipe).
            if (!live && SafeConsole.IsProcessConsole(console) && !Console.IsOutputRedirected
                && (settings.NoInput || !Console.IsInputRedirected) && Environment.GetEnvironmentVariable("TERM") is { Length: > 0 } term && term != "dumb")
            {
                console.Profile.Capabilities.Ansi = true;
                console.Profile.Capabilities.Interactive = true;
                live = true;
            }
            if (!live) return PlayPlain(_sim, scenario.Title);

            _sim.AdvanceTo(_sim.Now); // starts the run: the first frame shows the programmed rates

            if (settings.Start is not null)
            {
                var at = DurationParser.Parse(settings.Start);
                if (at.Seconds < 0 || at > _sim.Plan.Duration)
                    throw new Infrastructure.InputException($"--start must be between 0s and the scenario's duration ({_sim.Plan.Duration}); got {at}.");
                _sim.AdvanceTo(_sim.Plan.Start + at);
                _dashboard.Paused = false; // a narration on the way there is not a reason to stop
            }
            var readKeys = !settings.NoInput;
            console.Live(_dashboard.Render()).AutoClear(false).Start(ctx =>
            {
                var clock = Stopwatch.StartNew();
                var carry = 0.0;
                // With keys, the end of the run waits for q (or b to start again) instead of exiting.
                while ((readKeys || !_sim.IsFinished) && !cancellationToken.IsCancellationRequested)
                {
                    if (readKeys && !HandleKeys())
                    {
                        ctx.UpdateTarget(_dashboard.Render());
                        ctx.Refresh();
                        break;
                    }
                    if (!_dashboard.Paused && !_sim.IsFinished)
                    {
                        var elapsed = clock.Elapsed.TotalSeconds;
                        clock.Restart();
                        carry += _dashboard.Speed <= 0 ? double.MaxValue / 4 : elapsed * _dashboard.Speed;
                        var whole = (long)Math.Min(carry, (_sim.Plan.End - _sim.Now).Seconds);
                        if (whole >= 1) { AdvanceUntilStop(_sim.Now + SimDuration.FromSeconds(whole)); carry -= whole; }
                        if (_dashboard.Paused) carry = 0;
                    }
                    else clock.Restart();
                    ctx.UpdateTarget(_dashboard.Render());
                    ctx.Refresh();
                    if (_dashboard.Speed > 0 || _dashboard.Paused || _sim.IsFinished) Thread.Sleep(FrameMs);
                }
            });
            return ExitCodes.Ok;
        }
        finally { End(); }
    }

    private PlaySettings _settings = null!;
    private Scenarios.LoadedScenario _scenario = null!;
    private PlayFaultKeys _faults = null!;
    private Simulation _sim = null!;
    private Dashboard _dashboard = null!;
    private IDisposable? _feeds;

    /// <summary>A fresh run of <paramref name="plan"/> with its dashboard (at start-up and on b).</summary>
    private void Begin(SimulationPlan plan, double speed)
    {
        End();
        _sim = new Simulation(plan);
        _faults.Bind(_sim);
        _dashboard = new Dashboard(_sim, _scenario.Title, _scenario.Description)
        {
            Speed = speed,
            Width = console.Profile.Width,
            Legend = _settings.NoInput ? "" : _faults.Legend,
        };
        var feed = _sim.Events.Subscribe(_dashboard.OnEvent);
        var stops = _sim.Events.Subscribe(e =>
        {
            if (e is Narration && _settings.PauseAtNarration) { _dashboard.Paused = true; _stop = true; }
            if (_runToNext && e is Narration or AlarmRaised) _stop = true;
        });
        _feeds = System.Reactive.Disposables.Disposable.Create(() => { feed.Dispose(); stops.Dispose(); });
    }

    private void End()
    {
        _feeds?.Dispose();
        _feeds = null;
        _sim?.Dispose();
    }

    private bool _stop, _runToNext;

    /// <summary>Advances in engine steps, stopping early on the step where an auto-pause or a jump
    /// saw its narration line or alarm.</summary>
    private void AdvanceUntilStop(SimInstant target)
    {
        _stop = false;
        while (_sim.Now < target && !_sim.IsFinished && !_stop)
            _sim.AdvanceTo(SimInstant.Min(target, _sim.Now + _sim.Plan.Step));
    }

    /// <summary>Keys: space pauses, → steps one engine step, n runs to the next narration line or alarm,
    /// b goes back to the start (injected faults replay), + and - double or halve the speed, q quits;
    /// the fault keys of <see cref="PlayFaultKeys"/> inject.</summary>
    private bool HandleKeys()
    {
        var sim = _sim;
        var dashboard = _dashboard;
        while (console.Input.IsKeyAvailable())
        {
            var key = console.Input.ReadKey(intercept: true);
            if (key is null) break;
            switch (key.Value.Key)
            {
                case ConsoleKey.Q or ConsoleKey.Escape: return false;
                case ConsoleKey.Spacebar: dashboard.Paused = !dashboard.Paused; break;
                case ConsoleKey.RightArrow: sim.AdvanceTo(sim.Now + sim.Plan.Step); break;
                case ConsoleKey.B or ConsoleKey.Home:
                    // The same scenario with the faults injected so far, as the saved YAML would load.
                    Begin(_scenario.Plan with { Actions = _faults.ReplayActions() }, dashboard.Speed);
                    _sim.AdvanceTo(_sim.Now);
                    _dashboard.Paused = true;
                    _dashboard.Message = "back to the start.";
                    return true;
                case ConsoleKey.N:
                    _runToNext = true;
                    AdvanceUntilStop(sim.Plan.End);
                    _runToNext = false;
                    dashboard.Paused = true;
                    break;
                default:
                    if (_faults.Press(key.Value.KeyChar) is { } said) dashboard.Message = said;
                    break;
            }
            // By character, not key code: '+' is Shift+'=' on many layouts and arrives as either.
            if (key.Value.KeyChar is '+' or '=') dashboard.Speed = Math.Min(dashboard.Speed * 2, 86_400 * 7);
            if (key.Value.KeyChar is '-' or '_') dashboard.Speed = Math.Max(dashboard.Speed / 2, 60);
        }
        return true;
    }

    /// <summary>One event as a plain line, or null for an event logs do not list (tones, the run's
    /// start and end). The words are Core's (<see cref="EventWords"/>); a narration is quoted as
    /// the trainer wrote it.</summary>
    internal static string? PlainLine(PumpEvent e) =>
        e is Narration n ? $"  “{n.Text}”" : EventWords.Of(e).Listed ? EventWords.Sentence(e) : null;

    /// <summary>Not a terminal (a pipe, a log, CI): the story as plain lines, then the summary.</summary>
    private int PlayPlain(Simulation sim, string title)
    {
        console.WriteLine(title);
        using var lines = sim.Events.Subscribe(e =>
        {
            var line = PlainLine(e);
            if (line is not null) console.WriteLine($"day {(e.At - sim.Plan.Start).TotalDays,7:0.00}  {line}");
        });
        sim.AdvanceTo(sim.Plan.End);
        console.WriteLine("* patient figures are illustrative, not clinical.");
        return ExitCodes.Ok;
    }
}
