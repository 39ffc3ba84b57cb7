namespace PumpSim.Core.Patient;

/// <summary>The illustrative patient of PUMP.md §7: one CSF compartment (first-order elimination)
/// and an effect site that follows the CSF concentration with its own half-life. Each step is
/// integrated in closed form for a constant input, never with Euler steps.
/// Illustrative only: not a clinical model.</summary>
public sealed class PatientModel
{
    private readonly double _k, _ke0, _volumeMl, _ceMaintained, _ec50;
    private double _amount;  // mcg in CSF
    private double _ce;      // effect-site concentration, mcg/mL
    private long _cachedDt = -1;
    private double _ek, _ee, _cross;

    public PatientModel(PatientParameters p, double initialCsfMcgPerDay)
    {
        _k = Math.Log(2) / p.CsfHalfLife.Seconds;
        _ke0 = Math.Log(2) / p.EffectHalfLife.Seconds;
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

    private double SteadyStateCe(double mcgPerDay) => mcgPerDay / 86_400 / _k / _volumeMl;

    /// <summary>Effect as a percentage of the maintained level.</summary>
    public double EffectPct => _ce / _ceMaintained * 100;

    /// <summary>Ashworth-like index 0–4: 4 with no drug, about 1 at the maintenance dose.</summary>
    public double Spasticity => 4 * _ec50 / (_ce + _ec50);

    public double CsfAmountMcg => _amount;

    /// <summary>The two state variables, to rewind to the start of a step when a threshold is crossed.</summary>
    public (double Amount, double Ce) State
    {
        get => (_amount, _ce);
        set => (_amount, _ce) = value;
    }

    /// <summary>Advances <paramref name="seconds"/> with <paramref name="inputMcg"/> entering the CSF at a constant rate.</summary>
    public void Advance(long seconds, double inputMcg)
    {
        if (seconds <= 0) return;
        if (seconds != _cachedDt) Cache(seconds);
        (_amount, _ce) = Evolve(seconds, inputMcg / seconds, _ek, _ee, _cross);
    }

    /// <summary>Effect % after <paramref name="seconds"/> of the same input, without moving the state
    /// (for finding the exact instant a risk threshold is crossed inside a step).</summary>
    public double EffectPctAfter(long seconds, double inputMcgPerSecond)
    {
        var (ek, ee, cross) = Factors(seconds);
        return Evolve(seconds, inputMcgPerSecond, ek, ee, cross).Ce / _ceMaintained * 100;
    }

    /// <summary>The whole second inside (0, <paramref name="seconds"/>) at which the effect turns
    /// (a peak or a trough) under a constant input, or null if it is monotonic there. With a constant
    /// input the effect is cInf + B·e^(−ke0·t) + C·e^(−k·t), which turns at most once; splitting a
    /// segment there makes each piece monotonic, so a threshold crossed and re-crossed inside one
    /// segment is still found, whatever the segment's length.</summary>
    public long? TurningSecond(long seconds, double inputMcgPerSecond)
    {
        if (seconds < 2) return null;
        var cInf = inputMcgPerSecond / _k / _volumeMl;
        var a0 = _amount - inputMcgPerSecond / _k;
        if (Math.Abs(_ke0 - _k) < 1e-15) return null;
        var c = a0 / _volumeMl * _ke0 / (_ke0 - _k);
        var b = _ce - cInf - c;
        if (b == 0 || c == 0) return null;
        // d ce/dt = −ke0·B·e^(−ke0·t) − k·C·e^(−k·t) = 0  ⇔  e^((k−ke0)·t) = −k·C / (ke0·B)
        var ratio = -_k * c / (_ke0 * b);
        if (!(ratio > 0)) return null;
        var t = Math.Log(ratio) / (_k - _ke0);
        if (!(t > 0) || t >= seconds) return null;
        var whole = (long)Math.Round(t);
        return whole > 0 && whole < seconds ? whole : null;
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
        var cross = Math.Abs(_ke0 - _k) < 1e-15 ? _ke0 * seconds * ek : _ke0 / (_ke0 - _k) * (ek - ee);
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
