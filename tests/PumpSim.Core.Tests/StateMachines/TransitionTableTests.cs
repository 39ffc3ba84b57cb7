using FluentAssertions;
using PumpSim.Core.Firmware;
using Stateless;
using Xunit;

namespace PumpSim.Core.Tests.StateMachines;

/// <summary>A machine whose transitions are looked up (<see cref="TransitionTable{TState, TTrigger}"/>)
/// must move exactly as its Stateless configuration says, and a configuration the table cannot
/// represent (a guard, an action) must be refused rather than run without it.</summary>
public class TransitionTableTests
{
    private enum S { A, B, C }
    private enum T { Go, Back }

    [Fact]
    public void TransitionTable_Next_IsWhatStatelessDoes_ForEveryStateAndTrigger()
    {
        static void Configure(StateMachine<S, T> m)
        {
            m.Configure(S.A).Permit(T.Go, S.B).Ignore(T.Back);
            m.Configure(S.B).Permit(T.Go, S.C).Permit(T.Back, S.A);
            m.Configure(S.C).Ignore(T.Go).Permit(T.Back, S.B);
        }
        var table = new TransitionTable<S, T>(Configure);
        foreach (var s in Enum.GetValues<S>())
            foreach (var t in Enum.GetValues<T>())
            {
                var at = s;
                var machine = new StateMachine<S, T>(() => at, x => at = x);
                Configure(machine);
                machine.Fire(t);
                table.Next(s, t).Should().Be(at, $"{s} × {t}");
            }
    }

    [Fact]
    public void TransitionTable_RefusesAGuard()
    {
        var act = () => new TransitionTable<S, T>(m =>
        {
            m.Configure(S.A).PermitIf(T.Go, S.B, () => true).Ignore(T.Back);
            m.Configure(S.B).Ignore(T.Go).Permit(T.Back, S.A);
            m.Configure(S.C).Ignore(T.Go).Ignore(T.Back);
        });
        act.Should().Throw<InvalidOperationException>().WithMessage("*guard or an action*");
    }

    [Fact]
    public void TransitionTable_RefusesAnEntryAction()
    {
        var act = () => new TransitionTable<S, T>(m =>
        {
            m.Configure(S.A).Permit(T.Go, S.B).Ignore(T.Back);
            m.Configure(S.B).OnEntry(() => { }).Ignore(T.Go).Permit(T.Back, S.A);
            m.Configure(S.C).Ignore(T.Go).Ignore(T.Back);
        });
        act.Should().Throw<InvalidOperationException>().WithMessage("*guard or an action*");
    }

    [Fact]
    public void TransitionTable_RefusesAnUnhandledTrigger()
    {
        var act = () => new TransitionTable<S, T>(m =>
        {
            m.Configure(S.A).Permit(T.Go, S.B);
            m.Configure(S.B).Ignore(T.Go).Permit(T.Back, S.A);
            m.Configure(S.C).Ignore(T.Go).Ignore(T.Back);
        });
        act.Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void MotorMachine_Verbs_MoveAsItsConfigurationSays()
    {
        // Every fixed transition and ignored trigger the motor's diagram shows, replayed through its verbs.
        var verbs = new Dictionary<string, Action<MotorMachine>>
        {
            ["StallDetected"] = m => m.StallDetected(),
            ["RotationDetected"] = m => m.RotationDetected(),
            ["PumpReplaced"] = m => m.PumpReplaced(),
        };
        var checkedPairs = 0;
        foreach (var state in new MotorMachine().Info.States)
        {
            var from = (MotorState)state.UnderlyingState;
            var expected = state.FixedTransitions.Select(t => (Trigger: t.Trigger.UnderlyingTrigger.ToString()!, To: (MotorState)t.DestinationState.UnderlyingState))
                .Concat(state.IgnoredTriggers.Select(t => (Trigger: t.Trigger.UnderlyingTrigger.ToString()!, To: from)));
            foreach (var (trigger, to) in expected)
            {
                var motor = new MotorMachine();
                if (from == MotorState.Stalled) motor.StallDetected();
                motor.State.Should().Be(from);
                verbs[trigger](motor);
                motor.State.Should().Be(to, $"{from} × {trigger}");
                checkedPairs++;
            }
        }
        checkedPairs.Should().Be(6); // 2 states × 3 triggers
    }

    [Fact]
    public void MotorMachine_Info_ShowsItsCurrentState()
    {
        var motor = new MotorMachine();
        motor.Info.InitialState.UnderlyingState.Should().Be(MotorState.Running);
        motor.StallDetected();
        motor.Info.InitialState.UnderlyingState.Should().Be(MotorState.Stalled);
    }
}
