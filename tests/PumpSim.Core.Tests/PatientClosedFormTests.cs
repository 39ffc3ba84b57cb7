using PumpSim.Core.Patient;
using PumpSim.Core.Therapy;
using PumpSim.Core.Units;

namespace PumpSim.Core.Tests;

/// <summary>The illustrative patient model against solutions of its equations worked by hand:
/// A' = r − k·A (CSF), Ce' = ke0·(A/V − Ce) (effect site), P' = −ka·P (pocket depot).
/// Half-lives are chosen so the exponentials are powers of one half.</summary>
public class PatientClosedFormTests
{
    private const double M = PatientFixtures.M;

    // CSF half-life 1 h, effect half-life 2 h: k = 2·ke0.
    private static readonly PatientParameters Fast = PatientFixtures.Fast;

    /// <summary>The steady CSF amount at a dose: r/k = (D/86 400)·T½/ln 2.</summary>
    private static double SteadyAmount(double mcgPerDay, double halfLifeSeconds) => mcgPerDay / 86_400 * halfLifeSeconds / Math.Log(2);

    [Fact]
    public void SteadyState_HoldsUnderItsOwnDose()
    {
        var p = new PatientModel(Fast, M);
        p.CsfAmountMcg.Should().BeApproximately(SteadyAmount(M, 3600), 1e-12);
        p.EffectPct.Should().BeApproximately(100, 1e-9);
        // Spasticity = 4·EC50/(Ce + EC50) with EC50 = Ce_maintained/3: at Ce_maintained, 4/(3 + 1) = 1.
        p.Spasticity.Should().BeApproximately(1, 1e-12);
        p.Advance(5000, M * 5000 / 86_400);
        p.EffectPct.Should().BeApproximately(100, 1e-9);
        p.CsfAmountMcg.Should().BeApproximately(SteadyAmount(M, 3600), 1e-9);

        // Twice the dose: Ce doubles, so 200 % and spasticity 4/(3·2 + 1) = 4/7.
        var twice = new PatientModel(Fast, 2 * M);
        twice.EffectPct.Should().BeApproximately(200, 1e-9);
        twice.Spasticity.Should().BeApproximately(4.0 / 7, 1e-12);
    }

    [Fact]
    public void WithNoInput_TheCsfHalvesEachHalfLife_AndTheEffectFollowsItsOwnCurve()
    {
        var p = new PatientModel(Fast, M);
        p.Advance(7200, 0);
        // Two CSF half-lives: a quarter of the amount.
        p.CsfAmountMcg.Should().BeApproximately(SteadyAmount(M, 3600) / 4, 1e-12);
        // From Ce(0) = A(0)/V = c0: Ce = c0·ke0/(ke0 − k)·(e^−kt − e^−ke0·t) + c0·e^−ke0·t; with
        // k = 2·ke0 the gain is −1, and at t = 2 h e^−kt = 1/4, e^−ke0·t = 1/2: Ce = c0/4 + c0/2 = 0.75·c0.
        p.EffectPct.Should().BeApproximately(75, 1e-9);
        // Zero or negative spans change nothing.
        p.Advance(0, 100);
        p.Advance(-5, 100);
        p.EffectPct.Should().BeApproximately(75, 1e-9);
    }

    [Fact]
    public void EqualHalfLives_UseTheLimitOfTheCrossTerm()
    {
        // k = ke0: Ce = c0·(1 + k·t)·e^−kt; after one half-life (k·t = ln 2): (1 + ln 2)/2 of c0.
        var same = Fast with { CsfHalfLife = SimDuration.FromHours(1), EffectHalfLife = SimDuration.FromHours(1) };
        var p = new PatientModel(same, M);
        p.Advance(3600, 0);
        p.EffectPct.Should().BeApproximately(100 * (1 + Math.Log(2)) / 2, 1e-9);
        p.CsfAmountMcg.Should().BeApproximately(SteadyAmount(M, 3600) / 2, 1e-12);
        var q = new PatientModel(same, M);
        q.EffectPctAfter(3600, 0).Should().BeApproximately(100 * (1 + Math.Log(2)) / 2, 1e-9);
    }

    [Fact]
    public void AFreshPatient_HasNoDrug_AndFillsTowardsTheSteadyState()
    {
        var p = new PatientModel(Fast with { StartAtSteadyState = false }, M);
        (p.CsfAmountMcg, p.EffectPct, p.Spasticity).Should().Be((0, 0, 4));
        // At the maintenance rate for one CSF half-life: half the steady amount.
        p.Advance(3600, M * 3600 / 86_400);
        p.CsfAmountMcg.Should().BeApproximately(SteadyAmount(M, 3600) / 2, 1e-12);
        // Effect: Ce = c∞·(1 − e^−ke0·t) − c∞·ke0/(ke0 − k)·(e^−kt − e^−ke0·t) with c∞ = Ce_maintained;
        // at t = 1 h, e^−ke0·t = 1/√2 and e^−kt = 1/2: 1 − 1/√2 + (1/2 − 1/√2) = 3/2 − √2.
        p.EffectPct.Should().BeApproximately(100 * (1.5 - Math.Sqrt(2)), 1e-9);
    }

    [Fact]
    public void AfterABolus_TheEffectPeaksAtTheEffectHalfLife()
    {
        // Drug in the CSF, none at the effect site yet, no input: Ce = c0·(e^−ke0·t − e^−kt) for
        // k = 2·ke0, i.e. c0·(x − x²) with x = e^−ke0·t, largest at x = 1/2: t = 2 h = 7200 s.
        var p = new PatientModel(Fast with { StartAtSteadyState = false }, M);
        var a0 = SteadyAmount(M, 3600);
        p.State = (a0, 0, 0);
        p.TurningSeconds(6 * 3600, 0).Should().Equal(7200);
        p.TurningSeconds(7000, 0).Should().BeEmpty();       // the peak lies past this segment
        p.TurningSeconds(1, 0).Should().BeEmpty();
        // The peak itself: c0·(1/2 − 1/4) = c0/4, and c0 = Ce_maintained, so 25 %; the state does not move.
        p.EffectPctAfter(7200, 0).Should().BeApproximately(25, 1e-9);
        p.State.Should().Be((a0, 0.0, 0.0));
        // From the steady state with no input the effect only falls: no turn.
        new PatientModel(Fast, M).TurningSeconds(6 * 3600, 0).Should().BeEmpty();
        // At the steady state with its own input nothing moves: no turn either.
        new PatientModel(Fast, M).TurningSeconds(6 * 3600, M / 86_400).Should().BeEmpty();
    }

    [Fact]
    public void ThePocketDepot_IsAbsorbedWithItsHalfLife_AndDroppedBelowANanogramOfEffect()
    {
        var p = new PatientModel(Fast with { StartAtSteadyState = false }, M);
        p.AddToDepot(100);
        p.AddToDepot(60);
        p.DepotMcg.Should().Be(160);
        p.Advance(3600, 0);                                 // pocket half-life 1 h (nudged by 0.1 % off k)
        p.DepotMcg.Should().BeApproximately(80, 0.1);
        p.CsfAmountMcg.Should().BePositive();               // 2 % of what left the pocket reached the CSF
        p.EffectPct.Should().BePositive();
        // 0.04 mcg × 2 % = 0.0008 mcg < 1 ng: spent at the next step.
        var small = new PatientModel(Fast with { StartAtSteadyState = false }, M);
        small.AddToDepot(0.04);
        small.Advance(1, 0);
        small.DepotMcg.Should().Be(0);
        // 0.1 mcg × 2 % = 0.002 mcg, above a nanogram: kept after a minute.
        var kept = new PatientModel(Fast with { StartAtSteadyState = false }, M);
        kept.AddToDepot(0.1);
        kept.Advance(60, 0);
        kept.DepotMcg.Should().BePositive();
    }

    [Fact]
    public void ThePeriodicStart_OfAConstantInputIsItsSteadyState()
    {
        var p = new PatientModel(Fast with { StartAtSteadyState = false }, 0);
        p.StartPeriodic([(43_200, M), (0, 10 * M), (43_200, M)]);
        p.EffectPct.Should().BeApproximately(100, 1e-9);
        p.CsfAmountMcg.Should().BeApproximately(SteadyAmount(M, 3600), 1e-9);
    }

    [Theory]
    [InlineData(0.5, 70, 0.02, 3600)]
    [InlineData(100_001, 70, 0.02, 3600)]
    [InlineData(450, 0.5, 0.02, 3600)]
    [InlineData(450, 1001, 0.02, 3600)]
    [InlineData(450, 70, -0.01, 3600)]
    [InlineData(450, 70, 1.01, 3600)]
    [InlineData(450, 70, 0.02, 59)]
    public void Parameters_RefuseValuesOutOfRange(double maintenance, double volume, double cns, long halfLife)
    {
        var p = new PatientParameters { MaintenanceMcgPerDay = maintenance, CsfVolumeMl = volume, SystemicCnsFactor = cns, PocketAbsorptionHalfLife = SimDuration.FromSeconds(halfLife) };
        p.Invoking(x => x.Validate()).Should().Throw<Exception>();
    }

    [Fact]
    public void Parameters_AcceptTheirLimits_AndNameTheShortHalfLife()
    {
        new PatientParameters
        {
            MaintenanceMcgPerDay = 1,
            CsfVolumeMl = 1,
            SystemicCnsFactor = 0,
            CsfHalfLife = SimDuration.FromSeconds(60),
            EffectHalfLife = SimDuration.FromSeconds(60),
            PocketAbsorptionHalfLife = SimDuration.FromSeconds(60)
        }.Validate();
        new PatientParameters { MaintenanceMcgPerDay = 100_000, CsfVolumeMl = 1000, SystemicCnsFactor = 1 }.Validate();
        foreach (var p in new[]
                 {
                     new PatientParameters { CsfHalfLife = SimDuration.FromSeconds(59) },
                     new PatientParameters { EffectHalfLife = SimDuration.FromSeconds(59) },
                 })
            p.Invoking(x => x.Validate()).Should().Throw<ProgramRejectedException>().WithMessage("patient half-lives must be at least 1 minute.");
        new PatientParameters { MaintenanceMcgPerDay = 0 }.Invoking(x => x.Validate())
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("maintenance_mcg_per_day must be between 1 and 100000 mcg/day*");
        new PatientParameters { CsfVolumeMl = 0 }.Invoking(x => x.Validate())
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("csf_volume_ml must be between 1 and 1000 mL, got 0.*");
        new PatientParameters { SystemicCnsFactor = 2 }.Invoking(x => x.Validate())
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("systemic_cns_factor must be between 0 and 1 , got 2.*");
    }
}
