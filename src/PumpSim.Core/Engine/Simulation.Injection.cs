using PumpSim.Core.Units;

namespace PumpSim.Core.Engine;

/// <summary>Live fault injection (issue 15): a trainer adds actions while the run is under way.
/// They are scheduled, not applied on the spot, so they go through exactly the same path as actions
/// read from a file (the breakpoint, the same-instant order, the same events).</summary>
public sealed partial class Simulation
{
    private readonly List<TimedAction> _injected = [];

    /// <summary>Every action injected so far, in the order injected, at the instant each applies.
    /// A scenario file listing them replays this run byte for byte.</summary>
    public IReadOnlyList<TimedAction> Injected => _injected;

    /// <summary>The instant the next <see cref="Inject"/> would apply at: the first second after
    /// <see cref="Now"/> (and after the last injection) that holds no file action.
    /// Why not at Now itself: the breakpoint at Now may already have run (its tones and sample are
    /// out), while a file entry at Now would apply before them; a second later nothing has run yet,
    /// so the live run and its saved replay take the same path. A second of its own per injection
    /// keeps the same-instant order independent of how the saved file lays out its lists.</summary>
    public SimInstant NextInjectionInstant()
    {
        var at = Now + SimDuration.FromSeconds(1);
        if (_injected.Count > 0 && _injected[^1].At >= at) at = _injected[^1].At + SimDuration.FromSeconds(1);
        while (Array.Exists(_actions, a => a.At == at)) at += SimDuration.FromSeconds(1);
        return at;
    }

    /// <summary>Schedules <paramref name="actions"/>, in this order, at <see cref="NextInjectionInstant"/>
    /// and returns the scheduled entries. Throws <see cref="InvalidOperationException"/> when the run
    /// has no second left to apply them in.</summary>
    public IReadOnlyList<TimedAction> Inject(params IReadOnlyList<ScenarioAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        if (actions.Count == 0) return [];
        if (!_started) Begin(); // the start instant runs first, as in a replay
        var at = NextInjectionInstant();
        if (_finished || at > _plan.End)
            throw new InvalidOperationException($"the run ends at {_plan.End}; there is no instant left to inject at.");
        var order = _actions.Length == 0 ? 0 : checked(_actions.Max(a => a.Order) + 1);
        var timed = actions.Select((a, i) => new TimedAction(at, checked(order + i), a ?? throw new ArgumentNullException(nameof(actions)))).ToArray();
        // Sorted by (At, Order) like the constructor's list; no file action shares the instant.
        var index = Array.FindIndex(_actions, _nextAction, a => a.At > at);
        if (index < 0) index = _actions.Length;
        _actions = [.. _actions[..index], .. timed, .. _actions[index..]];
        _injected.AddRange(timed);
        if (at < _nextBreak) _nextBreak = at;
        return timed;
    }
}
