using PumpSim.Core.Engine;
using PumpSim.Scenarios;
using PumpSim.Scenarios.Recording;
using PumpSim.Web;

namespace PumpSim.Cli;

/// <summary>`play`'s fault keys: the web console's fault buttons, one key each, injected through the
/// same recording (so the action is exactly what a scenario file with it would load).</summary>
public sealed class PlayFaultKeys
{
    /// <summary>Key → fault button id. Lower-case letters not used by play's other keys.</summary>
    public static readonly IReadOnlyList<(char Key, string Fault, string Short)> Keys =
    [
        ('k', "kink", "kink"), ('o', "occlusion", "occlusion"), ('l', "leak", "leak"), ('d', "disconnect", "disconnect"),
        ('g', "migration", "migration"), ('r', "repair", "repair"), ('m', "mri", "MRI"), ('s', "motor-stall", "stall"),
        ('p', "pocket-fill", "pocket fill"), ('f', "refill", "refill"), ('i', "interrogate", "interrogate"), ('x', "silence", "silence"),
        ('h', "diathermy", "diathermy"), ('u', "pump-flip", "pump flip"),
    ];

    private readonly SessionRecording _recording;
    private readonly IReadOnlyList<FaultButton> _buttons;
    private readonly string _fileName;
    private Simulation? _sim;

    public PlayFaultKeys(SimulationPlan plan, string scenarioText, string fileName)
    {
        _fileName = fileName;
        _recording = new SessionRecording(scenarioText, fileName, plan.Start);
        _buttons = FaultButtons.For(plan);
    }

    /// <summary>The run the keys inject into (a new one after b, back to the start).</summary>
    public void Bind(Simulation sim) => _sim = sim;

    /// <summary>The scenario's actions with every injection so far, read back from the recorded file.</summary>
    public IReadOnlyList<TimedAction> ReplayActions() => ScenarioLoader.Parse(_recording.ToYaml(), _fileName).Plan.Actions;

    /// <summary>The on-screen legend: "k kink · o occlusion · …" for the keys this scenario supports.</summary>
    public string Legend => string.Join("  ", Keys.Where(k => _buttons.Any(b => b.Id == k.Fault)).Select(k => $"{k.Key} {k.Short}"));

    /// <summary>Injects the fault of <paramref name="key"/>; returns a line for the dashboard, or
    /// null when the key is not a fault key.</summary>
    public string? Press(char key)
    {
        key = char.ToLowerInvariant(key); // a key pressed with Shift or Caps Lock is the same key
        var fault = Keys.FirstOrDefault(k => k.Key == key).Fault;
        var button = fault is null ? null : _buttons.FirstOrDefault(b => b.Id == fault);
        if (button is null || _sim is null) return null;
        var at = _sim.NextInjectionInstant();
        if (_sim.IsFinished || at > _sim.Plan.End) return "the run has ended; nothing to inject into.";
        try
        {
            var actions = _recording.Add(new RecordedInjection(at, button.Action, button.Settings,
                $"[trainer] {button.Label}: {button.Note}"));
            _sim.Inject(actions);
            return $"{button.Label} injected at day {(at - _sim.Plan.Start).TotalDays.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)}.";
        }
        catch (ScenarioException e)
        {
            return $"{button.Label} cannot be injected: {e.Message}";
        }
    }
}
