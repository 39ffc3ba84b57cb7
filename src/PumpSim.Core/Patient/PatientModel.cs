namespace PumpSim.Core.Patient;

/// <summary>The illustrative patient of PUMP.md §7: one CSF compartment (first-order elimination)
/// and an effect site that follows the CSF concentration with its own half-life. Each segment is
/// integrated in closed form for a constant input, never with Euler steps. A pocket fill adds a
/// systemic depot: the drug in the pocket is absorbed first-order and a small fraction of it acts on
/// the spinal cord as if given intrathecally (see <see cref="PatientParameters.SystemicCnsFactor"/>).
/// Illustrative only: not a clinical model.</summary>
public sealed class PatientModel
{
    private readonly double _k, _ke0, _ka, _cns, _volumeMl, _ceMaintained, _ec50;
    /// <summary>CSF and effect site at (nearly) one rate: every closed form below then takes its limit
    /// (ke0/(ke0 − k)·(e^(−k·t) − e^(−ke0·t)) → ke0·t·e^(−k·t)) instead of dividing by ke0 − k.</summary>
    private readonly bool _equalRates;
    private double _amount;  // mcg in CSF
    private double _ce;      // effect-site concentration, mcg/mL
    private double _depot;   // mcg in the pocket not yet absorbed
    private long _cachedDt = -1;
    private double _ek, _ee, _cross;

    public PatientModel(PatientParameters p, double initialCsfMcgPerDay)
    {
        _k = Math.Log(2) / p.CsfHalfLife.Seconds;
        _ke0 = Math.Log(2) / p.EffectHalfLife.Seconds;
        _ka = Math.Log(2) / p.PocketAbsorptionHalfLife.Seconds;
        _equalRates = Near(_k, _ke0);
        // The depot's closed form divides by (k − ka), (ke0 − ka) and (ke0 − k): nudge the absorption
        // rate off a coincidence (0.1 % of a modelling choice changes nothing a user can see).
        while (Near(_ka, _k) || Near(_ka, _ke0)) _ka *= 1.001;
        _cns = p.SystemicCnsFactor;
        _volumeMl = p.CsfVolumeMl;
        _ceMaintained = SteadyStateCe(p.MaintenanceMcgPerDay);
        // Spasticity index = 4·EC50/(Ce + EC50): with EC50 = Ce_maintained/3 the maintenance dose gives 1.
        _ec50 = _ceMaintained / 3;
        if (p.StartAtSteadyState)
        {
            _amount = initialCsfMcgPerDay / 86_400 / _k;
            _ce = SteadyStateCe(initialCsfMcgPerDay);
        }
    }

    private static bool Near(double a, double b) => Math.Abs(a - b) <= 1e-6 * Math.Max(a, b);

    private double SteadyStateCe(double mcgPerDay) => mcgPerDay / 86_400 / _k / _volumeMl;

    /// <summary>Effect as a percentage of the maintained level.</summary>
    public double EffectPct => _ce / _ceMaintained * 100;

    /// <summary>Ashworth-like index 0–4: 4 with no drug, about 1 at the maintenance dose.</summary>
    public double Spasticity => 4 * _ec50 / (_ce + _ec50);

    public double CsfAmountMcg => _amount;

    /// <summary>Drug in the pocket still to be absorbed, mcg.</summary>
    public double DepotMcg => _depot;

    /// <summary>A pocket fill: <paramref name="mcg"/> enters the systemic depot.</summary>
    public void AddToDepot(double mcg) => _depot += mcg;

    /// <summary>The state variables, to rewind to the start of a step when a threshold is crossed.</summary>
    public (double Amount, double Ce, double Depot) State
    {
        get => (_amount, _ce, _depot);
        set => (_amount, _ce, _depot) = value;
    }

    /// <summary>Advances <paramref name="seconds"/> with <paramref name="inputMcg"/> entering the CSF at a constant rate.</summary>
    public void Advance(long seconds, double inputMcg)
    {
        if (seconds <= 0) return;
        if (_depot > 0)
        {
            (_amount, _ce, _depot) = EvolveWithDepot(seconds, inputMcg / seconds);
            // Below a nanogram of effective drug the depot is spent (and the closed form without it
            // is cheaper and exact again).
            if (_depot * _cns < 1e-3) _depot = 0;
            return;
        }
        if (seconds != _cachedDt) Cache(seconds);
        (_amount, _ce) = Evolve(seconds, inputMcg / seconds, _ek, _ee, _cross);
    }

    /// <summary>Effect % after <paramref name="seconds"/> of the same input, without moving the state
    /// (for finding the exact instant a risk threshold is crossed inside a step).</summary>
    public double EffectPctAfter(long seconds, double inputMcgPerSecond)
    {
        if (_depot > 0) return EvolveWithDepot(seconds, inputMcgPerSecond).Ce / _ceMaintained * 100;
        var (ek, ee, cross) = Factors(seconds);
        return Evolve(seconds, inputMcgPerSecond, ek, ee, cross).Ce / _ceMaintained * 100;
    }

    /// <summary>The whole second inside (0, <paramref name="seconds"/>) at which the effect turns
    /// (a peak or a trough) under a constant input, or null if it is monotonic there. With a constant
    /// input the effect is cInf + B·e^(−ke0·t) + C·e^(−k·t), which turns at most once; splitting a
    /// segment there makes each piece monotonic, so a threshold crossed and re-crossed inside one
    /// segment is still found, whatever the segment's length.</summary>
    private long? TurningSecond(long seconds, double inputMcgPerSecond)
    {
        if (seconds < 2) return null;
        var cInf = inputMcgPerSecond / _k / _volumeMl;
        var a0 = _amount - inputMcgPerSecond / _k;
        double t;
        if (_equalRates)
        {
            // Equal rates (Factors' limit): ce = cInf + (B + D·t)·e^(−k·t) with B = ce0 − cInf and
            // D = ke0·a0/V, whose slope e^(−k·t)·(D − k·B − k·D·t) is zero at t = 1/k − B/D.
            var d = _ke0 * a0 / _volumeMl;
            if (d == 0) return null;
            t = 1 / _k - (_ce - cInf) / d;
            return WholeInside(t, seconds);
        }
        var c = a0 / _volumeMl * _ke0 / (_ke0 - _k);
        var b = _ce - cInf - c;
        if (b == 0 || c == 0) return null;
        // d ce/dt = −ke0·B·e^(−ke0·t) − k·C·e^(−k·t) = 0  ⇔  e^((k−ke0)·t) = −k·C / (ke0·B)
        var ratio = -_k * c / (_ke0 * b);
        if (!(ratio > 0)) return null;
        t = Math.Log(ratio) / (_k - _ke0);
        return WholeInside(t, seconds);
    }

    /// <summary>The whole second nearest <paramref name="t"/>, if it lies inside (0, seconds).</summary>
    private static long? WholeInside(double t, long seconds)
    {
        if (!(t > 0) || t >= seconds) return null;
        var whole = (long)Math.Round(t);
        return whole > 0 && whole < seconds ? whole : null;
    }

    /// <summary>The whole seconds inside (0, <paramref name="seconds"/>) at which the effect turns, in
    /// order. Without a depot at most one, found in closed form; with one, the effect is a sum of three
    /// exponentials (at most two turns), found where the derivative changes sign on a fixed grid of
    /// the segment and bisected to the second. The grid depends only on the segment, which does not
    /// depend on the step, so neither do the turns.</summary>
    public IReadOnlyList<long> TurningSeconds(long seconds, double inputMcgPerSecond)
    {
        var turns = new List<long>(2);
        TurningSeconds(seconds, inputMcgPerSecond, turns);
        return turns;
    }

    /// <summary>As above, into <paramref name="turns"/> (cleared first): the engine asks at every
    /// breakpoint and reuses one list rather than allocating a year's worth of them.</summary>
    public void TurningSeconds(long seconds, double inputMcgPerSecond, List<long> turns)
    {
        turns.Clear();
        if (_depot <= 0)
        {
            if (TurningSecond(seconds, inputMcgPerSecond) is { } t) turns.Add(t);
            return;
        }
        if (seconds < 2) return;
        const int grid = 64;
        long prev = 0;
        var prevSign = Math.Sign(Slope(0, inputMcgPerSecond));
        for (var i = 1; i <= grid; i++)
        {
            var at = seconds * i / grid;
            if (at <= prev) continue;
            var sign = Math.Sign(Slope(at, inputMcgPerSecond));
            if (sign != 0 && prevSign != 0 && sign != prevSign)
            {
                long lo = prev, hi = at;
                while (hi - lo > 1)
                {
                    var mid = lo + (hi - lo) / 2;
                    if (Math.Sign(Slope(mid, inputMcgPerSecond)) == prevSign) lo = mid; else hi = mid;
                }
                if (hi > 0 && hi < seconds && (turns.Count == 0 || turns[^1] < hi)) turns.Add(hi);
            }
            if (sign != 0) prevSign = sign;
            prev = at;
        }
    }

    /// <summary>d(Ce)/dt at <paramref name="t"/> seconds into a segment with a depot.</summary>
    private double Slope(long t, double rate)
    {
        var (cInf, c1, c2) = DepotTerms(rate);
        var e1 = Math.Exp(-_k * t); var e2 = Math.Exp(-_ka * t); var ee = Math.Exp(-_ke0 * t);
        var g2 = Gain(_ka);
        if (_equalRates)
        {
            // The k-term is c1·ke0·t·e^(−k·t) (see EvolveWithDepot), whose slope is c1·ke0·e^(−k·t)·(1 − k·t).
            var b0 = _ce - cInf - c2 * g2;
            return -_ke0 * b0 * ee + c1 * _ke0 * e1 * (1 - _k * t) - _ka * c2 * g2 * e2;
        }
        var g1 = Gain(_k);
        var b = _ce - cInf - c1 * g1 - c2 * g2;
        return -_ke0 * b * ee - _k * c1 * g1 * e1 - _ka * c2 * g2 * e2;
    }

    /// <summary>ke0/(ke0 − λ): how an e^(−λt) term of the CSF concentration drives the effect site.
    /// Only for λ away from ke0 (the absorption rate is nudged off it; k next to ke0 takes the limit form).</summary>
    private double Gain(double lambda) => _ke0 / (_ke0 - lambda);

    /// <summary>A(t)/V = cInf + c1·e^(−k·t) + c2·e^(−ka·t) for a constant input and the depot.</summary>
    private (double CInf, double C1, double C2) DepotTerms(double rate)
    {
        var aInf = rate / _k;
        var d = _cns * _ka * _depot / (_k - _ka);
        return (aInf / _volumeMl, (_amount - aInf - d) / _volumeMl, d / _volumeMl);
    }

    /// <summary>Closed form with the depot: P(t) = P0·e^(−ka·t); A' = r + f·ka·P − k·A;
    /// Ce' = ke0·(A/V − Ce). Each exponential term of A/V drives Ce through ke0/(ke0 − λ)·(e^(−λt) − e^(−ke0·t)).</summary>
    private (double Amount, double Ce, double Depot) EvolveWithDepot(long seconds, double rate)
    {
        var (cInf, c1, c2) = DepotTerms(rate);
        var e1 = Math.Exp(-_k * seconds); var e2 = Math.Exp(-_ka * seconds); var ee = Math.Exp(-_ke0 * seconds);
        var amount = (cInf + c1 * e1 + c2 * e2) * _volumeMl;
        // At k = ke0 the k-term's response ke0/(ke0 − k)·(e^(−k·t) − e^(−ke0·t)) is 0/0; its limit is
        // ke0·t·e^(−k·t), as in Factors (a nudged k would multiply a gain of −1000 by exactly 0).
        var r1 = _equalRates ? _ke0 * seconds * e1 : Gain(_k) * (e1 - ee);
        var ce = cInf + (_ce - cInf) * ee + c1 * r1 + c2 * Gain(_ka) * (e2 - ee);
        return (amount, ce, _depot * e2);
    }

    /// <summary>Starts at the periodic steady state of a repeating input: the state that one period
    /// of <paramref name="pieces"/> (seconds, mcg/day each, in order from now) returns to. A flex
    /// program's patient then starts as if it had been on that program for weeks.</summary>
    public void StartPeriodic(IReadOnlyList<(long Seconds, double McgPerDay)> pieces)
    {
        // Each period shrinks the distance to the periodic orbit by e^(−ke0·T) at least (about 0.09
        // for a day at a 7-h half-life), so 40 periods are far below double precision.
        (_amount, _ce) = (0, 0);
        for (var n = 0; n < 40; n++)
            foreach (var (seconds, mcgPerDay) in pieces)
                if (seconds > 0) (_amount, _ce) = Evolve(seconds, mcgPerDay / 86_400, Factors(seconds));
    }

    private (double Amount, double Ce) Evolve(long seconds, double rate, (double Ek, double Ee, double Cross) f) =>
        Evolve(seconds, rate, f.Ek, f.Ee, f.Cross);

    private void Cache(long seconds)
    {
        (_ek, _ee, _cross) = Factors(seconds);
        _cachedDt = seconds;
    }

    private (double Ek, double Ee, double Cross) Factors(long seconds)
    {
        var ek = Math.Exp(-_k * seconds);
        var ee = Math.Exp(-_ke0 * seconds);
        // Response of the effect site to a CSF deviation decaying at k: ke0/(ke0-k)·(e^-kt − e^-ke0·t).
        var cross = _equalRates ? _ke0 * seconds * ek : _ke0 / (_ke0 - _k) * (ek - ee);
        return (ek, ee, cross);
    }

    private (double Amount, double Ce) Evolve(long seconds, double rate, double ek, double ee, double cross)
    {
        var aInf = rate / _k;
        var cInf = aInf / _volumeMl;
        var a0 = _amount - aInf;
        var amount = aInf + a0 * ek;
        var ce = cInf + (_ce - cInf) * ee + a0 / _volumeMl * cross;
        return (amount, ce);
    }
}
