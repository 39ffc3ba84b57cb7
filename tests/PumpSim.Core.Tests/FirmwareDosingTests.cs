using PumpSim.Core.Events;
using PumpSim.Core.Therapy;
using PumpSim.Core.Units;
using static PumpSim.Core.Tests.FirmwareRig;
using static PumpSim.Core.Tests.Plans;

namespace PumpSim.Core.Tests;

/// <summary>The firmware's dosing (PUMP.md §3) driven directly: boluses (plain, capped, priming,
/// bridge), PTM, flex programs and what the firmware prescribes and commands. SynchroMed II 20 mL:
/// flow 0.048–24 mL/day, minimum rate 0.006 mL/day. Expected numbers are worked in the comments.</summary>
public class FirmwareDosingTests
{
    private const long PerMl = Volume.PicolitresPerMl;
    private static SimDuration Sec(long s) => SimDuration.FromSeconds(s);

    // ---- single boluses --------------------------------------------------------------------

    [Fact]
    public void SingleBolus_RunsOnTopOfTheBasal_AndEndsWhenItsVolumeIsGiven()
    {
        var rig = MlPerDay(1);
        rig.Do(f => f.StartBolus("single", 100, SimDuration.FromHours(1)));
        // 100 mcg / 500 mcg/mL = 0.2 mL over 1 h = 4.8 mL/day; under 24 mL/day, so not capped.
        rig.Of<BolusStarted>().Should().Equal(new BolusStarted("single", 100, 0.2, SimDuration.FromHours(1), false) with { At = Start });
        rig.Fw.MotorFlow.PicolitresPerDay.Should().Be(5_800_000_000, "1 mL/day basal + 4.8 mL/day bolus");
        rig.Fw.PrescribedMcgPerDay.Should().Be(2900, "(1 + 4.8) mL/day × 500 mcg/mL");

        rig.RunFor("1h");
        rig.Of<BolusFinished>().Should().Equal(new BolusFinished("single", 100, 0.2, SimDuration.FromHours(1), false) with { At = At("1h") });
        rig.Fw.MotorFlow.PicolitresPerDay.Should().Be(PerMl, "the basal alone again");
        // In the hour: 1/24 mL basal + 0.2 mL bolus = 0.241666… mL, × 500 = 120.8333 mcg.
        rig.Fw.Estimate.Ml.Should().BeApproximately(20 - 0.2416667, 1e-6);
        rig.Fw.ProgrammedMass.Mcg.Should().BeApproximately(120.83333, 1e-4);
    }

    [Fact]
    public void BolusCappedByTheSum_RunsLonger_AndStillGivesItsWholeVolume()
    {
        var rig = MlPerDay(20);
        rig.Do(f => f.StartBolus("single", 200, SimDuration.FromHours(1)));
        // 200 / 500 = 0.4 mL over 1 h = 9.6 mL/day (itself under the maximum: not capped at start);
        // 20 mL/day basal leaves 4 mL/day of room: 0.4 mL / 4 mL/day = 0.1 day = 8640 s.
        rig.Of<BolusStarted>().Single().Capped.Should().BeFalse();
        rig.Fw.MotorFlow.PicolitresPerDay.Should().Be(24 * PerMl);
        rig.Fw.PrescribedMcgPerDay.Should().Be(12000, "(20 + 4) mL/day × 500: the bolus as given, not nominal");
        rig.RunFor("3h");
        rig.Of<BolusFinished>().Should().Equal(new BolusFinished("single", 200, 0.4, Sec(8640), true) with { At = Start + Sec(8640) });
        // 3 h: 0.1 day at 24 mL/day = 2.4 mL, then 0.025 day at 20 mL/day = 0.5 mL.
        rig.Fw.Estimate.Ml.Should().BeApproximately(20 - 2.9, 1e-9);
    }

    [Fact]
    public void BolusFasterThanTheMaximumFlow_IsCappedFromItsStart_ButOneAtTheMaximumIsNot()
    {
        var fast = MlPerDay(1);
        // 500 mcg = 1 mL over 30 min = 48 mL/day > 24.
        fast.Do(f => f.StartBolus("single", 500, SimDuration.FromMinutes(30)));
        fast.Of<BolusStarted>().Single().Capped.Should().BeTrue();
        // It gets the 23 mL/day the basal leaves: 48 mL/day × 1800 s / 23 mL/day = 3756.5 s, so 3757 s.
        fast.RunFor("2h");
        fast.Of<BolusFinished>().Single().Duration.Should().Be(Sec(3757));

        var exact = MlPerDay(1);
        // 500 mcg = 1 mL over 1 h = exactly 24 mL/day: not over the maximum.
        exact.Do(f => f.StartBolus("single", 500, SimDuration.FromHours(1)));
        exact.Of<BolusStarted>().Single().Capped.Should().BeFalse();
    }

    [Fact]
    public void BolusWithNoRoom_WaitsWithoutADueInstant_ThenResumes()
    {
        var rig = MlPerDay(24);
        rig.Do(f => f.StartBolus("single", 50, SimDuration.FromHours(1)));
        // No room: the bolus is given nothing, so it has no end instant; the next due is the low
        // reservoir level: (20 − 2) mL at 24 mL/day = 0.75 day = 64800 s.
        rig.Fw.NextDue().Should().Be(Start + Sec(64800));
        rig.RunFor("1h");
        rig.Of<BolusFinished>().Should().BeEmpty();
        // 12 mL/day leaves 12 of room; the bolus (0.1 mL at 2.4 mL/day) takes its full hour from now.
        rig.Do(f => f.ApplyProgram(TherapyProgram.Continuous(ProgramRate.MlPerDay(12)), null));
        rig.RunTo(At("3h"));
        rig.Of<BolusFinished>().Should().Equal(new BolusFinished("single", 50, 0.1, SimDuration.FromHours(2), true) with { At = At("2h") });
        // 1 h at 24 (1 mL), 1 h at 14.4 (0.6 mL), 1 h at 12 (0.5 mL).
        rig.Fw.Estimate.Ml.Should().BeApproximately(20 - 2.1, 1e-9);
    }

    [Fact]
    public void Boluses_AreRefused_UnlessInfusingAndOneAtATime()
    {
        var stopped = new FirmwareRig(TherapyProgram.Stopped());
        stopped.Do(f => f.StartBolus("single", 10, SimDuration.FromHours(1)));
        stopped.Do(f => f.StartPrimingBolus());
        stopped.Of<BolusDenied>().Should().Equal(
            new BolusDenied("single", "therapy is stopped") with { At = Start },
            new BolusDenied("priming", "therapy is stopped") with { At = Start });

        var minimum = new FirmwareRig(TherapyProgram.MinimumRate());
        minimum.Do(f => f.StartBolus("single", 10, SimDuration.FromHours(1)));
        minimum.Of<BolusDenied>().Single().Reason.Should().Be("therapy is minimum-rate");

        var busy = MlPerDay(1);
        busy.Do(f => f.StartBolus("single", 10, SimDuration.FromHours(1)));
        busy.Do(f => f.StartPrimingBolus());
        busy.Do(f => f.StartBolus("single", 10, SimDuration.FromHours(1)));
        busy.Of<BolusStarted>().Should().ContainSingle();
        busy.Of<BolusDenied>().Select(d => (d.Kind, d.Reason)).Should().Equal(
            ("priming", "a single bolus is already running"), ("single", "a single bolus is already running"));
    }

    // ---- priming -------------------------------------------------------------------------------

    [Fact]
    public void Priming_PushesTheCatheterVolumeAtTheMaximumFlow_InsteadOfTheBasal()
    {
        var rig = MlPerDay(1);
        rig.Do(f => f.StartPrimingBolus());
        // 0.2 mL at 24 mL/day = 0.2 / 24 day = 720 s exactly; 0.2 mL × 500 = 100 mcg.
        rig.Of<BolusStarted>().Should().Equal(new BolusStarted("priming", 100, 0.2, Sec(720), false) with { At = Start });
        rig.Fw.MotorFlow.PicolitresPerDay.Should().Be(24 * PerMl, "the basal is replaced, not added to");
        rig.Fw.PrescribedMcgPerDay.Should().Be(12000, "24 mL/day × 500");
        rig.RunFor("12m");
        rig.Of<BolusFinished>().Should().Equal(new BolusFinished("priming", 100, 0.2, Sec(720), false) with { At = Start + Sec(720) });
        rig.Fw.Estimate.Should().Be(Ml(19.8), "0.2 mL primed and no basal meanwhile");
    }

    // ---- bridge --------------------------------------------------------------------------------

    /// <summary>250 mcg/day: 0.5 mL/day at 500 mcg/mL; refilled at 1000 mcg/mL it becomes 0.25 mL/day.</summary>
    private static FirmwareRig RefilledAtDoubleStrength(TherapyProgram? program = null)
    {
        var rig = new FirmwareRig(program ?? TherapyProgram.Continuous(ProgramRate.McgPerDay(250)));
        rig.Do(f => { f.Refilled(Ml(20), McgPerMl(1000)); f.RefillDone(McgPerMl(500)); });
        return rig;
    }

    [Fact]
    public void Bridge_RunsTheOldDrugOut_AtTheRateThatKeepsTheDose()
    {
        var rig = RefilledAtDoubleStrength();
        rig.Of<ProgramChanged>().Should().Equal(new ProgramChanged("continuous 250 mcg/day", 250, 250, "concentration change") with { At = Start });
        rig.Do(f => f.StartBridgeBolus());
        // 0.2 mL of old drug left; 250 mcg/day at the old 500 mcg/mL = 0.5 mL/day: 0.2 / 0.5 day =
        // 0.4 day = 34560 s; the dose it carries is 0.2 mL × 500 = 100 mcg.
        rig.Of<BolusStarted>().Should().Equal(new BolusStarted("bridge", 100, 0.2, Sec(34560), false) with { At = Start });
        rig.Fw.MotorFlow.PicolitresPerDay.Should().Be(PerMl / 2);
        rig.Fw.PrescribedMcgPerDay.Should().Be(250, "0.5 mL/day priced at the old 500 mcg/mL, not at 1000");
        rig.RunFor("4h48m"); // 0.2 day: 0.1 mL of old drug = 50 mcg
        rig.Fw.ProgrammedMass.Mcg.Should().BeApproximately(50, 1e-9);
        rig.RunTo(Start + Sec(34560));
        rig.Of<BolusFinished>().Should().Equal(new BolusFinished("bridge", 100, 0.2, Sec(34560), false) with { At = Start + Sec(34560) });
        rig.Fw.ProgrammedMass.Mcg.Should().BeApproximately(100, 1e-9);
        rig.Fw.PrescribedMcgPerDay.Should().Be(250, "0.25 mL/day at the new 1000 mcg/mL");
        rig.RunFor("1d"); // then 0.25 mL/day × 1000 = 250 mcg
        rig.Fw.ProgrammedMass.Mcg.Should().BeApproximately(350, 1e-9);
        rig.Fw.Estimate.Ml.Should().BeApproximately(20 - 0.2 - 0.25, 1e-9);
    }

    [Fact]
    public void SingleBolus_AfterABridge_IsPricedAtTheNewConcentrationOnly()
    {
        var rig = RefilledAtDoubleStrength();
        rig.Do(f => f.StartBridgeBolus());
        rig.RunTo(Start + Sec(34560)); // the bridge (0.4 day) is over
        rig.Do(f => f.StartBolus("single", 100, SimDuration.FromHours(1)));
        // 100 mcg / 1000 mcg/mL = 0.1 mL over 1 h = 2.4 mL/day, on the 0.25 mL/day basal:
        // (0.25 + 2.4) × 1000 = 2650 mcg/day; nothing of it at the old drug's price.
        rig.Fw.PrescribedMcgPerDay.Should().BeApproximately(2650, 1e-9);
        rig.RunFor("1h");
        // 100 mcg bridged, then in the hour 0.25/24 mL × 1000 + 100 mcg = 10.41667 + 100.
        rig.Fw.ProgrammedMass.Mcg.Should().BeApproximately(100 + 10.41667 + 100, 1e-4);
    }

    [Fact]
    public void Bridge_IsRefused_WithoutAConcentrationChange()
    {
        var rig = MlPerDay(1);
        rig.Do(f => f.StartBridgeBolus());
        rig.Do(f => { f.Refilled(Ml(20), McgPerMl(500)); f.RefillDone(McgPerMl(500)); }); // same drug again
        rig.Do(f => f.StartBridgeBolus());
        rig.Of<BolusDenied>().Should().Equal(
            new BolusDenied("bridge", "no concentration change to bridge") with { At = Start },
            new BolusDenied("bridge", "no concentration change to bridge") with { At = Start });
        rig.Of<BolusStarted>().Should().BeEmpty();
    }

    [Fact]
    public void Bridge_IsRefused_OnceTheCatheterWasFlushedSinceTheChange()
    {
        var rig = RefilledAtDoubleStrength(TherapyProgram.Continuous(ProgramRate.MlPerDay(1)));
        rig.RunFor("6h"); // 0.25 mL pumped ≥ the 0.2-mL catheter
        rig.Do(f => f.StartBridgeBolus());
        rig.Of<BolusDenied>().Should().Equal(new BolusDenied("bridge",
            "nothing to bridge: 0.25 mL pumped since the concentration change already flushed the 0.2 mL catheter") with
        { At = At("6h") });
    }

    [Fact]
    public void Bridge_IsRefused_WhileStopped()
    {
        var rig = RefilledAtDoubleStrength(TherapyProgram.Stopped());
        rig.Do(f => f.StartBridgeBolus());
        rig.Of<BolusDenied>().Should().Equal(new BolusDenied("bridge", "therapy is stopped") with { At = Start });
    }

    [Fact]
    public void Bridge_IsRefused_ForAProgramWithoutADose()
    {
        // A continuous 0 mL/day program (the loader never builds one; the firmware must not divide by it).
        var rig = RefilledAtDoubleStrength(TherapyProgram.Continuous(ProgramRate.MlPerDay(0)));
        rig.Do(f => f.StartBridgeBolus());
        rig.Of<BolusDenied>().Should().Equal(new BolusDenied("bridge", "no basal dose to bridge") with { At = Start });
        // 0 flow is not raised to the 0.048 mL/day minimum: the pump runs nothing.
        rig.Fw.MotorFlow.IsZero.Should().BeTrue();
        rig.Fw.AverageProgramFlow().IsZero.Should().BeTrue();
    }

    // ---- PTM -----------------------------------------------------------------------------------

    /// <summary>50 mcg over 30 min (0.1 mL at 500 mcg/mL = 4.8 mL/day), 2-h lockout, 3 a day.</summary>
    private static PtmSettings Ptm() => PtmSettings.Create(50, SimDuration.FromMinutes(30), SimDuration.FromHours(2), 3);

    [Fact]
    public void PtmBolus_RunsOnTopOfTheBasal()
    {
        var rig = MlPerDay(1, ptm: Ptm());
        rig.Do(f => f.RequestPtm());
        rig.Of<PtmRequestAccepted>().Should().Equal(new PtmRequestAccepted(50, SimDuration.FromMinutes(30), 1) with { At = Start });
        rig.Fw.MotorFlow.PicolitresPerDay.Should().Be(5_800_000_000, "1 + 4.8 mL/day");
        rig.Fw.PrescribedMcgPerDay.Should().Be(2900);
        rig.RunFor("1h");
        rig.Of<BolusFinished>().Should().Equal(new BolusFinished("ptm", 50, 0.1, SimDuration.FromMinutes(30), false) with { At = At("30m") });
        // 1/24 mL basal + 0.1 mL PTM = 0.141666… mL; × 500 = 70.8333 mcg.
        rig.Fw.Estimate.Ml.Should().BeApproximately(20 - 0.1416667, 1e-6);
        rig.Fw.ProgrammedMass.Mcg.Should().BeApproximately(70.83333, 1e-4);
    }

    [Fact]
    public void PtmRequests_FollowRunningLockoutAndARollingDailyMaximum()
    {
        var rig = MlPerDay(1, ptm: Ptm());
        void Request(string at) { rig.RunTo(At(at)); rig.Do(f => f.RequestPtm()); }
        Request("0s");   // accepted, 1 in the last 24 h
        Request("10m");  // its bolus still runs
        Request("1h");   // 1 h after the last: inside the 2-h lockout
        Request("2h");   // exactly 2 h: the lockout is over; 2
        Request("4h");   // 3
        Request("6h");   // 3 already in the last 24 h
        Request("1d");   // the one at 0 s is 24 h old and drops out: 2 before, 3 after
        var log = rig.Events.Where(e => e is PtmRequestAccepted or PtmRequestDenied).Select(e => e switch
        {
            PtmRequestAccepted a => ((e.At - Start).Seconds, "accepted", a.AcceptedLast24h),
            PtmRequestDenied d => ((e.At - Start).Seconds, d.Reason, d.AcceptedLast24h),
            _ => default,
        });
        log.Should().Equal(
            (0L, "accepted", 1L),
            (600L, "a PTM bolus is running", 1L),
            (3600L, "lockout", 1L),
            (7200L, "accepted", 2L),
            (14400L, "accepted", 3L),
            (21600L, "daily maximum reached", 3L),
            (86400L, "accepted", 3L));
    }

    [Fact]
    public void Ptm_IsRefused_WithoutSettingsOrWhileNotInfusing()
    {
        var none = MlPerDay(1);
        none.Do(f => f.RequestPtm());
        none.Of<PtmRequestDenied>().Should().Equal(new PtmRequestDenied("no PTM is configured", 0) with { At = Start });

        var stopped = new FirmwareRig(TherapyProgram.Stopped(), ptm: Ptm());
        stopped.Do(f => f.RequestPtm());
        stopped.Of<PtmRequestDenied>().Should().Equal(new PtmRequestDenied("therapy is stopped", 0) with { At = Start });
        stopped.Of<PtmRequestAccepted>().Should().BeEmpty();
    }

    [Fact]
    public void PtmCappedByAHighBasal_RunsLonger()
    {
        var rig = MlPerDay(20, ptm: Ptm());
        rig.Do(f => f.RequestPtm());
        // 4 mL/day of room: 0.1 mL / 4 mL/day = 0.025 day = 2160 s.
        rig.Fw.MotorFlow.PicolitresPerDay.Should().Be(24 * PerMl);
        rig.RunFor("10m"); // a breakpoint while capped: the rates are recomputed, and it stays capped
        rig.RunFor("1h");
        rig.Of<BolusFinished>().Should().Equal(new BolusFinished("ptm", 50, 0.1, Sec(2160), true) with { At = Start + Sec(2160) });
    }

    [Fact]
    public void Ptm_GetsOnlyTheRoomARunningBolusLeaves()
    {
        var rig = MlPerDay(1, ptm: Ptm());
        // 90 mcg = 0.18 mL over 12 min = 21.6 mL/day; basal 1 + 21.6 leaves 1.4 mL/day for PTM.
        rig.Do(f => f.StartBolus("single", 90, SimDuration.FromMinutes(12)));
        rig.Do(f => f.RequestPtm());
        rig.Fw.MotorFlow.PicolitresPerDay.Should().Be(24 * PerMl, "1 + 21.6 + 1.4");
        rig.Fw.PrescribedMcgPerDay.Should().Be(12000);
    }

    // ---- programs --------------------------------------------------------------------------

    [Fact]
    public void FlexProgramDose_IsItsTimeWeightedMeanOverTheCycle()
    {
        var rig = MlPerDay(1);
        // Daily: 1 mL/day from 06:00 to 18:00 (12 h), 3 mL/day from 18:00 round to 06:00 (12 h):
        // mean 2 mL/day × 500 = 1000 mcg/day.
        rig.Do(f => f.ApplyProgram(TherapyProgram.Flex(FlexRepeat.Daily,
            [new FlexStep(6 * 3600, ProgramRate.MlPerDay(1)), new FlexStep(18 * 3600, ProgramRate.MlPerDay(3))]), null));
        // Weekly: 1 mL/day on the first day of the week, 2 mL/day the other 6: (1 + 12) / 7 mL/day
        // = 1.857142857 mL/day × 500 = 928.571 mcg/day.
        rig.Do(f => f.ApplyProgram(TherapyProgram.Flex(FlexRepeat.Weekly,
            [new FlexStep(0, ProgramRate.MlPerDay(1)), new FlexStep(86400, ProgramRate.MlPerDay(2))]), null));
        rig.Of<ProgramChanged>().Select(p => (p.OldMcgPerDay, p.NewMcgPerDay, p.Reason)).Should().Equal(
            (500.0, 1000.0, "reprogrammed"), (1000.0, 928.571, "reprogrammed"));
    }

    [Fact]
    public void FlexStepChange_IsTheFirmwaresNextDueInstant()
    {
        var rig = new FirmwareRig(TherapyProgram.Flex(FlexRepeat.Daily,
            [new FlexStep(6 * 3600, ProgramRate.MlPerDay(1)), new FlexStep(18 * 3600, ProgramRate.MlPerDay(3))]));
        // Midnight: the 18:00 step (3 mL/day) still runs; the next change is 06:00, well before the
        // alarm level ((20 − 2) mL / 3 mL/day = 6 days).
        rig.Fw.MotorFlow.PicolitresPerDay.Should().Be(3 * PerMl);
        rig.Fw.NextDue().Should().Be(At("6h"));
        rig.RunFor("6h");
        rig.Fw.MotorFlow.PicolitresPerDay.Should().Be(PerMl);
        rig.Fw.Estimate.Ml.Should().BeApproximately(20 - 0.75, 1e-9, "6 h at 3 mL/day");
    }

    [Fact]
    public void MinimumRateAndStoppedPrograms_PrescribeTheMinimumRateAndNothing()
    {
        var minimum = new FirmwareRig(TherapyProgram.MinimumRate());
        minimum.Fw.MotorFlow.PicolitresPerDay.Should().Be(6_000_000, "0.006 mL/day");
        minimum.Fw.PrescribedMcgPerDay.Should().BeApproximately(3, 1e-12, "0.006 mL/day × 500");
        var stopped = new FirmwareRig(TherapyProgram.Stopped());
        stopped.Fw.MotorFlow.IsZero.Should().BeTrue();
        stopped.Fw.PrescribedMcgPerDay.Should().Be(0);
    }

    [Fact]
    public void ContinuousProgram_StartsAtTheMinimumRate_WhenTheReservoirReadsEmpty()
    {
        var rig = MlPerDay(1, reservoirMl: 0);
        rig.Fw.Therapy.Should().Be(Firmware.TherapyState.MinimumRate);
        rig.Fw.MotorFlow.PicolitresPerDay.Should().Be(6_000_000);
        rig.Fw.PrescribedMcgPerDay.Should().Be(500, "the prescription stays the program's 1 mL/day");
    }
}
