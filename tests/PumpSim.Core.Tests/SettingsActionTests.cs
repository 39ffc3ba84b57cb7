using PumpSim.Core.Engine;
using PumpSim.Core.Events;
using PumpSim.Core.Firmware;
using PumpSim.Core.Therapy;
using PumpSim.Core.Units;
using static PumpSim.Core.Tests.Plans;

namespace PumpSim.Core.Tests;

/// <summary>The programmer's alarm and patient-bolus settings changed during a run (alarm_settings,
/// ptm_settings): the firmware uses them from that instant and logs settings-changed. On the 20-mL
/// pump at 1 mL/day of <see cref="Plans.OneMlPerDay"/>.</summary>
public class SettingsActionTests
{
    private static IEnumerable<(SimInstant At, string Alarm)> LowReservoir(SimulationResult r) =>
        r.Events.Where(e => e is AlarmRaised { Alarm: AlarmIds.LowReservoir } or AlarmCleared { Alarm: AlarmIds.LowReservoir })
            .Select(e => (e.At, e is AlarmRaised ? "raised" : "cleared"));

    [Fact]
    public void ALoweredAlarm_IsRaisedWhenTheEstimateReachesTheNewLevel()
    {
        // 2.5 mL at 1 mL/day: the 2-mL alarm would come at 12 h; set to 1 mL at 1 h, it comes at 1.5 d.
        var plan = OneMlPerDay(2) with { Reservoir = Volume.FromMl(2.5) };
        LowReservoir(Simulation.Run(plan)).First().Should().Be((At("12h"), "raised"));
        var r = Simulation.Run(plan.WithActions(Act("1h", new AlarmSettingsAction(Volume.FromMl(1)))));
        LowReservoir(r).Should().Equal((At("1d12h"), "raised"));
        r.Events.OfType<SettingsChanged>().Should().ContainSingle().Which.Should().Match<SettingsChanged>(
            e => e.At == At("1h") && e.LowReservoirAlarmMl == 1 && e.Ptm == "none");
    }

    [Fact]
    public void AnAlarmSetBelowTheEstimate_ClearsTheSoundingOne_AndARaisedOneAlarmsAtOnce()
    {
        // 1.5 mL under a 2-mL alarm: sounding from the start. Set to 1 mL at 1 h (1.458 mL left): it clears,
        // and comes back at (1.5 − 1) / 1 = 12 h.
        var plan = OneMlPerDay(1) with { Reservoir = Volume.FromMl(1.5) };
        var r = Simulation.Run(plan.WithActions(Act("1h", new AlarmSettingsAction(Volume.FromMl(1)))));
        LowReservoir(r).Should().Equal((Start, "raised"), (At("1h"), "cleared"), (At("12h"), "raised"));
        // Raised at once: 5 mL (4.958 at 1 h) under a 10-mL alarm (half the capacity) set at 1 h.
        var up = Simulation.Run((OneMlPerDay(1) with { Reservoir = Volume.FromMl(5) }).WithActions(Act("1h", new AlarmSettingsAction(Volume.FromMl(10)))));
        LowReservoir(up).Should().Equal((At("1h"), "raised"));
    }

    [Fact]
    public void PtmSettings_SetUpAtTheVisit_LetThePatientAsk()
    {
        var ptm = PtmSettings.Create(50, SimDuration.FromMinutes(10), SimDuration.FromHours(3), 4);
        var r = Simulation.Run(OneMlPerDay(1).WithActions(
            Act("1h", new PtmRequestAction()),
            Act("2h", new PtmSettingsAction(ptm)),
            Act("3h", new PtmRequestAction())));
        r.Events.OfType<PtmRequestDenied>().Should().ContainSingle().Which.At.Should().Be(At("1h"));
        r.Events.OfType<PtmRequestAccepted>().Should().ContainSingle().Which.At.Should().Be(At("3h"));
        r.Events.OfType<SettingsChanged>().Single().Ptm.Should().Be("50 mcg over 10m, lockout 3h, at most 4 a day");
    }
}
