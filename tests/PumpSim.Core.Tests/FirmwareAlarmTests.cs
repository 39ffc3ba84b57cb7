using PumpSim.Core.Engine;
using PumpSim.Core.Events;
using PumpSim.Core.Firmware;
using PumpSim.Core.Plant;
using PumpSim.Core.Therapy;
using PumpSim.Core.Units;
using static PumpSim.Core.Tests.Plans;

namespace PumpSim.Core.Tests;

public class FirmwareAlarmTests
{
    private static IEnumerable<PumpEvent> Of(SimulationResult r, string type, string? alarm = null) =>
        r.Events.Where(e => e.Type == type && (alarm is null || EventSubjects.Alarm(e) == alarm));

    [Fact]
    public void OverInfusingPump_EmptiesTheTrueReservoirAt17_467Days_BeforeTheLowReservoirAlarm()
    {
        var r = Simulation.Run(OneMlPerDay(21) with { AccuracyPct = 14.5 });
        var trueEmpty = Of(r, EventTypes.ReservoirEmptyTrue).Single().At;
        // By hand: 20 mL at 1.145 mL/day is 20 × 86 400 / 1.145 = 1 509 170.31 s; the reservoir is empty
        // at the first whole second past it, 1 509 171 s = 17 d 11 h 12 min 51 s (was ±43 s).
        (trueEmpty - Start).Should().Be(SimDuration.FromSeconds(1_509_171));
        var lra = Of(r, EventTypes.AlarmRaised, "low-reservoir").Single().At;
        lra.Should().Be(Day(18), "the firmware counts nominal strokes only");
        trueEmpty.Should().BeLessThan(lra);
    }

    [Fact]
    public void Mri_OfHalfAnHourWithTwoHoursRecovery_LosesExactly2_5HoursOfDelivery_AndTheStallAlarmLatches()
    {
        var plan = OneMlPerDay(4).WithActions(
            Act("1d", new MriAction(SimDuration.FromMinutes(30), SimDuration.FromHours(2))),
            Act("3d", new InterrogateAction())) with
        { Probes = [Day(1), Day(2)] };
        var r = Simulation.Run(plan);
        var delivered = r.Snapshots[Day(2)].DeliveredCsfMcg - r.Snapshots[Day(1)].DeliveredCsfMcg;
        delivered.Should().BeApproximately(500 * (24 - 2.5) / 24, 1e-6);
        Of(r, EventTypes.MotorStallRecovery).Single().At.Should().Be(At("26h") + SimDuration.FromMinutes(30));
        Of(r, EventTypes.AlarmRaised, "motor-stall").Single().At.Should().Be(Day(1));
        Of(r, EventTypes.AlarmCleared, "motor-stall").Single().At.Should().Be(Day(3), "a critical alarm latches until interrogated");
    }

    [Fact]
    public void Mri_WithAnAlarmAlreadySounding_KeepsThePumpStoppedUntilInterrogated()
    {
        var plan = OneMlPerDay(3).WithActions(
            Act("12h", new MemoryErrorAction(Critical: false)),
            Act("1d", new MriAction(SimDuration.FromMinutes(30), SimDuration.FromHours(1))),
            Act("2d", new InterrogateAction())) with
        { Probes = [Day(1), Day(2), At("2d1h")] };
        var r = Simulation.Run(plan);
        (r.Snapshots[Day(2)].DeliveredCsfMcg - r.Snapshots[Day(1)].DeliveredCsfMcg).Should().Be(0);
        r.Snapshots[At("2d1h")].DeliveredCsfMcg.Should().BeGreaterThan(r.Snapshots[Day(2)].DeliveredCsfMcg);
        Of(r, EventTypes.MotorStallRecovery).Single().At.Should().Be(Day(2));
    }

    [Fact]
    public void Mri_HoldReleasedByAnInterrogation_ClearsTheStallAlarmInThatSameInterrogation()
    {
        // The interrogation that releases the post-MRI hold is the one the clinician does after the
        // scan: the motor turns again, so the latched motor-stall alarm must clear then, not at a
        // second, later interrogation.
        var plan = OneMlPerDay(3).WithActions(
            Act("12h", new MemoryErrorAction(Critical: false)),
            Act("1d", new MriAction(SimDuration.FromMinutes(30), SimDuration.Zero)),
            Act("1d4h", new InterrogateAction()));
        var r = Simulation.Run(plan);
        Of(r, EventTypes.MotorStallRecovery).Single().At.Should().Be(At("1d4h"));
        Of(r, EventTypes.AlarmCleared, "motor-stall").Should().ContainSingle()
            .Which.At.Should().Be(At("1d4h"), "motor turning and an interrogation clear a latched stall alarm");
        Of(r, EventTypes.AlarmTone, "motor-stall").Should().OnlyContain(e => e.At < At("1d4h"));
    }

    [Fact]
    public void TheFirmwareNeverReadsTheTruth_KinkLeakPocketFillAndOverInfusionRaiseNoAlarm()
    {
        var plan = OneMlPerDay(12).WithActions(
            Act("1d", new CatheterFaultAction(CatheterFaultKind.Kink)),
            Act("3d", new CatheterFaultAction(CatheterFaultKind.Leak)),
            Act("5d", new RefillAction(Volume.FromMl(18), Into: RefillTarget.Pocket)),
            Act("6d", new CatheterFaultAction(CatheterFaultKind.Repair)),
            Act("6d", new AccuracyAction(40))) with
        { Reservoir = Volume.FromMl(10) };
        var r = Simulation.Run(plan);
        Of(r, EventTypes.AlarmRaised).Should().BeEmpty();
        Of(r, EventTypes.ReservoirEmptyTrue).Should().ContainSingle("the body's reservoir runs dry while the firmware believes 12 mL remain");
    }

    [Fact]
    public void NonCriticalAlarm_TonesHourly_CriticalEveryTenMinutes()
    {
        var plan = OneMlPerDay(21) with { Duration = SimDuration.FromDays(20) + SimDuration.FromHours(1) };
        var r = Simulation.Run(plan);
        var lowTones = Of(r, EventTypes.AlarmTone, "low-reservoir").Select(e => e.At).ToArray();
        lowTones.Should().HaveCount(2 * 24 + 1 + 1);
        (lowTones[1] - lowTones[0]).Should().Be(SimDuration.FromHours(1));
        var emptyTones = Of(r, EventTypes.AlarmTone, "empty-reservoir").ToArray();
        emptyTones.Should().HaveCount(7);
        ((AlarmTone)emptyTones[0]).Tone.Should().Be("3-s dual tone");
        lowTones.Length.Should().Be(r.Alarms.Single(a => a.Id == "low-reservoir").Tones);
    }

    [Fact]
    public void Silence_MutesTonesForItsDuration_ButNeverPastANewAlarm()
    {
        var plan = OneMlPerDay(21).WithActions(
            Act("18d1h", new SilenceAction(SimDuration.FromHours(5))),
            Act("18d2h", new MemoryErrorAction(Critical: false))) with
        { Duration = SimDuration.FromDays(18) + SimDuration.FromHours(4) };
        var r = Simulation.Run(plan);
        Of(r, EventTypes.AlarmSilenced).Single().At.Should().Be(At("18d") + SimDuration.FromHours(1));
        var ended = Of(r, EventTypes.AlarmSilenceEnded).Single();
        ended.At.Should().Be(At("18d") + SimDuration.FromHours(2));
        Of(r, EventTypes.AlarmTone, "low-reservoir").Select(e => e.At).Should().Equal(Day(18), At("18d2h"), At("18d3h"), At("18d4h"));
    }

    [Fact]
    public void EmptyReservoir_DropsToMinimumRate_AndClearsOnlyAfterRefillThenInterrogation()
    {
        var plan = OneMlPerDay(24).WithActions(
            Act("21d", new RefillAction(Volume.FromMl(20))),
            Act("22d", new InterrogateAction()));
        var r = Simulation.Run(plan);
        r.Events.OfType<TherapyStateChanged>().Should().Contain(e => e.To == TherapyState.MinimumRate && e.At == Day(20));
        Of(r, EventTypes.AlarmCleared, "low-reservoir").Single().At.Should().Be(Day(21));
        Of(r, EventTypes.AlarmCleared, "empty-reservoir").Single().At.Should().Be(Day(22));
        r.Final.TherapyState.Should().Be("infusing");
    }

    [Fact]
    public void CriticalMemoryError_AndLowBatteryReset_HoldTheSafeStateUntilReprogrammed()
    {
        var plan = OneMlPerDay(4).WithActions(
            Act("1d", new MemoryErrorAction(Critical: true)),
            Act("2d", new ProgramAction(TherapyProgram.Continuous(ProgramRate.MlPerDay(1)))),
            Act("3d", new BatteryResetAction())) with
        { Probes = [Day(1), Day(2)] };
        var r = Simulation.Run(plan);
        (r.Snapshots[Day(2)].DeliveredCsfMcg - r.Snapshots[Day(1)].DeliveredCsfMcg).Should().BeApproximately(0.006 * 500, 1e-6);
        Of(r, EventTypes.AlarmCleared, "critical-memory-error").Single().At.Should().Be(Day(2));
        Of(r, EventTypes.AlarmRaised, "low-battery-reset").Single().At.Should().Be(Day(3));
        r.Final.TherapyState.Should().Be("safe-state");
    }

    [Theory]
    [InlineData(0.5, 7 * 365)]
    [InlineData(2.0, 5 * 365)]
    public void Battery_LastsSevenYearsAtHalfAMlAndFiveAtTwo(double mlPerDay, double days)
    {
        BatteryModel.SynchroMedII.DaysLeft(BatteryModel.FullCharge, FlowRate.FromMlPerDay(mlPerDay).PicolitresPerDay).Should().BeApproximately(days, 0.01);
    }

    [Fact]
    public void Battery_RaisesEriWithNinetyDaysLeft_ThenStopsForGoodAtEndOfService()
    {
        var plan = OneMlPerDay(120) with { BatteryLifeRemainingDays = 100, Reservoir = Volume.FromMl(20) }
            ;
        var refills = Enumerable.Range(1, 7).Select(i => Act($"{i * 15}d", new RefillAction(Volume.FromMl(20)))).ToArray();
        var r = Simulation.Run(plan.WithActions(refills));
        // 100 days of battery at a constant 1 mL/day: ERI with 90 days left is day 10, end of service
        // day 100, to the second (was ±86 s).
        Of(r, EventTypes.AlarmRaised, "elective-replacement").Single().At.Should().Be(Day(10));
        Of(r, EventTypes.AlarmRaised, "end-of-service").Single().At.Should().Be(Day(100));
        r.Final.TherapyState.Should().Be("end-of-service");
    }
}
