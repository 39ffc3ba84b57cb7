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
}
