using PumpSim.Core.Engine;
using PumpSim.Core.Plant;
using PumpSim.Core.Units;
using static PumpSim.Core.Tests.Plans;

namespace PumpSim.Core.Tests;

/// <summary>Where each fault sends the flow, and what the totals count. Written for mutants that
/// survived the first mutation run (Stryker): each assertion pins one routing rule.</summary>
public class PlantRoutingTests
{
    [Fact]
    public void ALeak_SendsItsFractionToTissue_AndTheRestToTheCsf()
    {
        var r = Simulation.Run(OneMlPerDay(2).WithActions(Act("0s", new CatheterFaultAction(CatheterFaultKind.Leak, 0.3))));
        r.Totals.DeliveredCsfMcg.Should().BeApproximately(2 * 500 * 0.7, 1e-6);
        r.Totals.LeakedMcg.Should().BeApproximately(2 * 500 * 0.3, 1e-6);
        r.Totals.PocketMcg.Should().Be(0);
        r.Totals.PumpedMl.Should().BeApproximately(2, 1e-9);
    }

    [Fact]
    public void ADisconnect_SendsEverythingToThePocket()
    {
        var r = Simulation.Run(OneMlPerDay(2).WithActions(Act("1d", new CatheterFaultAction(CatheterFaultKind.Disconnect))));
        r.Totals.DeliveredCsfMcg.Should().BeApproximately(500, 1e-6);
        r.Totals.PocketMcg.Should().BeApproximately(500, 1e-6);
        r.Totals.LeakedMcg.Should().Be(0);
    }

    [Fact]
    public void AMigratedTip_SendsTheCathetersOutputToTissue()
    {
        var r = Simulation.Run(OneMlPerDay(2).WithActions(Act("1d", new CatheterFaultAction(CatheterFaultKind.Migration))));
        r.Totals.DeliveredCsfMcg.Should().BeApproximately(500, 1e-6);
        r.Totals.LeakedMcg.Should().BeApproximately(500, 1e-6);
        r.Telemetry[^1].CsfMcgPerDay.Should().Be(0);
    }

    [Fact]
    public void ProgrammedDose_IsThePrescription_SummedAcrossAConcentrationChange()
    {
        // 1 mL/day for 2 days at 500 mcg/mL, then at 2000 mcg/mL: programmed in mL/day, so the dose quadruples.
        var plan = OneMlPerDay(4).WithActions(Act("2d", new RefillAction(Volume.FromMl(10), NewConcentration: Concentration.FromMcgPerMl(2000))));
        var r = Simulation.Run(plan);
        r.Totals.ProgrammedMcg.Should().BeApproximately(2 * 500 + 2 * 2000, 1e-6);
        r.Telemetry[^1].ProgrammedMcgPerDay.Should().BeApproximately(2000, 1e-9);
    }

    [Fact]
    public void TheDoseRateReachingTheCsf_FollowsTheConcentrationAtTheTip()
    {
        var plan = OneMlPerDay(2).WithActions(Act("1d", new RefillAction(Volume.FromMl(10), NewConcentration: Concentration.FromMcgPerMl(2000))))
            with
        { Sample = SimDuration.FromHours(1) };
        var r = Simulation.Run(plan);
        r.Telemetry.Single(s => s.At == At("1d1h")).CsfMcgPerDay.Should().BeApproximately(500, 1e-9, "the old drug is still in the catheter");
        r.Telemetry.Single(s => s.At == At("1d6h")).CsfMcgPerDay.Should().BeApproximately(2000, 1e-9, "0.2 mL has cleared in 4.8 h");
    }

    [Fact]
    public void AMixedParcel_SplitsItsDrugInProportion_AndConservesIt()
    {
        var p = Parcel.Of(Volume.FromMl(1), Concentration.FromMcgPerMl(500));
        p.Add(Parcel.Of(Volume.FromMl(3), Concentration.FromMcgPerMl(100)));
        p.ExactConcentration.Should().Be(-1, "a mix of two strengths is not uniform at a whole concentration");
        var total = p.Mass;
        var part = p.Take(Volume.FromMl(1));
        part.Mass.Mcg.Should().BeApproximately(800.0 / 4, 1e-9);
        (part.Mass + p.Mass).Should().Be(total);
        p.Volume.Should().Be(Volume.FromMl(3));
    }

    [Fact]
    public void TheIntegrator_CarriesItsRemainder_AndPredictsTheFirstSecondThatReachesAnAmount()
    {
        var f = new FlowIntegrator();
        f.SecondsUntil(0, 5).Should().Be(long.MaxValue);
        f.SecondsUntil(86_400, 0).Should().Be(0);
        f.Advance(1, 86_399).Should().Be(0);
        f.SecondsUntil(1, 1).Should().Be(1, "86 399 of the 86 400 unit-seconds are already carried");
        f.Advance(1, 1).Should().Be(1);
        f.Advance(0, 100).Should().Be(0);
        f.Advance(86_400 * 3, 10).Should().Be(30);
    }
}
