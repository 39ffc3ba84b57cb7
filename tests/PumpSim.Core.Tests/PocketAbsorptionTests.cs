using PumpSim.Core.Patient;

namespace PumpSim.Core.Tests;

/// <summary>The pocket depot's closed form against an independent numerical integration of the same
/// equations (PUMP.md §7; parameters in PatientParameters): P' = −ka·P; A' = r + f·ka·P − k·A;
/// Ce' = ke0·(A/V − Ce).</summary>
public class PocketAbsorptionTests
{
    private static readonly PatientParameters Params = new() { MaintenanceMcgPerDay = 500 };

    /// <summary>Fourth-order Runge–Kutta at 1-s steps: slow, simple and independent of the model's algebra.</summary>
    private static double Rk4EffectPct(double seconds, double depot, double ratePerSecond)
    {
        var k = Math.Log(2) / Params.CsfHalfLife.Seconds;
        var ke0 = Math.Log(2) / Params.EffectHalfLife.Seconds;
        var ka = Math.Log(2) / Params.PocketAbsorptionHalfLife.Seconds;
        var f = Params.SystemicCnsFactor;
        var v = Params.CsfVolumeMl;
        var maintained = 500.0 / 86_400;
        // Start at the steady state of 500 mcg/day: A = r/k, Ce = A/V.
        double p = depot, a = maintained / k, ce = a / v;
        var ceMaintained = ce;
        (double, double, double) D(double p1, double a1, double c1) => (-ka * p1, ratePerSecond + f * ka * p1 - k * a1, ke0 * (a1 / v - c1));
        for (var t = 0; t < seconds; t++)
        {
            var (p1, a1, c1) = D(p, a, ce);
            var (p2, a2, c2) = D(p + p1 / 2, a + a1 / 2, ce + c1 / 2);
            var (p3, a3, c3) = D(p + p2 / 2, a + a2 / 2, ce + c2 / 2);
            var (p4, a4, c4) = D(p + p3, a + a3, ce + c3);
            p += (p1 + 2 * p2 + 2 * p3 + p4) / 6;
            a += (a1 + 2 * a2 + 2 * a3 + a4) / 6;
            ce += (c1 + 2 * c2 + 2 * c3 + c4) / 6;
        }
        return ce / ceMaintained * 100;
    }

    [Theory]
    [InlineData(7_500.0, 3 * 3600)]    // the bundled pocket fill: 15 mL × 500 mcg/mL, 3 h on
    [InlineData(40_000.0, 6 * 3600)]   // 20 mL × 2000 mcg/mL, 6 h on
    [InlineData(40_000.0, 30 * 3600)]  // … and long after
    public void ClosedForm_MatchesANumericalIntegration(double pocketMcg, long seconds)
    {
        var model = new PatientModel(Params, 500);
        model.AddToDepot(pocketMcg);
        // The pump keeps delivering 500 mcg/day while the depot is absorbed.
        model.Advance(seconds, 500.0 / 86_400 * seconds);
        model.EffectPct.Should().BeApproximately(Rk4EffectPct(seconds, pocketMcg, 500.0 / 86_400), 1e-6);
    }

    [Fact]
    public void ALargePocketFill_PeaksAboveTheOverdoseLine_ThenTheEffectFallsBack()
    {
        var model = new PatientModel(Params, 500);
        model.AddToDepot(40_000);
        var turns = model.TurningSeconds(48 * 3600, 500.0 / 86_400);
        turns.Should().ContainSingle("the effect rises, peaks once and falls back");
        model.EffectPctAfter(turns[0], 500.0 / 86_400).Should().BeGreaterThan(200);
        model.EffectPctAfter(48 * 3600, 500.0 / 86_400).Should().BeLessThan(120);
    }

    [Fact]
    public void WithoutADepot_NothingChanges()
    {
        var a = new PatientModel(Params, 500);
        var b = new PatientModel(Params, 500);
        b.AddToDepot(0);
        a.Advance(3600, 10); b.Advance(3600, 10);
        b.EffectPct.Should().Be(a.EffectPct);
    }

    [Fact]
    public void ALargePocketFill_TurnsAtItsPeak_ToTheSecond()
    {
        // The turn is reported as the first whole second past the peak, so the effect still rises into
        // the second before it and falls after it: E(t − 2) < E(t − 1) and E(t + 1) < E(t).
        var model = new PatientModel(Params, 500);
        model.AddToDepot(40_000);
        var r = 500.0 / 86_400;
        var t = model.TurningSeconds(48 * 3600, r).Should().ContainSingle().Subject;
        double E(long s) => model.EffectPctAfter(s, r);
        E(t - 2).Should().BeLessThan(E(t - 1));
        E(t + 1).Should().BeLessThan(E(t));
    }
}
