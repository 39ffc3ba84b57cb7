using PumpSim.Core.Engine;
using PumpSim.Core.Events;
using PumpSim.Core.Plant;
using PumpSim.Core.Units;

namespace PumpSim.Core.Patient;

/// <summary>The illustrative patient and its risk flags (PUMP.md §7), each an event when it starts
/// and ends, stamped at the second the effect crosses its threshold inside a segment.</summary>
public sealed class PatientMonitor
{
    public const string Underdose = "underdose", WithdrawalRisk = "withdrawal-risk", OverdoseRisk = "overdose-risk";
    /// <summary>The flag thresholds, % of the maintained effect (PUMP.md §7); charts draw their zones from these.</summary>
    public const double UnderdosePct = 60, WithdrawalPct = 30, OverdosePct = 200;

    /// <summary>Every flag the patient raises, in the order the docs list them.</summary>
    public static IReadOnlyList<string> FlagNames { get; } = [Underdose, WithdrawalRisk, OverdoseRisk];
    private static readonly SimDuration WithdrawalDelay = SimDuration.FromHours(6);
    /// <summary>How long a pocket fill counts as an overdose risk (modelling choice: systemic uptake over two days).</summary>
    private static readonly SimDuration PocketRiskSpan = SimDuration.FromDays(2);

    private readonly PatientModel _patient;
    private readonly Func<SimInstant> _clock;
    private readonly EmitAt _emitAt;
    private bool _underdose, _withdrawal, _overdose;
    private SimInstant _below30Since = SimInstant.MaxValue, _pocketRiskUntil = SimInstant.MaxValue;

    /// <summary>The illustrative patient's risk flags raised now, in a fixed order.</summary>
    public IReadOnlyList<string> Flags
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

    public delegate void EmitAt(SimInstant at, PumpEvent e);

    public PatientMonitor(SimulationPlan plan, PatientParameters p, Func<SimInstant> clock, EmitAt emitAt)
    {
        _plan = plan;
        _clock = clock;
        _emitAt = emitAt;
        var drug = plan.CatheterContents == CatheterContents.Drug;
        var initialDose = drug && plan.Program.RateAt(plan.Start) is { } r ? DeliveredDose(r) : 0;
        _patient = new PatientModel(p, initialDose);
        // A flex program's patient has lived on the whole cycle, not on the step that runs at the
        // start (PUMP.md §7): start at the periodic steady state of one period from now.
        if (drug && p.StartAtSteadyState && plan.Program.Mode == Therapy.ProgramMode.Flex)
            _patient.StartPeriodic(FlexPeriod(plan.Program, plan.Start));
        if (_patient.EffectPct < WithdrawalPct) _below30Since = plan.Start;
    }

    private readonly SimulationPlan _plan;
    private SimInstant Now => _clock();
    // The patient advances only from breakpoint to breakpoint: a `play` or `serve` that stops the
    // clock between two of them (to draw) only adds the span here, so the closed form sees the same
    // spans, and gives the same doubles, as a `run` of the saved scenario.
    private long _pendingSeconds;
    private Mass _pendingMass;
    private SimInstant _pendingStart;

    /// <summary>The effect now (between breakpoints, the closed form over the span so far, not committed).</summary>
    public double EffectPct => _pendingSeconds == 0 ? _patient.EffectPct : _patient.EffectPctAfter(_pendingSeconds, _pendingMass.Mcg / _pendingSeconds);
    public double Spasticity => _pendingSeconds == 0 ? _patient.Spasticity : 4 / (3 * EffectPct / 100 + 1);

    /// <summary>The mcg/day a starting program really delivers: the pump converts with the concentration
    /// it was told, the drug has its real one (they differ after a wrong entry).</summary>
    private double DeliveredDose(Therapy.ProgramRate rate) =>
        _plan.ProgrammedConcentration is { } told && told != _plan.Concentration
            ? rate.ToFlow(told).MlPerDay * _plan.Concentration.McgPerMl
            : rate.ToDose(_plan.Concentration).McgPerDay;

    /// <summary>One period of a flex program from <paramref name="from"/>: (seconds, mcg/day) pieces in order.</summary>
    private List<(long Seconds, double McgPerDay)> FlexPeriod(Therapy.TherapyProgram program, SimInstant from)
    {
        var end = from + SimDuration.FromSeconds(program.Repeat == Therapy.FlexRepeat.Daily ? SimDuration.SecondsPerDay : 7 * SimDuration.SecondsPerDay);
        var pieces = new List<(long, double)>();
        for (var t = from; t < end;)
        {
            var next = SimInstant.Min(program.NextChangeAfter(t), end);
            pieces.Add((next.UnixSeconds - t.UnixSeconds, DeliveredDose(program.RateAt(t)!.Value)));
            t = next;
        }
        return pieces;
    }

    /// <summary>A patient who starts with too little (or too much) drug is flagged at the start.</summary>
    public void AnnounceInitialFlags()
    {
        var e = _patient.EffectPct;
        SetFlag(ref _underdose, e < UnderdosePct, Underdose, Now, e);
        SetFlag(ref _overdose, e > OverdosePct, OverdoseRisk, Now, e);
    }

    /// <summary>Adds <paramref name="seconds"/> of constant input to the span since the last breakpoint.</summary>
    public void Advance(long seconds, Mass csfMass)
    {
        if (_pendingSeconds == 0) _pendingStart = Now;
        _pendingSeconds += seconds;
        _pendingMass += csfMass;
    }

    /// <summary>At a breakpoint: advances the model over the span in closed form and stamps any flag
    /// crossed inside it at its second.</summary>
    public void Flush()
    {
        if (_pendingSeconds == 0) return;
        var (seconds, csfMass, from) = (_pendingSeconds, _pendingMass, _pendingStart);
        (_pendingSeconds, _pendingMass) = (0, Mass.Zero);
        var p = _patient;
        var start = p.State;
        var input = csfMass.Mcg;
        var rate = input / seconds;
        var before = p.EffectPct;
        var turns = _turns;
        p.TurningSeconds(seconds, rate, turns);
        p.Advance(seconds, input);
        var after = p.EffectPct;
        if (turns.Count == 0 && !CrossedAny(before, after)) return;
        // Rare: a threshold may be crossed. Each piece between turning seconds is monotonic, so a
        // bisection on it finds the crossing second exactly.
        var end = p.State;
        p.State = start;
        var crossings = _crossings;
        crossings.Clear();
        var (lo, atLo) = (0L, before);
        for (var i = 0; i < turns.Count; i++)
        {
            var m = turns[i];
            var atTurn = p.EffectPctAfter(m, rate);
            FindCrossings(lo, atLo, m, atTurn, rate, crossings);
            (lo, atLo) = (m, atTurn);
        }
        FindCrossings(lo, atLo, seconds, after, rate, crossings);
        p.State = end;
        // Stable insertion sort by second (at most a handful): two crossings in one second keep
        // their piece order. Copied out first, as a flag's subscribers run before the loop ends.
        if (crossings.Count == 0) return;
        var found = crossings.ToArray();
        for (var i = 1; i < found.Length; i++)
            for (var j = i; j > 0 && found[j - 1].At > found[j].At; j--) (found[j - 1], found[j]) = (found[j], found[j - 1]);
        foreach (var (offset, threshold, below, effect) in found)
            OnThreshold(from + SimDuration.FromSeconds(offset), threshold, below, effect);
    }

    // Reused at every breakpoint (a year of flex steps is thousands of them); see Flush.
    private readonly List<long> _turns = new(2);
    private readonly List<(long At, double Threshold, bool Below, double Effect)> _crossings = new(3);

    private static bool CrossedAny(double before, double after) =>
        Crossed(before, after, UnderdosePct) || Crossed(before, after, WithdrawalPct) || Crossed(before, after, OverdosePct);

    private static bool Crossed(double before, double after, double threshold) => Low(before, threshold) != Low(after, threshold);

    /// <summary>On the threshold's lower side: below 60 % and below 30 % are flags, so exactly 60 % is
    /// not low; above 200 % is a flag, so exactly 200 % is still low (PUMP.md §7; as the start's check).</summary>
    private static bool Low(double effect, double threshold) => threshold == OverdosePct ? effect <= threshold : effect < threshold;

    /// <summary>Bisects a monotonic piece (lo, hi] of the current segment for the second of each
    /// threshold it crosses; the model's state is the segment's start.</summary>
    private void FindCrossings(long lo, double atLo, long hi, double atHi, double rate, List<(long, double, bool, double)> into)
    {
        var p = _patient;
        foreach (var t in (ReadOnlySpan<double>)[UnderdosePct, WithdrawalPct, OverdosePct])
        {
            if (!Crossed(atLo, atHi, t)) continue;
            var below = Low(atHi, t);
            long a = lo, b = hi;
            while (b - a > 1)
            {
                var mid = a + (b - a) / 2;
                if (Low(p.EffectPctAfter(mid, rate), t) == below) b = mid; else a = mid;
            }
            // The effect at the crossing second, not at the end of the segment.
            into.Add((b, t, below, p.EffectPctAfter(b, rate)));
        }
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
        var effectPct = Math.Round(effect, 1);
        _emitAt(at, value ? new PatientFlagRaised(name, effectPct) : new PatientFlagCleared(name, effectPct));
    }

    public void HandleTimers()
    {
        var effect = _patient.EffectPct;
        if (!_withdrawal && _below30Since != SimInstant.MaxValue && Now >= _below30Since + WithdrawalDelay)
            SetFlag(ref _withdrawal, true, WithdrawalRisk, Now, effect);
        if (_pocketRiskUntil <= Now)
        {
            _pocketRiskUntil = SimInstant.MaxValue;
            if (effect <= OverdosePct) SetFlag(ref _overdose, false, OverdoseRisk, Now, effect);
        }
    }

    public SimInstant NextDue()
    {
        var next = _pocketRiskUntil;
        if (!_withdrawal && _below30Since != SimInstant.MaxValue)
            next = SimInstant.Min(next, _below30Since + WithdrawalDelay);
        // A fall below 30 % is found when its span is flushed, at a breakpoint. With at least one
        // breakpoint every 6 h the fall is always found before its withdrawal risk is due, so the
        // risk is stamped at its own second whatever the sample interval (with samples 6 h apart or
        // closer, as in every bundled scenario, this adds no breakpoint).
        else if (!_withdrawal)
            next = SimInstant.Min(next, (_pendingSeconds == 0 ? Now : _pendingStart) + WithdrawalDelay);
        return next;
    }

    public void OnPocketFill(Mass injected)
    {
        // The pocket's drug reaches the circulation, and a little of it the spinal cord (illustrative).
        _patient.AddToDepot(injected.Mcg);
        _pocketRiskUntil = Now + PocketRiskSpan;
        SetFlag(ref _overdose, true, OverdoseRisk, Now, _patient.EffectPct);
    }
}
