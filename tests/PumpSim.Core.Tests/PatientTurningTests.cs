using PumpSim.Core.Patient;
using PumpSim.Core.Units;

namespace PumpSim.Core.Tests;

/// <summary>The seconds at which the illustrative patient's effect turns (a peak or a trough) inside
/// a segment, and the depot's closed form away from the steady state, worked by hand. With CSF
/// half-life 1 h and effect half-life 2 h (k = 2·ke0) and no input, from CSF level c0 = A/V and
/// effect Ce0, Ce(t) = Ce0·x + c0·(x − x²) with x = e^(−ke0·t) = 2^(−t/7200); it turns where
/// dCe/dx = Ce0 + c0 − 2·c0·x = 0, i.e. x = (Ce0 + c0)/(2·c0): t = 7200·log2(2·c0/(Ce0 + c0)).
/// Given t, Ce0 = c0·(2^(1 − t/7200) − 1).</summary>
public class PatientTurningTests
{
    private const double M = PatientFixtures.M;

    private static readonly PatientParameters Fast = PatientFixtures.Fast with
    {
        PocketAbsorptionHalfLife = SimDuration.FromMinutes(30),
        StartAtSteadyState = false,
    };

    /// <summary>The steady CSF amount at the maintenance dose: r/k = (450/86 400)·3600/ln 2 = 27.05 mcg.</summary>
    private static readonly double A0 = M / 86_400 * 3600 / Math.Log(2);
    /// <summary>The maintained effect-site concentration: A0/V (mcg/mL).</summary>
    private static readonly double CeM = A0 / 70;

    /// <summary>A patient with CSF at the maintained level and the effect site set so that, with no
    /// input, the effect turns at <paramref name="turnSecond"/> (see the class comment).</summary>
    private static PatientModel TurningAt(double turnSecond, double depotMcg = 0)
    {
        var p = new PatientModel(Fast, M);
        p.State = (A0, CeM * (Math.Pow(2, 1 - turnSecond / 7200) - 1), depotMcg);
        return p;
    }

    [Theory]
    [InlineData(1.0, 2, new long[] { 1 })]        // the shortest segment with a second inside: 1
    [InlineData(1.6, 2, new long[0])]             // rounds to 2, the segment's end: not inside
    [InlineData(0.3, 10, new long[0])]            // rounds to 0, the segment's start: not inside
    [InlineData(1.3, 4, new long[] { 1 })]        // rounded to the nearest second (1), not the next
    [InlineData(1000.4, 5000, new long[] { 1000 })]
    [InlineData(1000.4, 1000, new long[0])]       // past the end of the segment
    public void WithoutADepot_TheTurnIsTheNearestWholeSecondStrictlyInside(double turn, long seconds, long[] expected)
    {
        TurningAt(turn).TurningSeconds(seconds, 0).Should().Equal(expected);
    }

    [Fact]
    public void WithAnInput_TheTurnIsWhereTheEffectPeaks()
    {
        // Input r = the maintenance rate (c∞ = CeM), CSF at 3·r/k (c0 = 3·CeM), effect site empty.
        // Ce = c∞ + (Ce0 − c∞ − c)·x + c·x² with c = (c0 − c∞)·ke0/(ke0 − k) = −2·c∞:
        // Ce = c∞·(1 + x − 2x²), largest at x = 1/4: t = 2·7200 = 14 400 s, Ce = c∞·(1 + 1/4 − 1/8) = 112.5 %.
        var p = new PatientModel(Fast, M);
        p.State = (3 * A0, 0, 0);
        var r = M / 86_400;
        p.TurningSeconds(86_400, r).Should().Equal(14_400);
        p.EffectPctAfter(14_400, r).Should().BeApproximately(112.5, 1e-9);
        // From CSF c0 = CeM and Ce0 = CeM/2 under the same input (c = 0 here): no turn at all.
        p.State = (A0, CeM / 2, 0);
        p.TurningSeconds(86_400, r).Should().BeEmpty();
    }

    [Theory]
    [InlineData(1000.4, 5000, new long[] { 1001 })]   // the first whole second past the turn
    [InlineData(1000.4, 1010, new long[] { 1001 })]   // in the grid's last 64th of the segment
    [InlineData(999.4, 1000, new long[0])]            // second 1000 is the segment's end: not inside
    [InlineData(0.4, 2, new long[] { 1 })]            // a 2-s segment still has second 1 inside
    public void WithATinyDepot_TheGridFindsTheFirstSecondPastTheTurn(double turn, long seconds, long[] expected)
    {
        // 1e-9 mcg in the pocket moves the curve by about 1e-11 mcg of CSF drug: the turn is the
        // closed form's, and the grid search reports the first whole second after it (ceil).
        TurningAt(turn, depotMcg: 1e-9).TurningSeconds(seconds, 0).Should().Equal(expected);
    }

    [Fact]
    public void TheDepot_AwayFromTheSteadyState_FollowsItsClosedForm()
    {
        // Pocket half-life 30 min (ka = 2k = 4·ke0), no input, CSF empty, Ce0 = CeM, depot P0 = 10 000 mcg,
        // f = 0.02. With y = e^(−ke0·t): P = P0·y⁴; A = f·ka·P0/(ka − k)·(y² − y⁴) = 2f·P0·(y² − y⁴);
        // each term c·e^(−λt) of A/V drives Ce through ke0/(ke0 − λ)·(e^(−λt) − y): gain −1 for k,
        // −1/3 for ka. Ce = Ce0·y + (2f·P0/V)·(−(y² − y) + (y⁴ − y)/3) = Ce0·y + (2f·P0/V)·(2y/3 − y² + y⁴/3).
        // At t = 7200 s, y = 1/2: 1/3 − 1/4 + 1/48 = 5/48. Effect = 50 % + (400·5/48 mcg)/A0 · 100 %.
        var expected = 50 + 400.0 * 5 / 48 / A0 * 100;                    // = 50 + 154.03 = 204.03 %
        var p = new PatientModel(Fast, M);
        p.State = (0, CeM, 10_000);
        p.EffectPctAfter(7200, 0).Should().BeApproximately(expected, 1e-9);
        p.Advance(7200, 0);
        p.EffectPct.Should().BeApproximately(expected, 1e-9);
        p.DepotMcg.Should().BeApproximately(10_000.0 / 16, 1e-9);          // P0·y⁴
        p.CsfAmountMcg.Should().BeApproximately(2 * 200 * (0.25 - 1.0 / 16), 1e-9);  // 2f·P0·(1/4 − 1/16) = 75 mcg
    }

    [Fact]
    public void ADepotThatRaisesAFallingEffect_TurnsTwice_EachTurnAnExtremumToTheSecond()
    {
        // Same patient, CSF empty, effect at 100 %, 10 000 mcg in the pocket, no input: the effect
        // first falls (A/V = 0 < Ce), the absorbed drug then lifts it past a trough to a peak, and it
        // falls again. Each turn is reported as the first whole second past it, so the effect one
        // second before is on the far side: trough t1: E(t1 − 2) > E(t1 − 1) and E(t1 + 1) > E(t1);
        // peak t2: E(t2 − 2) < E(t2 − 1) and E(t2 + 1) < E(t2).
        var p = new PatientModel(Fast, M);
        p.State = (0, CeM, 10_000);
        var turns = p.TurningSeconds(86_400, 0);
        turns.Should().HaveCount(2);
        double E(long t) => p.EffectPctAfter(t, 0);
        var (t1, t2) = (turns[0], turns[1]);
        (E(t1 - 2) > E(t1 - 1) && E(t1 + 1) > E(t1)).Should().BeTrue("the first turn is a trough");
        (E(t2 - 2) < E(t2 - 1) && E(t2 + 1) < E(t2)).Should().BeTrue("the second turn is a peak");
        E(t1).Should().BeLessThan(100);
        E(t2).Should().BeGreaterThan(E(t1));
        // Cut just past the peak, the segment still holds both turns; cut at the peak's second, only the trough.
        p.TurningSeconds(t2 + 1, 0).Should().Equal(t1, t2);
        p.TurningSeconds(t2, 0).Should().Equal(t1);
    }

    [Fact]
    public void AFirstAdvanceOfOneSecond_IsNotMistakenForACachedSpan()
    {
        // From the steady state with no input for 1 s: A = A0·2^(−1/3600).
        var p = new PatientModel(Fast with { StartAtSteadyState = true }, M);
        p.Advance(1, 0);
        p.CsfAmountMcg.Should().BeApproximately(A0 * Math.Pow(2, -1.0 / 3600), 1e-12);
    }

    [Fact]
    public void APocketHalfLifeEqualToTheCsfs_IsNudgedFaster()
    {
        // Pocket half-life = CSF half-life (1 h): ka is nudged to 1.001·k (the closed form divides by
        // k − ka), so the depot after 1 h is P0·2^(−1.001) = 160 × 0.499653 = 79.9446 mcg.
        var p = new PatientModel(Fast with { PocketAbsorptionHalfLife = SimDuration.FromHours(1) }, M);
        p.AddToDepot(160);
        p.Advance(3600, 0);
        p.DepotMcg.Should().BeApproximately(160 * Math.Pow(2, -1.001), 1e-9);
    }

    [Fact]
    public void RatesCloseTogether_AreComparedRelativeToTheFasterOne()
    {
        // CSF half-life 1 999 999 s, pocket half-life 2 000 001 s: the rates differ by 2/2 000 001 =
        // 9.999995e-7 of the faster one (≤ 1e-6: nudged) but by 1.0000005e-6 of the slower one. The depot
        // after one pocket half-life is then P0·2^(−1.001) = 1000 × 0.499653 = 499.653 mcg, not 500.
        var p = new PatientModel(Fast with
        {
            CsfHalfLife = SimDuration.FromSeconds(1_999_999),
            PocketAbsorptionHalfLife = SimDuration.FromSeconds(2_000_001),
        }, M);
        p.AddToDepot(1000);
        p.Advance(2_000_001, 0);
        p.DepotMcg.Should().BeApproximately(1000 * Math.Pow(2, -1.001), 1e-6);
    }

    [Fact]
    public void EqualCsfAndEffectHalfLives_WithADepot_GiveAFiniteEffect()
    {
        // k = ke0 makes the depot's gain ke0/(ke0 − k) infinite; the closed form takes k a hair away.
        var same = Fast with { CsfHalfLife = SimDuration.FromHours(1), EffectHalfLife = SimDuration.FromHours(1), PocketAbsorptionHalfLife = SimDuration.FromHours(2) };
        var p = new PatientModel(same, M);
        p.AddToDepot(10_000);
        p.Advance(7200, 0);
        // A = f·ka·P0/(k − ka)·(e^(−ka·t) − e^(−k·t)) = f·P0·(1/2 − 1/4) = 200 × 1/4 = 50 mcg (ka = k/2).
        p.CsfAmountMcg.Should().BeApproximately(50, 1e-9);
        double.IsFinite(p.EffectPct).Should().BeTrue();
        p.EffectPct.Should().BePositive();
    }

    [Fact]
    public void EqualCsfAndEffectHalfLives_WithADepot_FollowTheLimitOfTheClosedForm()
    {
        // k = ke0 = ln2/3600, ka = k/2 (pocket 2 h), nothing on board, depot P0, no input. A = f·P0·(e^(−ka·t) − e^(−k·t)).
        // The e^(−ka·t) term drives Ce with gain ke0/(ke0 − ka) = 2; the −e^(−k·t) term, at λ = ke0, as k·t·e^(−k·t):
        // Ce = (f·P0/V)·(2·(e^(−ka·t) − e^(−k·t)) − k·t·e^(−k·t)). At t = 7200 s: 2·(1/2 − 1/4) − 2·ln2/4 = 0.5 − 0.346574 = 0.153426.
        // Effect % = 100·Ce/CeM, CeM = A0'/V with A0' = (450/86 400)·3600/ln 2 (k is the same as Fast's).
        var same = Fast with { CsfHalfLife = SimDuration.FromHours(1), EffectHalfLife = SimDuration.FromHours(1), PocketAbsorptionHalfLife = SimDuration.FromHours(2) };
        var p = new PatientModel(same, M);
        p.AddToDepot(10_000);
        p.Advance(7200, 0);
        p.EffectPct.Should().BeApproximately(100 * 200 * (0.5 - Math.Log(2) / 2) / A0, 0.01);
    }

    [Fact]
    public void EqualCsfAndEffectHalfLives_StillTurnAfterABolus()
    {
        // k = ke0, CSF at c0, effect site empty, no input: Ce = c0·k·t·e^(−k·t), largest at t = 1/k = 3600/ln 2 = 5193.71 s → 5194.
        var same = Fast with { CsfHalfLife = SimDuration.FromHours(1), EffectHalfLife = SimDuration.FromHours(1) };
        var p = new PatientModel(same, M);
        p.State = (A0, 0, 0);
        p.TurningSeconds(86_400, 0).Should().Equal(5194);
    }

    [Fact]
    public void TheReusedList_IsClearedFirst()
    {
        // As WithAnInput_TheTurnIsWhereTheEffectPeaks: one turn, at 14 400 s; a stale entry does not survive.
        var p = new PatientModel(Fast, M);
        p.State = (3 * A0, 0, 0);
        var turns = new List<long> { 99 };
        p.TurningSeconds(86_400, M / 86_400, turns);
        turns.Should().Equal(14_400);
    }
}
