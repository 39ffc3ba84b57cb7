using FluentAssertions;
using PumpSim.Core.Engine;
using PumpSim.Core.Sweeps;
using PumpSim.Core.Therapy;
using PumpSim.Core.Units;
using Xunit;

namespace PumpSim.Core.Tests;

/// <summary>The texts in <see cref="PlanLimits"/> are constants (the CLI puts them in attributes);
/// these tests pin each text to its value, and check that the plan, the sweep keys and the limits
/// agree at the edges.</summary>
public class PlanLimitsTests
{
    [Fact]
    public void StepRange_TextSaysTheLimits()
    {
        PlanLimits.StepRange.Should().Be($"{PlanLimits.MinStep} to {PlanLimits.MaxStep}");
        PlanLimits.MinStep.Seconds.Should().Be(1);
        PlanLimits.MaxStep.Seconds.Should().Be(3600); // 1 h
    }

    [Fact]
    public void MaxDuration_TextSaysTheLimit()
    {
        // 50 years of 366 days: 50 × 366 × 86 400 s = 1 581 120 000 s.
        PlanLimits.MaxDuration.Seconds.Should().Be(1_581_120_000);
        PlanLimits.MaxDurationText.Should().Be("50 years");
    }

    [Fact]
    public void Defaults_AreThoseOfPump2()
    {
        PlanLimits.DefaultStart.ToString().Should().Be("2026-01-01T00:00:00Z");
        PlanLimits.DefaultStep.Should().Be(SimDuration.FromMinutes(1));
        PlanLimits.DefaultSample.Should().Be(SimDuration.FromMinutes(15));
        var plan = new SimulationPlan();
        (plan.Start, plan.Step, plan.Sample).Should().Be((PlanLimits.DefaultStart, PlanLimits.DefaultStep, PlanLimits.DefaultSample));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(3600, true)]
    [InlineData(3601, false)]
    public void Validate_AcceptsExactlyTheStepRange(long seconds, bool accepted)
    {
        var act = () => new SimulationPlan { Step = SimDuration.FromSeconds(seconds) }.Validate();
        if (accepted) act.Should().NotThrow();
        else act.Should().Throw<ProgramRejectedException>().WithMessage($"step must be 1s to 1h, got {SimDuration.FromSeconds(seconds)}.");
    }

    [Theory]
    [InlineData(0.49, false)]
    [InlineData(0.5, true)]
    [InlineData(10, true)]
    [InlineData(10.001, false)]
    public void Validate_AcceptsTheLraFromHalfAMillilitreToHalfTheCapacity(double ml, bool accepted)
    {
        // SynchroMed II 20 mL: half the capacity is 10 mL.
        var act = () => new SimulationPlan { Profile = PumpProfile.SynchroMedII20, LowReservoirAlarm = Volume.FromMl(ml) }.Validate();
        if (accepted) act.Should().NotThrow();
        else act.Should().Throw<ProgramRejectedException>().WithMessage("low_reservoir_alarm_ml must be 0.5 to 10 mL for synchromed-ii-20, got *");
    }

    [Fact]
    public void SweepKey_LraDomain_IsThePlanLimit()
    {
        var key = SweepKey.Find(SweepKey.LowReservoirAlarmMl);
        key.Domain(new SimulationPlan { Profile = PumpProfile.SynchroMedII40 }).Should().Be((0.5, 20.0)); // 40 mL / 2
        key.Domain(new SimulationPlan { Profile = PumpProfile.SynchroMedII20 }).Should().Be((0.5, 10.0)); // 20 mL / 2
    }

    public static TheoryData<string, Func<SimulationPlan, SimulationPlan>, string?> Edges => new()
    {
        // Each limit just inside (null: accepted) and just outside (the message, * for the value).
        { "sample 1s", p => p with { Sample = SimDuration.FromSeconds(1) }, null },
        { "sample 0s", p => p with { Sample = SimDuration.Zero }, "sample must be at least 1s." },
        { "duration 1s", p => p with { Duration = SimDuration.FromSeconds(1) }, null },
        { "duration 0s", p => p with { Duration = SimDuration.Zero }, "duration must be at least 1s." },
        { "duration 50 y", p => p with { Duration = SimDuration.FromDays(50 * 366) }, null },
        { "duration 50 y + 1s", p => p with { Duration = SimDuration.FromDays(50 * 366) + SimDuration.FromSeconds(1) }, "duration must be at most 50 years." },
        { "ends at the last instant", p => p with { Start = SimulationPlan.LatestEnd - p.Duration }, null },
        { "ends 1s after it", p => p with { Start = SimulationPlan.LatestEnd - p.Duration + SimDuration.FromSeconds(1) }, "the scenario must start and end between *" },
        { "starts at year 1", p => p with { Start = SimInstant.FromUnixSeconds(DateTimeOffset.MinValue.ToUnixTimeSeconds()) }, null },
        { "starts before year 1", p => p with { Start = SimInstant.FromUnixSeconds(DateTimeOffset.MinValue.ToUnixTimeSeconds() - 1) }, "the scenario must start and end between *" },
        { "reservoir 0", p => p with { Reservoir = Volume.Zero }, null },
        { "reservoir -1 pL", p => p with { Reservoir = Volume.FromPicolitres(-1) }, "reservoir_ml must be 0 to 20 mL for synchromed-ii-20, got *" },
        { "reservoir 20 mL", p => p with { Reservoir = Volume.FromMl(20) }, null },
        { "reservoir 20 mL + 1 pL", p => p with { Reservoir = Volume.FromMl(20) + Volume.FromPicolitres(1) }, "reservoir_ml must be 0 to 20 mL *" },
        { "accuracy -99.9", p => p with { AccuracyPct = -99.9 }, null },
        { "accuracy -99.999", p => p with { AccuracyPct = -99.999 }, null },
        { "accuracy -99.9991", p => p with { AccuracyPct = -99.9991 }, "accuracy_pct must be -99.999 to 100, got -99.9991." },
        { "accuracy -100", p => p with { AccuracyPct = -100 }, "accuracy_pct must be -99.999 to 100, got -100." },
        { "accuracy 100", p => p with { AccuracyPct = 100 }, null },
        { "accuracy 100.1", p => p with { AccuracyPct = 100.1 }, "accuracy_pct must be -99.999 to 100, got 100.1." },
        { "accuracy NaN", p => p with { AccuracyPct = double.NaN }, "accuracy_pct must be *" },
        { "catheter 0", p => p with { CatheterVolume = Volume.Zero }, null },
        { "catheter -1 pL", p => p with { CatheterVolume = Volume.FromPicolitres(-1) }, "catheter volume_ml must be 0 to 5 mL, got *" },
        { "catheter 5 mL", p => p with { CatheterVolume = Volume.FromMl(5) }, null },
        { "catheter 5 mL + 1 pL", p => p with { CatheterVolume = Volume.FromMl(5) + Volume.FromPicolitres(1) }, "catheter volume_ml must be 0 to 5 mL, got *" },
        { "battery 0 days", p => p with { BatteryLifeRemainingDays = 0 }, null },
        { "battery -0.1 days", p => p with { BatteryLifeRemainingDays = -0.1 }, "battery life_remaining_days must be 0 to 7320, got -0.1." },
        { "battery 7320 days", p => p with { BatteryLifeRemainingDays = 7320 }, null }, // 20 × 366
        { "battery 7320.1 days", p => p with { BatteryLifeRemainingDays = 7320.1 }, "battery life_remaining_days must be 0 to 7320, got 7320.1." },
        { "battery NaN", p => p with { BatteryLifeRemainingDays = double.NaN }, "battery life_remaining_days must be *" },
        // 20,000 mcg/day at 500 mcg/mL is 40 mL/day: above the pump's flow range (PUMP.md §2, at most 24 mL/day).
        { "program out of range", p => p with { Program = TherapyProgram.Continuous(ProgramRate.McgPerDay(20_000)) }, "*is 40 mL/day at 500 mcg/mL; synchromed-ii-20 accepts *–24 mL/day." },
    };

    [Theory]
    [MemberData(nameof(Edges))]
    public void Validate_AcceptsEachLimitAndRefusesJustPastIt(string edge, Func<SimulationPlan, SimulationPlan> change, string? message)
    {
        var act = () => change(new SimulationPlan { Profile = PumpProfile.SynchroMedII20 }).Validate();
        if (message is null) act.Should().NotThrow(edge);
        else act.Should().Throw<ProgramRejectedException>(edge).WithMessage(message);
    }

    [Fact]
    public void SweepKey_Domains_AreThePlanLimits()
    {
        var plan = new SimulationPlan();
        // One range for the format, the plan and sweeps (it was -99.999, above -100 and -99 in three files).
        SweepKey.Find(SweepKey.AccuracyPct).Domain(plan).Should().Be((-99.999, 100.0));
        SweepKey.Find(SweepKey.BatteryDays).Domain(plan).Should().Be((0.0, 7320.0)); // 20 × 366
        SweepKey.Find(SweepKey.CatheterFaultTime).Applicable!(plan).Should().Be("the scenario has no catheter fault event to move");
        SweepKey.Find(SweepKey.RefillDelay).Applicable!(plan).Should().Be("the scenario has no refill event to delay");
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(1_581_120_000, true)] // 50 × 366 days
    [InlineData(1_581_120_001, false)]
    public void IsDuration_IsOneSecondToFiftyYears(long seconds, bool expected) =>
        PlanLimits.IsDuration(SimDuration.FromSeconds(seconds)).Should().Be(expected);

    [Fact]
    public void SortedDistinct_SortsDedupesAndKeepsTheRange()
    {
        SimInstant S(long s) => SimInstant.FromUnixSeconds(s);
        var all = new[] { S(9), S(5), S(1), S(5), S(3) };
        SimulationPlan.SortedDistinct(all).Should().Equal(S(1), S(3), S(5), S(9));
        SimulationPlan.SortedDistinct(all, S(2), S(8)).Should().Equal(S(3), S(5));
        SimulationPlan.SortedDistinct(all, from: S(4)).Should().Equal(S(5), S(9));
        SimulationPlan.SortedDistinct(all, to: S(4)).Should().Equal(S(1), S(3));
    }

    [Fact]
    public void APlanBuiltInCode_IsNamedScenario_AndCarriesBaclofen()
    {
        // The names summary.json and the report show for a plan that does not say.
        (new SimulationPlan().Id, new SimulationPlan().DrugName).Should().Be(("scenario", "baclofen"));
    }
}
