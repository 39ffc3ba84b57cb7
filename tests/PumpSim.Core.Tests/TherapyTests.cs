using PumpSim.Core.Therapy;
using PumpSim.Core.Units;
using static PumpSim.Core.Tests.Plans;

namespace PumpSim.Core.Tests;

/// <summary>The therapy types on their own: program validation, flex clocks, the pump's flow range,
/// PTM limits and the battery model's arithmetic.</summary>
public class TherapyTests
{
    private static readonly ProgramRate A = ProgramRate.McgPerDay(100);
    private static readonly ProgramRate B = ProgramRate.McgPerDay(300);

    // Steps at 08:00 (A) and 20:00 (B), daily.
    private static TherapyProgram DayNight() =>
        TherapyProgram.Flex(FlexRepeat.Daily, [new FlexStep(20 * 3600, B), new FlexStep(8 * 3600, A)]);

    [Fact]
    public void Flex_SortsItsSteps_AndRunsTheLastStepBeforeTheFirstOfTheCycle()
    {
        var p = DayNight();
        p.Steps.Select(s => s.StartSecond).Should().Equal(8 * 3600, 20 * 3600);
        p.RateAt(At("7h")).Should().Be(B);          // before 08:00: yesterday's 20:00 step still runs
        p.RateAt(At("8h")).Should().Be(A);          // a step starts at its own second
        p.RateAt(At("19h59m59s")).Should().Be(A);
        p.RateAt(At("20h")).Should().Be(B);
        p.RateAt(At("1d8h")).Should().Be(A);        // the next day, the same
    }

    [Fact]
    public void Flex_NextChangeIsStrictlyAfter_AndWrapsRoundTheDay()
    {
        var p = DayNight();
        p.NextChangeAfter(At("7h")).Should().Be(At("8h"));
        p.NextChangeAfter(At("8h")).Should().Be(At("20h"));   // not the instant itself
        // 21:00 → 08:00 next day: 86 400 − 75 600 + 28 800 = 39 600 s = 11 h.
        p.NextChangeAfter(At("21h")).Should().Be(At("1d8h"));
        p.NextChangeAfter(At("20h")).Should().Be(At("1d8h"));

        TherapyProgram.Flex(FlexRepeat.Daily, [new FlexStep(0, A)]).NextChangeAfter(At("1h")).Should().Be(SimInstant.MaxValue);
        TherapyProgram.Continuous(A).NextChangeAfter(At("1h")).Should().Be(SimInstant.MaxValue);
    }

    [Fact]
    public void WeeklyFlex_CountsFromMonday()
    {
        // Monday 00:00 (A) and Wednesday 12:00 = 2.5 days = 216 000 s (B).
        var p = TherapyProgram.Flex(FlexRepeat.Weekly, [new FlexStep(0, A), new FlexStep(216_000, B)]);
        var sundayNoon = SimInstant.FromDateTimeOffset(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        p.RateAt(sundayNoon).Should().Be(B);
        // Sunday 12:00 is 6.5 days into the week: 604 800 − 561 600 + 0 = 43 200 s to Monday 00:00.
        p.NextChangeAfter(sundayNoon).Should().Be(sundayNoon + SimDuration.FromHours(12));
        var mondayMorning = sundayNoon + SimDuration.FromHours(13);
        p.RateAt(mondayMorning).Should().Be(A);
        // The last second of a week is allowed as a start; a whole week is not.
        TherapyProgram.Flex(FlexRepeat.Weekly, [new FlexStep(604_799, A)]).Steps.Should().HaveCount(1);
        var week = () => TherapyProgram.Flex(FlexRepeat.Weekly, [new FlexStep(604_800, A)]);
        week.Should().Throw<ProgramRejectedException>().WithMessage("flex step 1 starts outside the weekly cycle.");
    }

    [Fact]
    public void Flex_RefusesBadSteps()
    {
        var none = () => TherapyProgram.Flex(FlexRepeat.Daily, []);
        none.Should().Throw<ProgramRejectedException>().WithMessage("a flex program needs at least one step.");
        var eleven = () => TherapyProgram.Flex(FlexRepeat.Daily, Enumerable.Range(0, 11).Select(i => new FlexStep(i * 60, A)));
        eleven.Should().Throw<ProgramRejectedException>().WithMessage("a flex program has at most 10 steps, got 11.");
        TherapyProgram.Flex(FlexRepeat.Daily, Enumerable.Range(0, 10).Select(i => new FlexStep(i * 60, A))).Steps.Should().HaveCount(10);
        var negative = () => TherapyProgram.Flex(FlexRepeat.Daily, [new FlexStep(-1, A)]);
        negative.Should().Throw<ProgramRejectedException>().WithMessage("flex step 1 starts outside the daily cycle.");
        var day = () => TherapyProgram.Flex(FlexRepeat.Daily, [new FlexStep(0, A), new FlexStep(86_400, B)]);
        day.Should().Throw<ProgramRejectedException>().WithMessage("flex step 2 starts outside the daily cycle.");
        TherapyProgram.Flex(FlexRepeat.Daily, [new FlexStep(86_399, A)]).Steps.Should().HaveCount(1);
        var twice = () => TherapyProgram.Flex(FlexRepeat.Daily, [new FlexStep(60, A), new FlexStep(0, A), new FlexStep(60, B)]);
        twice.Should().Throw<ProgramRejectedException>().WithMessage("two flex steps start at the same time.");
    }

    [Fact]
    public void Programs_ListTheirRates_AndDescribeThemselves()
    {
        TherapyProgram.Continuous(A).RateAt(At("5h")).Should().Be(A);
        TherapyProgram.MinimumRate().RateAt(At("5h")).Should().BeNull();
        TherapyProgram.Stopped().RateAt(At("5h")).Should().BeNull();
        TherapyProgram.Continuous(A).AllRates().Should().Equal(A);
        DayNight().AllRates().Should().Equal(A, B);
        TherapyProgram.MinimumRate().AllRates().Should().BeEmpty();
        TherapyProgram.Stopped().AllRates().Should().BeEmpty();
        TherapyProgram.Continuous(A).Describe().Should().Be("continuous 100 mcg/day");
        TherapyProgram.Flex(FlexRepeat.Weekly, [new FlexStep(0, A), new FlexStep(60, B)]).Describe().Should().Be("flex (weekly, 2 steps)");
        TherapyProgram.MinimumRate().Describe().Should().Be("minimum rate");
        TherapyProgram.Stopped().Describe().Should().Be("stopped");
        TherapyProgram.Stopped().Mode.Should().Be(ProgramMode.Stopped);
        TherapyProgram.MinimumRate().Mode.Should().Be(ProgramMode.MinimumRate);
    }

    [Fact]
    public void ProgramRate_ConvertsWithTheConcentrationOnlyWhenItMust()
    {
        var c = Concentration.FromMcgPerMl(500);
        // 100 mcg/day ÷ 500 mcg/mL = 0.2 mL/day; 0.2 mL/day × 500 mcg/mL = 100 mcg/day.
        ProgramRate.McgPerDay(100).ToFlow(c).Should().Be(FlowRate.FromMlPerDay(0.2));
        ProgramRate.MlPerDay(0.2).ToDose(c).Should().Be(DoseRate.FromMcgPerDay(100));
        ProgramRate.McgPerDay(100).ToDose(c).Should().Be(DoseRate.FromMcgPerDay(100));
        ProgramRate.MlPerDay(0.2).ToFlow(c).Should().Be(FlowRate.FromMlPerDay(0.2));
        ProgramRate.McgPerDay(100).ToString().Should().Be("100 mcg/day");
        ProgramRate.MlPerDay(0.2).ToString().Should().Be("0.2 mL/day");
    }

    [Fact]
    public void Profile_AcceptsItsFlowRangeInclusive_ForEveryRateOfTheProgram()
    {
        var p = PumpProfile.SynchroMedII20;
        var c = Concentration.FromMcgPerMl(500);
        PumpProfile.Find("synchromed-ii-40")!.Capacity.Should().Be(Volume.FromMl(40));
        PumpProfile.Find("synchromed-ii-20").Should().BeSameAs(p);
        PumpProfile.Find("synchromed-iii").Should().BeNull();
        PumpProfile.All.Select(x => x.Model).Should().Equal("synchromed-ii-20", "synchromed-ii-40");

        // 0.048 mL/day × 500 mcg/mL = 24 mcg/day; 24 mL/day × 500 = 12 000 mcg/day.
        p.Check(TherapyProgram.Continuous(ProgramRate.McgPerDay(24)), c);
        p.Check(TherapyProgram.Continuous(ProgramRate.McgPerDay(12_000)), c);
        p.Check(TherapyProgram.MinimumRate(), c);
        var low = () => p.Check(TherapyProgram.Continuous(ProgramRate.McgPerDay(23.99)), c);
        low.Should().Throw<ProgramRejectedException>()
            .WithMessage("23.99 mcg/day is 0.04798 mL/day at 500 mcg/mL; synchromed-ii-20 accepts 0.048–24 mL/day.");
        var high = () => p.Check(TherapyProgram.Continuous(ProgramRate.MlPerDay(24.001)), c);
        high.Should().Throw<ProgramRejectedException>();
        var flexHigh = () => p.Check(TherapyProgram.Flex(FlexRepeat.Daily,
            [new FlexStep(0, ProgramRate.McgPerDay(100)), new FlexStep(3600, ProgramRate.McgPerDay(12_001))]), c);
        flexHigh.Should().Throw<ProgramRejectedException>().WithMessage("12001 mcg/day*");
    }

    [Fact]
    public void Ptm_RefusesSettingsOutsideItsLimits()
    {
        var s = SimDuration.FromSeconds(1);
        var ok = PtmSettings.Create(0.001, s, SimDuration.Zero, 1);
        ok.Should().Be(new PtmSettings(0.001, s, SimDuration.Zero, 1));
        PtmSettings.Create(10_000, s, s, 24).MaxPerDay.Should().Be(24);
        var dose = () => PtmSettings.Create(0.0009, s, s, 1);
        dose.Should().Throw<ArgumentOutOfRangeException>().WithMessage("ptm dose must be between 0.001 and 10000 mcg*");
        var bigDose = () => PtmSettings.Create(10_000.1, s, s, 1);
        bigDose.Should().Throw<ArgumentOutOfRangeException>();
        var instant = () => PtmSettings.Create(1, SimDuration.Zero, s, 1);
        instant.Should().Throw<ProgramRejectedException>().WithMessage("a PTM bolus needs a duration of at least 1 s.");
        var lockout = () => PtmSettings.Create(1, s, SimDuration.FromSeconds(-1), 1);
        lockout.Should().Throw<ProgramRejectedException>().WithMessage("a PTM lockout cannot be negative.");
        foreach (var n in new[] { 0, 25 })
        {
            var max = () => PtmSettings.Create(1, s, s, n);
            max.Should().Throw<ProgramRejectedException>().WithMessage("a PTM maximum per day must be 1 to 24.");
        }
    }

    [Fact]
    public void Battery_DrainIsLinearInFlow_AndChargeIsCappedAtFull()
    {
        // The line through (0.5 mL/day, 1e13/2555) and (2 mL/day, 1e13/1825): slope
        // (5 479 452 054.79 − 3 913 894 324.85) / 1.5 = 1 043 705 153.3 per mL, so at zero flow
        // 3 913 894 324.85 − 0.5 × 1 043 705 153.3 = 3 392 041 748.2 → 3 392 041 748.
        BatteryModel.SynchroMedII.DrainPerDay(0).Should().Be(3_392_041_748);
        BatteryModel.SynchroMedII.DrainPerDay(500_000_000).Should().Be(3_913_894_325);    // 1e13 / 2555 = 3 913 894 324.85
        BatteryModel.SynchroMedII.DrainPerDay(1_000_000_000).Should().Be(4_435_746_902);  // + 0.5 × slope = …901.50 → …902
        // 100 days at 0.5 mL/day: 100 × 3 913 894 325.
        BatteryModel.SynchroMedII.ChargeFor(100, 500_000_000).Should().Be(391_389_432_500);
        BatteryModel.SynchroMedII.DaysLeft(391_389_432_500, 500_000_000).Should().Be(100);
        BatteryModel.SynchroMedII.ChargeFor(10_000, 500_000_000).Should().Be(BatteryModel.FullCharge); // 10 000 days > 7 years
    }

    [Fact]
    public void FlexProgram_RateAtAndNextChange_AllocateNothing()
    {
        // Asked at every breakpoint of every run: an enumerator per call was a fifth of a fifty-year
        // run's CPU in the garbage collector (docs/performance.md).
        var p = TherapyProgram.Flex(FlexRepeat.Daily, [new FlexStep(7 * 3600, A), new FlexStep(22 * 3600, B)]);
        var t = At("1h");
        p.RateAt(t); p.NextChangeAfter(t); // any one-time work first
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++) { p.RateAt(t); p.NextChangeAfter(t); }
        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0);
    }
}
