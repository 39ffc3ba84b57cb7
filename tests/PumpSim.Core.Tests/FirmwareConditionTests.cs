using PumpSim.Core.Events;
using PumpSim.Core.Firmware;
using PumpSim.Core.Therapy;
using PumpSim.Core.Units;
using static PumpSim.Core.Tests.FirmwareRig;
using static PumpSim.Core.Tests.Plans;

namespace PumpSim.Core.Tests;

/// <summary>What the firmware sees and how it reacts (PUMP.md §5): the reservoir by its own estimate,
/// the battery, the rotor; Evaluate's "something changed" answer, which the engine's settle loop
/// relies on; and when it next needs attention.</summary>
public class FirmwareConditionTests
{
    private static IEnumerable<string> Raised(FirmwareRig rig) => rig.Of<AlarmRaised>().Select(a => a.Alarm);

    [Fact]
    public void StartBelowTheAlarmLevel_RaisesLowReservoirWithoutACrossing_AndEvaluateSaysSoOnce()
    {
        var rig = new FirmwareRig(TherapyProgram.Continuous(ProgramRate.MlPerDay(1)), reservoirMl: 1, settle: false);
        rig.Fw.Recompute();
        rig.Fw.ReservoirName.Should().Be("low", "1 mL ≤ the 2-mL alarm level");
        rig.Fw.Evaluate().Should().BeTrue("the low-reservoir alarm was raised");
        rig.Fw.Evaluate().Should().BeFalse("nothing left to change");
        Raised(rig).Should().Equal("low-reservoir");
        rig.Fw.Therapy.Should().Be(TherapyState.Infusing);
        // 1 mL at 1 mL/day reads empty in exactly one day: the firmware's next due instant.
        rig.Fw.NextDue().Should().Be(Day(1));
    }

    [Fact]
    public void StartAtEmpty_RaisesBothReservoirAlarms_AndRunsTheMinimumRate()
    {
        var rig = new FirmwareRig(TherapyProgram.Continuous(ProgramRate.MlPerDay(1)), reservoirMl: 0, settle: false);
        rig.Fw.Recompute();
        rig.Fw.Evaluate().Should().BeTrue();
        rig.Fw.Evaluate().Should().BeFalse();
        Raised(rig).Should().Equal("low-reservoir", "empty-reservoir");
        rig.Fw.ReservoirName.Should().Be("empty");
        rig.Fw.TherapyName.Should().Be("minimum-rate");
    }

    [Fact]
    public void EstimateCrossingTheAlarmLevelThenEmpty_RaisesInOrder_AndDropsToTheMinimumRateAtOnce()
    {
        var rig = MlPerDay(1, reservoirMl: 3);
        rig.RunTo(Day(1)); // 3 − 1 = 2 mL: at the alarm level
        rig.Fw.ReservoirName.Should().Be("low");
        rig.Of<AlarmRaised>().Should().Equal(new AlarmRaised("low-reservoir", AlarmPriority.NonCritical) with { At = Day(1) });
        rig.RunTo(Day(3)); // 2 mL more: empty
        rig.Fw.ReservoirName.Should().Be("empty");
        rig.Fw.TherapyName.Should().Be("minimum-rate");
        rig.Fw.MotorFlow.PicolitresPerDay.Should().Be(6_000_000, "the settle recomputes after the trigger, in the same instant");
        rig.Events.Where(e => e.At == Day(3) && e is AlarmRaised or TherapyStateChanged).Select(e => e.ToString()).Should().Equal(
            (new AlarmRaised("empty-reservoir", AlarmPriority.Critical) with { At = Day(3) }).ToString(),
            (new TherapyStateChanged(TherapyState.Infusing, TherapyState.MinimumRate) with { At = Day(3) }).ToString());
        rig.Fw.Evaluate().Should().BeFalse();
    }

    [Fact]
    public void Estimate_GoesFromOkToEmpty_RaisingLowThenEmpty_WithNoAlarmLevel()
    {
        var rig = new FirmwareRig(TherapyProgram.Continuous(ProgramRate.MlPerDay(1)), reservoirMl: 1, lowReservoirAlarmMl: 0);
        rig.Fw.ReservoirName.Should().Be("ok");
        rig.RunTo(Day(2));
        rig.Fw.ReservoirName.Should().Be("empty");
        rig.Events.Where(e => e is AlarmRaised or TherapyStateChanged).Select(e => (e.At, e.ToString())).Should().Equal(
            (Day(1), (new AlarmRaised("low-reservoir", AlarmPriority.NonCritical) with { At = Day(1) }).ToString()),
            (Day(1), (new AlarmRaised("empty-reservoir", AlarmPriority.Critical) with { At = Day(1) }).ToString()),
            (Day(1), (new TherapyStateChanged(TherapyState.Infusing, TherapyState.MinimumRate) with { At = Day(1) }).ToString()));
    }

    [Fact]
    public void Battery_WalksOkEriEos_AtTheThresholdThenExhausted()
    {
        var rig = MlPerDay(1);
        rig.BatteryCharge = rig.Fw.EriThresholdCharge;
        rig.Fw.Evaluate().Should().BeTrue();
        rig.Fw.BatteryName.Should().Be("eri");
        rig.Fw.Evaluate().Should().BeFalse("eri is entered once");
        rig.BatteryCharge = 0;
        rig.Fw.Evaluate().Should().BeTrue();
        rig.Fw.BatteryName.Should().Be("eos");
        rig.Fw.EndOfService.Should().BeTrue();
        rig.Fw.Therapy.Should().Be(TherapyState.EndOfService);
        rig.Fw.Evaluate().Should().BeFalse("end of service is entered once");
        Raised(rig).Should().Equal("elective-replacement", "end-of-service");
    }

    [Fact]
    public void EriThreshold_IsNinetyDaysOfDrainAtTheProgramsMeanFlow()
    {
        // The same 90-day rule whatever the program: a 2 mL/day continuous program and a daily flex
        // program whose mean is 2 mL/day (1 mL/day 06:00–18:00, 3 mL/day 18:00–06:00) give one threshold.
        var continuous = MlPerDay(2);
        var flex = new FirmwareRig(TherapyProgram.Flex(FlexRepeat.Daily,
            [new FlexStep(6 * 3600, ProgramRate.MlPerDay(1)), new FlexStep(18 * 3600, ProgramRate.MlPerDay(3))]));
        continuous.Fw.EriThresholdCharge.Should().Be(90 * BatteryModel.SynchroMedII.DrainPerDay(2 * Volume.PicolitresPerMl));
        flex.Fw.EriThresholdCharge.Should().Be(continuous.Fw.EriThresholdCharge);
        flex.Fw.AverageProgramFlow().Should().Be(FlowRate.FromMlPerDay(2));
    }

    [Fact]
    public void RotorThatDoesNotTurn_IsAStallWithThePlantsNote_AndRecoversWhenItTurns()
    {
        var rig = MlPerDay(1);
        rig.RotorFree = false;
        rig.Fw.Recompute();
        rig.Fw.Evaluate().Should().BeTrue();
        rig.Fw.Evaluate().Should().BeFalse();
        rig.Fw.MotorName.Should().Be("stalled");
        rig.Of<MotorStall>().Should().Equal(new MotorStall("rotor-blocked") with { At = Start });
        rig.Fw.Recompute();
        rig.Fw.MotorFlow.IsZero.Should().BeTrue();
        rig.Fw.CommandsFlow.Should().BeTrue();
        rig.RotorFree = true;
        rig.Fw.Recompute();
        rig.Fw.Evaluate().Should().BeTrue();
        rig.Fw.MotorName.Should().Be("running");
        rig.Of<MotorStallRecovery>().Should().ContainSingle();
        rig.Fw.Alarms.ActiveIds().Should().Equal(new[] { "motor-stall" }, "critical: latched until interrogated");
        rig.Do(f => f.ReviewAlarms());
        rig.Fw.Alarms.ActiveIds().Should().BeEmpty();
        rig.Of<AlarmCleared>().Single().Reason.Should().Be("interrogation");
    }

    [Fact]
    public void MriWithAnAlarmSounding_HoldsTheMotor_UntilTheSessionReleasesIt()
    {
        var rig = MlPerDay(1);
        rig.Fw.MriStarted().Should().BeFalse("no alarm sounds");
        rig.Fw.MriHold.Should().BeFalse();
        rig.Do(f => f.MemoryError(critical: false));
        rig.Fw.MriStarted().Should().BeTrue();
        rig.Settle();
        rig.Of<MotorStall>().Should().Equal(new MotorStall("mri-hold") with { At = Start });
        rig.Fw.MotorFlow.IsZero.Should().BeTrue();
        rig.Fw.ReleaseMriHold().Should().BeTrue();
        rig.Fw.MriHold.Should().BeFalse();
        rig.Fw.ReleaseMriHold().Should().BeFalse("released once");
        rig.Settle();
        rig.Fw.MotorFlow.PicolitresPerDay.Should().Be(Volume.PicolitresPerMl);
        rig.Of<MotorStallRecovery>().Should().ContainSingle();
    }
}
