using PumpSim.Core.Firmware;

namespace PumpSim.Core.Tests.Properties;

public partial class SimulationProperties
{
    /// <summary>The exact invariant (PUMP.md §5, low-reservoir "raised when estimate ≤ LRA", cleared only
    /// when "a refill programs a volume above the LRA"): after every step, whatever happened in it,
    /// estimate ≤ LRA ⇒ low-reservoir is active (sounding or silenced), and estimate = 0 ⇒
    /// empty-reservoir is active too. No exception for refills or replacements: a refill or a new pump
    /// programmed at or below the LRA leaves the firmware believing the reservoir low, so it must alarm.</summary>
    [Fact]
    public void NoMissedAlarm_EstimateAtOrBelowTheLra_AlwaysHasTheLowReservoirAlarmActive()
    {
        PropertyRun.Sample(PlanGen.Plan(), c => Walk(c.Plan, sim =>
        {
            var active = sim.ActiveAlarms;
            if (sim.EstimatedReservoir <= c.Plan.LowReservoirAlarm && !active.Contains(AlarmIds.LowReservoir))
                Fail(sim, $"estimate {sim.EstimatedReservoir} ≤ LRA {c.Plan.LowReservoirAlarm} but active alarms are [{string.Join(", ", active)}]");
            if (sim.EstimatedReservoir.IsZero && !active.Contains(AlarmIds.EmptyReservoir))
                Fail(sim, $"estimate 0 but active alarms are [{string.Join(", ", active)}]");
        }), ciIter: 60);
    }
}

/// <summary>The cases the property found, pinned as plain examples.</summary>
public class LowReservoirLevelTests
{
    private static IEnumerable<string> Raised(Events.SimulationResult r, string alarm) =>
        r.Events.OfType<Events.AlarmRaised>().Where(e => e.Alarm == alarm).Select(e => e.At.ToString());

    [Fact]
    public void AScenarioStartingBelowTheLra_RaisesLowReservoirAtTheStart()
    {
        var r = Engine.Simulation.Run(Plans.OneMlPerDay(1) with { Reservoir = Units.Volume.FromMl(1.5) });
        Raised(r, AlarmIds.LowReservoir).Should().Equal(Plans.Start.ToString());
    }

    [Fact]
    public void ARefillProgrammedAtTheLra_RaisesLowReservoir()
    {
        var r = Engine.Simulation.Run(Plans.OneMlPerDay(2).WithActions(
            Plans.Act("1d", new Engine.RefillAction(Units.Volume.FromMl(1), ProgramVolume: Units.Volume.FromMl(2)))));
        Raised(r, AlarmIds.LowReservoir).Should().Equal(Plans.Day(1).ToString());
    }

    [Fact]
    public void APumpReplacedWithAnEmptyReservoir_RaisesLowAndEmptyReservoir()
    {
        var r = Engine.Simulation.Run(Plans.OneMlPerDay(2).WithActions(
            Plans.Act("1d", new Engine.ReplacePumpAction(Units.Volume.Zero))));
        Raised(r, AlarmIds.LowReservoir).Should().Equal(Plans.Day(1).ToString());
        Raised(r, AlarmIds.EmptyReservoir).Should().Equal(Plans.Day(1).ToString());
    }
}
