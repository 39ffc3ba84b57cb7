using System.Reactive.Concurrency;
using PumpSim.Core.Engine;
using PumpSim.Core.Events;
using PumpSim.Core.Patient;
using PumpSim.Core.Plant;
using PumpSim.Core.Units;
using static PumpSim.Core.Tests.Plans;

namespace PumpSim.Core.Tests;

/// <summary>What the simulation shows and when: same-instant actions in file order, the last sample
/// at the end, the virtual clock subscribers schedule on, the streams' completion, the patient's
/// flags, the rates settled at the instant a condition changes.</summary>
public class SimulationRecorderTests
{
    [Fact]
    public void ActionsAtOneInstant_ApplyInFileOrder_NotInListOrder()
    {
        var plan = OneMlPerDay(1) with
        {
            Actions = [new TimedAction(At("1h"), 1, new NarrationAction("second")), new TimedAction(At("1h"), 0, new NarrationAction("first"))],
        };
        Simulation.Run(plan).Events.OfType<Narration>().Select(e => e.Text).Should().Equal("first", "second");
    }

    [Fact]
    public void AnEndOffTheSampleGrid_GetsALastSample()
    {
        // Samples every hour from 0; the run ends at 1 h 30 m, which gets a sample of its own.
        var r = Simulation.Run(OneMlPerDay(1) with { Duration = SimDuration.FromMinutes(90), Sample = SimDuration.FromHours(1) });
        r.Telemetry.Select(s => s.At).Should().Equal(Start, At("1h"), At("1h30m"));
    }

    [Fact]
    public void TheVirtualClock_IsOneScheduler_ThatRunsWorkAtItsVirtualTime()
    {
        using var sim = new Simulation(OneMlPerDay(1));
        var clock = sim.Scheduler;
        sim.Scheduler.Should().BeSameAs(clock);
        DateTimeOffset? ranAt = null;
        clock.Schedule(TimeSpan.FromHours(1), () => ranAt = clock.Now);
        sim.AdvanceTo(At("30m"));
        ranAt.Should().BeNull();
        sim.AdvanceTo(At("2h"));
        ranAt.Should().Be(At("1h").ToDateTimeOffset());
    }

    [Fact]
    public void BothStreams_CompleteAtTheEnd_AndADisposedRunTakesNoSubscriber()
    {
        var sim = new Simulation(OneMlPerDay(1));
        var (events, telemetry) = (false, false);
        sim.Events.Subscribe(_ => { }, () => events = true);
        sim.Telemetry.Subscribe(_ => { }, () => telemetry = true);
        sim.Run();
        (events, telemetry).Should().Be((true, true));
        sim.Dispose();
        FluentActions.Invoking(() => sim.Events.Subscribe(_ => { })).Should().Throw<ObjectDisposedException>();
        FluentActions.Invoking(() => sim.Telemetry.Subscribe(_ => { })).Should().Throw<ObjectDisposedException>();
    }

    [Fact]
    public void PatientFlags_AreThePatientsOrNone()
    {
        using var withPatient = new Simulation(OneMlPerDay(1) with { CatheterContents = CatheterContents.Saline, Patient = new PatientParameters() });
        withPatient.AdvanceTo(At("1h"));
        withPatient.PatientFlags.Should().Equal(Simulation.Underdose);   // saline: no drug on board
        using var without = new Simulation(OneMlPerDay(1));
        without.AdvanceTo(At("1h"));
        without.PatientFlags.Should().BeEmpty();
    }

    [Fact]
    public void WhenTheEstimateEmpties_TheMinimumRateRunsFromThatInstant()
    {
        // 2 mL at 1 mL/day nominal, −10 % accuracy: the firmware's estimate reaches 0 at 2 d (nominal
        // strokes), when 1.8 mL have truly left. It drops to the minimum rate, 0.006 mL/day nominal,
        // 0.0054 mL/day true, at once: the sample at 2 d shows it, and day 3 adds 0.0054 mL: 1.8054 mL.
        var r = Simulation.Run(OneMlPerDay(3) with { Reservoir = Volume.FromMl(2), AccuracyPct = -10 });
        r.Telemetry.Single(s => s.At == Day(2)).PumpedMlPerDay.Should().BeApproximately(0.0054, 1e-12);
        r.Totals.PumpedMl.Should().BeApproximately(1.8054, 1e-9);
    }
}
