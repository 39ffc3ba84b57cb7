using PumpSim.Core.Engine;
using PumpSim.Core.Events;
using PumpSim.Core.Plant;
using PumpSim.Core.Units;
using static PumpSim.Core.Tests.Plans;

namespace PumpSim.Core.Tests;

/// <summary>Live injection (issue 15): an action injected during a run behaves exactly like the same
/// action written in the plan at the instant the engine gives it.</summary>
public class InjectionTests
{
    private static readonly CatheterFaultAction Kink = new(CatheterFaultKind.Kink);

    [Fact]
    public void AnInjectedKink_IsScheduledOneSecondLater_AndMatchesTheSameKinkInThePlan()
    {
        using var live = new Simulation(OneMlPerDay(5));
        live.AdvanceTo(Day(2));
        var timed = live.Inject(Kink);
        // Day 2 is a sample instant already processed, so the kink takes the next second: 2d + 1 s.
        timed.Should().ContainSingle().Which.At.Should().Be(Day(2) + SimDuration.FromSeconds(1));
        var liveResult = live.Run();

        var planned = Simulation.Run(OneMlPerDay(5).WithActions(Act("2d1s", Kink)));
        liveResult.Events.Select(e => e.ToString()).Should().Equal(planned.Events.Select(e => e.ToString()));
        liveResult.Telemetry.Should().Equal(planned.Telemetry);
        live.Injected.Should().Equal(timed);
    }

    [Fact]
    public void AKinkChangesTheRun_SoTheComparisonAboveCanFail()
    {
        var plain = Simulation.Run(OneMlPerDay(5));
        var kinked = Simulation.Run(OneMlPerDay(5).WithActions(Act("2d1s", Kink)));
        // 1 mL/day at 500 mcg/mL: 5 days deliver about 2500 mcg; kinked from day 2 about 1000 mcg.
        kinked.Totals.Should().NotBe(plain.Totals);
    }

    [Fact]
    public void InjectionsSkipSecondsHoldingAFileAction_AndEachGetsASecondOfItsOwn()
    {
        var narration = new NarrationAction("file line");
        using var sim = new Simulation(OneMlPerDay(5).WithActions(Act("1d1s", narration)));
        sim.AdvanceTo(Day(1));
        // 1d + 1 s holds the file's narration: the first injection takes 1d + 2 s, the next 1d + 3 s.
        sim.Inject(Kink).Single().At.Should().Be(Day(1) + SimDuration.FromSeconds(2));
        sim.Inject(new CatheterFaultAction(CatheterFaultKind.Repair)).Single().At.Should().Be(Day(1) + SimDuration.FromSeconds(3));
        sim.Run();
        sim.Injected.Select(t => t.Action).Should().Equal(Kink, new CatheterFaultAction(CatheterFaultKind.Repair));
    }

    [Fact]
    public void AFinishedRunRefusesAnInjection()
    {
        using var sim = new Simulation(OneMlPerDay(1));
        sim.Run();
        var act = () => sim.Inject(Kink);
        act.Should().Throw<InvalidOperationException>().WithMessage("*no instant left*");
    }

    [Fact]
    public void TwoInjectionsAtOnce_TakeTheNextTwoSeconds()
    {
        using var sim = new Simulation(OneMlPerDay(5));
        sim.AdvanceTo(Day(1));
        sim.Inject(new NarrationAction("a")).Single().At.Should().Be(Day(1) + SimDuration.FromSeconds(1));
        sim.Inject(new NarrationAction("b")).Single().At.Should().Be(Day(1) + SimDuration.FromSeconds(2));
        // Later on, the next injection is a second after the new now, not after the old injections.
        sim.AdvanceTo(Day(2));
        sim.Inject(new NarrationAction("c")).Single().At.Should().Be(Day(2) + SimDuration.FromSeconds(1));
    }

    [Fact]
    public void AnInjection_BeforeAnyAdvance_RunsTheStartFirst()
    {
        using var sim = new Simulation(OneMlPerDay(1));
        sim.Inject(new NarrationAction("early")).Single().At.Should().Be(Start + SimDuration.FromSeconds(1));
        sim.EventLog[0].Should().BeOfType<SimulationStarted>();
    }

    [Fact]
    public void AnInjection_AppliesBeforeLaterFileActions()
    {
        using var sim = new Simulation(OneMlPerDay(1).WithActions(Act("5h", new NarrationAction("file"))));
        sim.AdvanceTo(At("1h"));
        sim.Inject(new NarrationAction("live"));
        var r = sim.Run();
        r.Events.OfType<Narration>().Select(e => (e.Text, e.At)).Should().Equal(
            ("live", At("1h") + SimDuration.FromSeconds(1)), ("file", At("5h")));
    }

    [Fact]
    public void InjectedActions_FollowTheFileInOrder()
    {
        // Three file actions (order 0, 1, 2): two injected together get 3 and 4, in the order given.
        using var sim = new Simulation(OneMlPerDay(1).WithActions(
            Act("5h", new NarrationAction("x")), Act("6h", new NarrationAction("y")), Act("7h", new NarrationAction("z"))));
        sim.Inject(new NarrationAction("a"), new NarrationAction("b")).Select(t => t.Order).Should().Equal(3, 4);
    }

    [Fact]
    public void TheLastSecondOfARun_TakesAnInjection_ThePastItDoesNot()
    {
        using var sim = new Simulation(OneMlPerDay(1));
        sim.AdvanceTo(Day(1) - SimDuration.FromSeconds(1));
        sim.Inject(new NarrationAction("last")).Single().At.Should().Be(Day(1));
        FluentActions.Invoking(() => sim.Inject(new NarrationAction("too late"))).Should().Throw<InvalidOperationException>();
        FluentActions.Invoking(() => sim.Inject(null!)).Should().Throw<ArgumentNullException>();
    }
}
