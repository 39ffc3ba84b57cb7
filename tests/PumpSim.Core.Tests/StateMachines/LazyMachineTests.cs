using FluentAssertions;
using PumpSim.Core.Firmware;
using Stateless;
using Xunit;

namespace PumpSim.Core.Tests.StateMachines;

/// <summary>The firmware's machines are configured on their first trigger; until then they must
/// read exactly as a configured machine resting in its initial state would.</summary>
public class LazyMachineTests
{
    private enum S { A, B }
    private enum T { Go, Back }

    private static LazyMachine<S, T> Make(Action onConfigure) => new(S.A, m =>
    {
        onConfigure();
        m.Configure(S.A).Permit(T.Go, S.B).Ignore(T.Back);
        m.Configure(S.B).Permit(T.Back, S.A).Ignore(T.Go);
    });

    [Fact]
    public void Unfired_ReadsItsInitialStateWithoutBeingConfigured()
    {
        var configured = 0;
        var machine = Make(() => configured++);
        machine.State.Should().Be(S.A);
        machine.IsBuilt.Should().BeFalse();
        configured.Should().Be(0);
    }

    [Fact]
    public void FirstTrigger_ConfiguresOnce_AndTransitions()
    {
        var configured = 0;
        var machine = Make(() => configured++);
        machine.Fire(T.Go);
        machine.State.Should().Be(S.B);
        machine.Fire(T.Go);   // ignored in B
        machine.Fire(T.Back);
        machine.State.Should().Be(S.A);
        configured.Should().Be(1);
    }

    [Fact]
    public void Info_ConfiguresAndDescribesEveryState()
    {
        var machine = Make(() => { });
        machine.Info.States.Select(s => s.UnderlyingState).Should().BeEquivalentTo(new object[] { S.A, S.B });
        machine.IsBuilt.Should().BeTrue();
    }

    [Fact]
    public void IdleAlarm_IgnoresEverythingButRaise_WithoutBuildingItsMachine()
    {
        var alarm = new Alarm(AlarmIds.LowReservoir, AlarmPriority.NonCritical);
        alarm.ConditionGone().Should().BeFalse();
        alarm.Interrogated().Should().BeFalse();
        alarm.Silence().Should().BeFalse();
        alarm.EndSilence().Should().BeFalse();
        alarm.Reset().Should().BeFalse();
        alarm.State.Should().Be(AlarmState.Inactive);
        alarm.Raise().Should().BeTrue();
        alarm.State.Should().Be(AlarmState.Sounding);
        alarm.Silence().Should().BeTrue();
        alarm.State.Should().Be(AlarmState.Silenced);
    }
}
