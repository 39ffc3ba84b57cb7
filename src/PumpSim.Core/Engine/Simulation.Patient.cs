using PumpSim.Core.Events;
using PumpSim.Core.Patient;
using PumpSim.Core.Units;

namespace PumpSim.Core.Engine;

/// <summary>The illustrative patient and its risk flags (PUMP.md §7), each an event when it starts
/// and ends, stamped at the second the effect crosses its threshold inside a step.</summary>
public sealed partial class Simulation
{
    public const string Underdose = "underdose", WithdrawalRisk = "withdrawal-risk", OverdoseRisk = "overdose-risk";
    private const double UnderdosePct = 60, WithdrawalPct = 30, OverdosePct = 200;
    private static readonly SimDuration WithdrawalDelay = SimDuration.FromHours(6);
    /// <summary>How long a pocket fill counts as an overdose risk (modelling choice: systemic uptake over two days).</summary>
    private static readonly SimDuration PocketRiskSpan = SimDuration.FromDays(2);

    private PatientModel? _patient;
    private bool _underdose, _withdrawal, _overdose;
    private SimInstant _below30Since = SimInstant.MaxValue, _pocketRiskUntil = SimInstant.MaxValue;

    /// <summary>The illustrative patient's risk flags raised now, in a fixed order.</summary>
    public IReadOnlyList<string> PatientFlags
    {
        get
        {
            var flags = new List<string>(3);
            if (_underdose) flags.Add(Underdose);
            if (_withdrawal) flags.Add(WithdrawalRisk);
            if (_overdose) flags.Add(OverdoseRisk);
            return flags;
        }
    }

    private void InitPatient()
    {
        if (_plan.Patient is not { } p) return;
        var initialDose = _plan.CatheterContents == CatheterContents.Drug && _plan.Program.RateAt(_plan.Start) is { } r
            ? r.ToDose(_plan.Concentration).McgPerDay : 0;
        _patient = new PatientModel(p, initialDose);
        if (_patient.EffectPct < WithdrawalPct) _below30Since = _plan.Start;
    }

    /// <summary>A patient who starts with too little (or too much) drug is flagged at the start.</summary>
    private void AnnounceInitialPatientFlags()
    {
        var e = _patient!.EffectPct;
        SetFlag(ref _underdose, e < UnderdosePct, Underdose, Now, e);
        SetFlag(ref _overdose, e > OverdosePct, OverdoseRisk, Now, e);
    }

    private void AdvancePatient(long seconds, Mass csfMass)
    {
        var p = _patient!;
        var start = p.State;
        var before = p.EffectPct;
        var input = csfMass.Mcg;
        p.Advance(seconds, input);
        var after = p.EffectPct;
        if (Crossed(before, after, UnderdosePct) || Crossed(before, after, WithdrawalPct) || Crossed(before, after, OverdosePct))
            StampCrossings(seconds, input / seconds, start, before, after);
    }

    private static bool Crossed(double before, double after, double threshold) => (before < threshold) != (after < threshold);

    /// <summary>Rewinds to the start of the segment, bisects for the second of each crossing, and
    /// applies the flag changes in time order. Runs only on the rare segment that crosses.</summary>
    private void StampCrossings(long seconds, double rate, (double, double) start, double before, double after)
    {
        var p = _patient!;
        var end = p.State;
        p.State = start;
        var crossings = new List<(long At, double Threshold, double Effect)>(3);
        foreach (var t in (ReadOnlySpan<double>)[UnderdosePct, WithdrawalPct, OverdosePct])
        {
            if (!Crossed(before, after, t)) continue;
            var below = after < t;
            long lo = 0, hi = seconds;
            while (hi - lo > 1)
            {
                var mid = lo + (hi - lo) / 2;
                if ((p.EffectPctAfter(mid, rate) < t) == below) hi = mid; else lo = mid;
            }
            // The effect at the crossing second, not at the end of the step, so the event reads
            // the same at any step size.
            crossings.Add((hi, t, p.EffectPctAfter(hi, rate)));
        }
        p.State = end;
        crossings.Sort((a, b) => a.At.CompareTo(b.At));
        foreach (var (offset, threshold, effect) in crossings)
            OnThreshold(Now + SimDuration.FromSeconds(offset), threshold, after < threshold, effect);
    }

    private void OnThreshold(SimInstant at, double threshold, bool below, double effect)
    {
        if (threshold == UnderdosePct) SetFlag(ref _underdose, below, Underdose, at, effect);
        else if (threshold == WithdrawalPct)
        {
            _below30Since = below ? at : SimInstant.MaxValue;
            if (!below) SetFlag(ref _withdrawal, false, WithdrawalRisk, at, effect);
        }
        else if (!below) SetFlag(ref _overdose, true, OverdoseRisk, at, effect);
        else if (_pocketRiskUntil == SimInstant.MaxValue) SetFlag(ref _overdose, false, OverdoseRisk, at, effect);
    }

    private void SetFlag(ref bool flag, bool value, string name, SimInstant at, double effect)
    {
        if (flag == value) return;
        flag = value;
        EmitAt(at, value ? EventTypes.PatientFlagRaised : EventTypes.PatientFlagCleared,
            new("flag", name), new("effect_pct", Math.Round(effect, 1)), new("illustrative", true));
    }

    private void HandlePatientTimers()
    {
        var effect = _patient!.EffectPct;
        if (!_withdrawal && _below30Since != SimInstant.MaxValue && Now >= _below30Since + WithdrawalDelay)
            SetFlag(ref _withdrawal, true, WithdrawalRisk, Now, effect);
        if (_pocketRiskUntil <= Now)
        {
            _pocketRiskUntil = SimInstant.MaxValue;
            if (effect <= OverdosePct) SetFlag(ref _overdose, false, OverdoseRisk, Now, effect);
        }
    }

    private SimInstant NextPatientTimer()
    {
        var next = _pocketRiskUntil;
        if (!_withdrawal && _below30Since != SimInstant.MaxValue)
            next = SimInstant.Min(next, _below30Since + WithdrawalDelay);
        return next;
    }

    private void OnPocketFill()
    {
        _pocketRiskUntil = Now + PocketRiskSpan;
        SetFlag(ref _overdose, true, OverdoseRisk, Now, _patient!.EffectPct);
    }
}
