using PumpSim.Core.Events;
using PumpSim.Core.Firmware;
using PumpSim.Core.Therapy;
using PumpSim.Core.Units;
using static PumpSim.Core.Tests.FirmwareRig;
using static PumpSim.Core.Tests.Plans;

namespace PumpSim.Core.Tests;

/// <summary>What clinicians and faults do to the firmware (PUMP.md §3, §5, §6): programming and its
/// refusals, concentration changes, memory errors and battery resets (safe state until reprogrammed),
/// alarm review, a new pump. Expected numbers are worked in the comments (500 mcg/mL unless said).</summary>
public class FirmwareClinicianTests
{
    private static TherapyProgram Continuous(double mlPerDay) => TherapyProgram.Continuous(ProgramRate.MlPerDay(mlPerDay));

    [Fact]
    public void ProgramOutsideTheFlowRange_IsRefusedWithTheNumbers_AndTheOldOneKeepsRunning()
    {
        var rig = MlPerDay(1);
        rig.Do(f => f.ApplyProgram(Continuous(30), null));
        // The pump goes on at 1 mL/day, 1 × 500 = 500 mcg/day, and says so.
        rig.Of<ProgramRejected>().Should().Equal(new ProgramRejected(
            "30 mL/day is 30 mL/day at 500 mcg/mL; synchromed-ii-20 accepts 0.048–24 mL/day.",
            Continuous(30).Describe(), 500, 1, 500) with
        { At = Start });
        rig.Of<ProgramChanged>().Should().BeEmpty();
        rig.Fw.Program.Should().Be(Continuous(1));
        rig.Fw.MotorFlow.PicolitresPerDay.Should().Be(Volume.PicolitresPerMl);
    }

    [Fact]
    public void Program_IsRefused_AtEndOfService()
    {
        var rig = MlPerDay(1);
        rig.BatteryCharge = 0;
        rig.Settle();
        rig.Do(f => f.ApplyProgram(Continuous(2), null));
        rig.Of<ProgramRejected>().Should().Equal(new ProgramRejected("the pump has reached end of service") with { At = Start });
        rig.Fw.Program.Should().Be(Continuous(1));
        rig.Fw.Therapy.Should().Be(TherapyState.EndOfService);
    }

    [Fact]
    public void Program_ChangesTheTherapyStateByItsMode()
    {
        var rig = MlPerDay(1);
        rig.Do(f => f.ApplyProgram(TherapyProgram.Stopped(), null));
        rig.Fw.Therapy.Should().Be(TherapyState.Stopped);
        rig.Fw.MotorFlow.IsZero.Should().BeTrue();
        rig.Do(f => f.ApplyProgram(TherapyProgram.MinimumRate(), null));
        rig.Fw.Therapy.Should().Be(TherapyState.MinimumRate);
        rig.Of<TherapyStateChanged>().Select(t => (t.From, t.To)).Should().Equal(
            (TherapyState.Infusing, TherapyState.Stopped), (TherapyState.Stopped, TherapyState.MinimumRate));
        // 1 mL/day × 500 = 500; stopped 0; minimum rate 0.006 × 500 = 3 mcg/day.
        rig.Of<ProgramChanged>().Select(p => (p.Program, p.OldMcgPerDay, p.NewMcgPerDay, p.Reason)).Should().Equal(
            ("stopped", 500.0, 0.0, "reprogrammed"), ("minimum rate", 0.0, 3.0, "reprogrammed"));
    }

    [Fact]
    public void ReenteredConcentration_IsPricedFromThenOn_AndSaidInTheReason()
    {
        var rig = MlPerDay(1);
        rig.RunFor("1d"); // 1 mL × 500 = 500 mcg
        rig.Do(f => f.ApplyProgram(Continuous(1), McgPerMl(500))); // the same concentration: nothing to say
        rig.Do(f => f.ApplyProgram(Continuous(1), McgPerMl(1000)));
        rig.RunFor("1d"); // 1 mL × 1000 = 1000 mcg
        rig.Of<ProgramChanged>().Select(p => (p.OldMcgPerDay, p.NewMcgPerDay, p.Reason)).Should().Equal(
            (500.0, 500.0, "reprogrammed"),
            (500.0, 1000.0, "reprogrammed; concentration entered as 1000 mcg/mL"));
        rig.Fw.Concentration.Should().Be(McgPerMl(1000));
        rig.Fw.ProgrammedMass.Mcg.Should().BeApproximately(1500, 1e-9, "the first day stays priced at 500");
    }

    [Fact]
    public void RefillAtAConcentrationPushingTheProgramOutOfRange_RunsTheNearestRate()
    {
        // 5000 mcg/day at 500 mcg/mL is 10 mL/day; at 100 mcg/mL it would be 50 mL/day > 24: the pump
        // runs 24 mL/day, 24 × 100 = 2400 mcg/day.
        var rig = new FirmwareRig(TherapyProgram.Continuous(ProgramRate.McgPerDay(5000)));
        rig.Do(f => { f.Refilled(Ml(20), McgPerMl(100)); f.RefillDone(McgPerMl(500)); });
        var rejected = rig.Of<ProgramRejected>().Single();
        (rejected.Program, rejected.ConcentrationMcgPerMl, rejected.RunsMlPerDay, rejected.RunsMcgPerDay)
            .Should().Be(("continuous 5000 mcg/day", 100.0, 24.0, 2400.0));
        rejected.Reason.Should().Be("5000 mcg/day is 50 mL/day at 100 mcg/mL; synchromed-ii-20 accepts 0.048–24 mL/day.");
        rig.Of<ProgramChanged>().Should().Equal(new ProgramChanged("continuous 5000 mcg/day", 5000, 2400,
            "concentration change; the program is out of the flow range, the pump runs the nearest rate it can") with
        { At = Start });
        rig.Fw.MotorFlow.PicolitresPerDay.Should().Be(24 * Volume.PicolitresPerMl);
    }

    [Fact]
    public void Refill_ClearsLowReservoirByCondition_AndEmptyReservoirAtTheNextInterrogation()
    {
        var rig = MlPerDay(1, reservoirMl: 0);
        rig.Fw.Alarms.ActiveIds().Should().Equal("low-reservoir", "empty-reservoir");
        rig.Do(f => { f.Refilled(Ml(20), McgPerMl(500)); f.RefillDone(McgPerMl(500)); });
        // PUMP.md §5: low-reservoir clears with its condition; empty-reservoir is critical and clears
        // at the refill's condition *then* an interrogation.
        rig.Of<AlarmCleared>().Select(c => (c.Alarm, c.Reason)).Should().Equal([("low-reservoir", "condition gone")]);
        rig.Fw.Alarms.ActiveIds().Should().Equal("empty-reservoir");
        rig.Do(f => f.ReviewAlarms());
        rig.Of<AlarmCleared>().Select(c => (c.Alarm, c.Reason)).Should().Equal(
            ("low-reservoir", "condition gone"), ("empty-reservoir", "interrogation"));
        rig.Fw.ReservoirName.Should().Be("ok");
        rig.Fw.Therapy.Should().Be(TherapyState.Infusing);
        rig.Fw.Estimate.Should().Be(Ml(20));
    }

    [Fact]
    public void NoncriticalMemoryError_AlarmsWithoutStopping_AndClearsAtTheReview()
    {
        var rig = MlPerDay(1);
        rig.Do(f => f.MemoryError(critical: false));
        rig.Of<MemoryError>().Should().Equal(new MemoryError(false) with { At = Start });
        rig.Fw.Therapy.Should().Be(TherapyState.Infusing);
        rig.Fw.Alarms.ActiveIds().Should().Equal("noncritical-memory-error");
        rig.Do(f => f.ReviewAlarms());
        rig.Of<AlarmCleared>().Should().Equal(new AlarmCleared("noncritical-memory-error", AlarmPriority.NonCritical, "condition gone") with { At = Start });
    }

    [Fact]
    public void CriticalMemoryError_HoldsTheSafeState_UntilReprogrammed()
    {
        var rig = MlPerDay(1);
        rig.Do(f => f.MemoryError(critical: true));
        rig.Of<MemoryError>().Should().Equal(new MemoryError(true) with { At = Start });
        rig.Fw.Therapy.Should().Be(TherapyState.SafeState);
        rig.Fw.MotorFlow.PicolitresPerDay.Should().Be(6_000_000, "safe state runs the 0.006 mL/day minimum");
        rig.Do(f => f.ReviewAlarms());
        rig.Fw.Alarms.ActiveIds().Should().Equal("critical-memory-error");
        rig.RunFor("1h");
        rig.Do(f => f.ApplyProgram(Continuous(1), null));
        rig.Of<AlarmCleared>().Should().Equal(new AlarmCleared("critical-memory-error", AlarmPriority.Critical, "reprogrammed") with { At = At("1h") });
        rig.Fw.Therapy.Should().Be(TherapyState.Infusing);
    }

    [Fact]
    public void BatteryReset_HoldsTheSafeState_UntilReprogrammed()
    {
        var rig = MlPerDay(1);
        rig.Do(f => f.BatteryReset());
        rig.Of<BatteryReset>().Should().ContainSingle();
        rig.Fw.Therapy.Should().Be(TherapyState.SafeState);
        rig.Fw.Alarms.ActiveIds().Should().Equal("low-battery-reset");
        rig.Do(f => f.ApplyProgram(Continuous(1), null));
        rig.Of<AlarmCleared>().Should().Equal(new AlarmCleared("low-battery-reset", AlarmPriority.Critical, "reprogrammed") with { At = Start });
        rig.Fw.Alarms.ActiveIds().Should().BeEmpty();
        rig.Fw.Therapy.Should().Be(TherapyState.Infusing);
    }

    [Fact]
    public void NewPump_StartsOverInEveryMachine_AfterEndOfService()
    {
        var rig = MlPerDay(1, reservoirMl: 0);
        rig.BatteryCharge = 0;
        rig.Settle();
        rig.Fw.Therapy.Should().Be(TherapyState.EndOfService);
        rig.Events.Clear();
        rig.BatteryCharge = BatteryModel.FullCharge;
        rig.Fw.Replaced(Ml(20), McgPerMl(500)); // before any settle: the machines reset themselves
        rig.Fw.BatteryName.Should().Be("ok");
        rig.Fw.ReservoirName.Should().Be("ok");
        rig.Fw.Therapy.Should().Be(TherapyState.Infusing);
        rig.Fw.Alarms.ActiveIds().Should().BeEmpty();
        rig.Events.Select(e => e.ToString()).Should().Equal(
            (new PumpReplaced(20) with { At = Start }).ToString(),
            (new AlarmCleared("low-reservoir", AlarmPriority.NonCritical, "pump replaced") with { At = Start }).ToString(),
            (new AlarmCleared("empty-reservoir", AlarmPriority.Critical, "pump replaced") with { At = Start }).ToString(),
            (new AlarmCleared("end-of-service", AlarmPriority.Critical, "pump replaced") with { At = Start }).ToString(),
            (new TherapyStateChanged(TherapyState.EndOfService, TherapyState.Infusing) with { At = Start }).ToString());
    }

    [Fact]
    public void NewPump_HasARunningMotorAndNoMriHold_AndPricesItsDrugFromThenOn()
    {
        var rig = MlPerDay(1);
        rig.RunFor("1d"); // 1 mL × 500 = 500 mcg
        rig.Do(f => f.MemoryError(critical: false));
        rig.Fw.MriStarted().Should().BeTrue();
        rig.RotorFree = false;
        rig.Settle();
        rig.Fw.MotorName.Should().Be("stalled");
        rig.Fw.Replaced(Ml(20), McgPerMl(1000));
        rig.Fw.MotorName.Should().Be("running");
        rig.Fw.MriHold.Should().BeFalse();
        rig.RotorFree = true;
        rig.Settle();
        rig.Of<MotorStallRecovery>().Should().BeEmpty("the new pump's motor never stalled");
        rig.RunFor("1d"); // 1 mL × 1000 = 1000 mcg
        rig.Fw.ProgrammedMass.Mcg.Should().BeApproximately(1500, 1e-9);
        rig.Fw.Estimate.Should().Be(Ml(19));
    }

    [Fact]
    public void Interrogation_ReportsTheEstimateAndBatteryDays()
    {
        var rig = MlPerDay(1);
        rig.RunFor("12h");
        rig.Do(f => f.ReportInterrogation());
        var i = rig.Of<Interrogation>().Single();
        i.EstimatedMl.Should().Be(19.5, "20 − 0.5 mL");
        i.BatteryDaysRemaining.Should().Be(Math.Round(BatteryModel.SynchroMedII.DaysLeft(BatteryModel.FullCharge, Volume.PicolitresPerMl), 1));
    }
}

/// <summary>The alarm manager's reasons, silences and due instants, and the alarm table's texts.</summary>
public class FirmwareAlarmManagerTests
{
    private static readonly SimInstant T0 = Plans.Start;

    private static (AlarmManager M, List<PumpEvent> Log) Manager()
    {
        var log = new List<PumpEvent>();
        // Non-critical tones every 10 min, critical every hour (unlike the defaults, so an order shows).
        return (new AlarmManager(SimDuration.FromMinutes(10), SimDuration.FromHours(1), log.Add), log);
    }

    [Fact]
    public void NextDue_IsTheEarliestToneOfAllSoundingAlarms()
    {
        var (m, _) = Manager();
        m.NextDue().Should().Be(SimInstant.MaxValue);
        m.Raise(AlarmIds.LowReservoir, T0);
        m.Raise(AlarmIds.MotorStall, T0);
        m.NextDue().Should().Be(T0 + SimDuration.FromMinutes(10), "the non-critical repeat, though motor-stall comes later in the table");
    }

    [Fact]
    public void NewAlarm_EndsASilence_AndSaysWhy()
    {
        var (m, log) = Manager();
        m.Raise(AlarmIds.LowReservoir, T0);
        m.Silence(T0, SimDuration.FromHours(1));
        m.Raise(AlarmIds.MotorStall, T0 + SimDuration.FromMinutes(5));
        var ended = log.OfType<AlarmSilenceEnded>().Single();
        ended.Alarms.Should().Equal(AlarmIds.LowReservoir);
        ended.Reason.Should().Be("a new alarm");
    }

    [Fact]
    public void SilenceThatRunsOut_ResumesTheTones_ButSaysNothingWhenNothingIsLeftSilenced()
    {
        var (m, log) = Manager();
        m.Raise(AlarmIds.LowReservoir, T0);
        m.Silence(T0, SimDuration.FromHours(1));
        m.OnTime(T0 + SimDuration.FromHours(1));
        log.OfType<AlarmSilenceEnded>().Single().Reason.Should().Be("silence elapsed");

        var (quiet, qlog) = Manager();
        quiet.Raise(AlarmIds.LowReservoir, T0);
        quiet.Silence(T0, SimDuration.FromHours(1));
        quiet.ConditionGone(AlarmIds.LowReservoir, T0 + SimDuration.FromMinutes(30));
        qlog.OfType<AlarmCleared>().Single().Reason.Should().Be("condition gone");
        quiet.OnTime(T0 + SimDuration.FromHours(1));
        qlog.OfType<AlarmSilenceEnded>().Should().BeEmpty("the cleared alarm no longer waits for its silence to end");
    }

    [Fact]
    public void ClearingReasons_NameTheProcedure()
    {
        var (m, log) = Manager();
        m.Raise(AlarmIds.MotorStall, T0);
        m.ConditionGone(AlarmIds.MotorStall, T0);
        m.Interrogated(T0);
        m.Raise(AlarmIds.EndOfService, T0);
        m.ResetAll(T0);
        log.OfType<AlarmCleared>().Select(c => (c.Alarm, c.Reason)).Should().Equal(
            ("motor-stall", "interrogation"), ("end-of-service", "pump replaced"));
    }

    [Fact]
    public void UnknownAlarmId_IsAnArgumentErrorNamingIt()
    {
        var (m, _) = Manager();
        m.Invoking(x => x.Get("no-such-alarm")).Should().Throw<ArgumentException>().WithMessage("unknown alarm no-such-alarm*");
    }

    [Fact]
    public void AlarmTable_KnowsItsIds_AndWordsPrioritiesForUsers()
    {
        AlarmIds.IsKnown("motor-stall").Should().BeTrue();
        AlarmIds.IsKnown("motor").Should().BeFalse();
        AlarmIds.Text(AlarmPriority.Critical).Should().Be("critical");
        AlarmIds.Text(AlarmPriority.NonCritical).Should().Be("non-critical");
        AlarmIds.Tone(AlarmPriority.Critical).Should().Be("3-s dual tone");
        AlarmIds.Tone(AlarmPriority.NonCritical).Should().Be("1-s single tone");
    }
}
