using Stateless;
using Stateless.Reflection;

namespace PumpSim.Core.Firmware;

/// <summary>The transitions of a Stateless configuration that has no guards and no actions, read once
/// per process by firing every trigger in every state of a scratch machine: the next state is then a
/// function of (state, trigger) alone, looked up without going through Stateless, whose every
/// <c>Fire</c> allocates about 1.2 KB (a motor stalls and recovers thousands of times in a storm,
/// issue 24). The configuration stays the one definition (the state diagrams read it too); one with
/// a guard, an action or an unhandled trigger is refused when the table is built, so a rule added
/// later cannot be skipped silently. Only for configurations that register no
/// <c>OnTransitioned</c> handler (which the table could not see).</summary>
internal sealed class TransitionTable<TState, TTrigger>
    where TState : struct, Enum
    where TTrigger : struct, Enum
{
    private readonly Action<StateMachine<TState, TTrigger>> _configure;
    private readonly Dictionary<(TState, TTrigger), TState> _next = [];

    public TransitionTable(Action<StateMachine<TState, TTrigger>> configure)
    {
        _configure = configure;
        // The configuration is the same whatever the current state: its rules are checked once.
        foreach (var s in Machine(default).GetInfo().States)
        {
            var guarded = s.FixedTransitions.Any(t => t.GuardConditionsMethodDescriptions.Any())
                || s.IgnoredTriggers.Any(t => t.GuardConditionsMethodDescriptions.Any());
            if (guarded || s.DynamicTransitions.Any() || s.EntryActions.Any() || s.ExitActions.Any()
                || s.ActivateActions.Any() || s.DeactivateActions.Any())
                throw new InvalidOperationException($"{typeof(TState).Name}.{s.UnderlyingState} has a guard or an action: fire it through Stateless");
        }
        foreach (var state in Enum.GetValues<TState>())
            foreach (var trigger in Enum.GetValues<TTrigger>())
            {
                var at = state;
                var machine = Machine(state, s => at = s);
                machine.Fire(trigger); // throws for a trigger the state does not handle
                _next[(state, trigger)] = at;
            }
    }

    /// <summary>The state <paramref name="trigger"/> leads to from <paramref name="state"/>.</summary>
    public TState Next(TState state, TTrigger trigger) => _next[(state, trigger)];

    /// <summary>The configuration's description, with <paramref name="state"/> as its current state.</summary>
    public StateMachineInfo Info(TState state) => Machine(state).GetInfo();

    private StateMachine<TState, TTrigger> Machine(TState state, Action<TState>? moved = null)
    {
        var machine = new StateMachine<TState, TTrigger>(() => state, s => { state = s; moved?.Invoke(s); }, FiringMode.Queued);
        _configure(machine);
        return machine;
    }
}
