using Stateless;
using Stateless.Reflection;

namespace PumpSim.Core.Firmware;

/// <summary>A Stateless machine that is configured on its first trigger. Until then it rests in
/// its initial state, which every reader sees through <see cref="State"/>. Most of a pump's
/// machines never fire in a short run (no stall, no battery warning, no alarm), and configuring
/// one costs more than a year of simulation: a sweep builds a pump per run, and a one-day `run`
/// is mostly start-up. The state is stored here (Stateless' external storage), so building late
/// changes nothing a reader can see.</summary>
internal sealed class LazyMachine<TState, TTrigger>
    where TState : struct, Enum
    where TTrigger : struct, Enum
{
    private readonly Action<StateMachine<TState, TTrigger>> _configure;
    private StateMachine<TState, TTrigger>? _machine;
    private TState _state;

    public LazyMachine(TState initial, Action<StateMachine<TState, TTrigger>> configure)
    {
        _state = initial;
        _configure = configure;
    }

    public TState State => _state;

    public bool IsBuilt => _machine is not null;

    public void Fire(TTrigger trigger) => Machine.Fire(trigger);

    public StateMachineInfo Info => Machine.GetInfo();

    private StateMachine<TState, TTrigger> Machine
    {
        get
        {
            if (_machine is null)
            {
                _machine = new StateMachine<TState, TTrigger>(() => _state, s => _state = s, FiringMode.Queued);
                _configure(_machine);
            }
            return _machine;
        }
    }
}
