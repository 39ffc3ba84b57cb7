using PumpSim.Core.Plant;
using PumpSim.Core.Engine;
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
}
