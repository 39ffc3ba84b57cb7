using PumpSim.Core.Engine;
using PumpSim.Core.Events;
using PumpSim.Core.Patient;
using PumpSim.Core.Plant;
using PumpSim.Core.Therapy;
using PumpSim.Core.Units;
using static PumpSim.Core.Tests.Plans;

namespace PumpSim.Core.Tests;

public class PatientModelTests
{
    private static SimulationPlan Maintained(double days) => OneMlPerDay(days) with
    {
        Patient = new PatientParameters { MaintenanceMcgPerDay = 500 },
        Sample = SimDuration.FromMinutes(5),
    };

    [Fact]
    public void AtTheMaintenanceDose_TheEffectIsFullAndSpasticityAboutOne()
    {
        var r = Simulation.Run(Maintained(2));
        var last = r.Telemetry[^1];
        last.PatientEffectPct.Should().BeApproximately(100, 0.01);
        last.PatientSpasticity.Should().BeApproximately(1, 0.01);
    }

    [Fact]
    public void ARateChange_IsNoticedInSixToEightHours_AndFullyFeltInOneToTwoDays()
    {
        var plan = Maintained(4).WithActions(Act("1d", new ProgramAction(TherapyProgram.Continuous(ProgramRate.McgPerDay(1000)))));
        var r = Simulation.Run(plan);
        double Hours(double fraction) =>
            (r.Telemetry.First(s => s.At >= Day(1) && s.PatientEffectPct >= 100 + 100 * fraction).At - Day(1)).TotalHours;
        Hours(1.0 / 3).Should().BeInRange(6, 8, "a third of the change is when a patient notices it");
        Hours(0.9).Should().BeInRange(24, 48, "90 % of the change is the change fully felt");
    }

    [Fact]
    public void AKink_LeadsToWithdrawalRiskWithinADay()
    {
        var plan = Maintained(3).WithActions(Act("1d", new CatheterFaultAction(CatheterFaultKind.Kink)));
        var r = Simulation.Run(plan);
        var flags = r.Events.OfType<PatientFlagRaised>().ToArray();
        flags.Select(e => e.Flag).Should().Equal("underdose", "withdrawal-risk");
        (flags[1].At - Day(1)).TotalHours.Should().BeLessThan(24);
        flags.Should().OnlyContain(e => e.Illustrative);
    }

    [Fact]
    public void APocketFill_RaisesOverdoseRisk()
    {
        var plan = Maintained(5).WithActions(Act("1d", new RefillAction(Volume.FromMl(20), Into: RefillTarget.Pocket)));
        var r = Simulation.Run(plan);
        var raised = r.Events.Single(e => e is PatientFlagRaised { Flag: "overdose-risk" });
        raised.At.Should().Be(Day(1));
        r.Events.OfType<PatientFlagCleared>().Should().Contain(e => e.Flag == "overdose-risk" && e.At == Day(3));
    }

    [Fact]
    public void ANewImplantFullOfSaline_StartsUnderdosed()
    {
        var r = Simulation.Run(Maintained(1) with { CatheterContents = CatheterContents.Saline });
        r.Events.OfType<PatientFlagRaised>().Should().Contain(e => e.Flag == "underdose" && e.At == Start);
    }

    [Fact]
    public void ClosedForm_ComposesExactly_WhateverTheStep()
    {
        var a = new PatientModel(new PatientParameters(), 300);
        var b = new PatientModel(new PatientParameters(), 300);
        a.Advance(3600, 20);
        for (var i = 0; i < 60; i++) b.Advance(60, 20.0 / 60);
        b.EffectPct.Should().BeApproximately(a.EffectPct, 1e-9);
    }
}
