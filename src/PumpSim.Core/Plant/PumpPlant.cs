using PumpSim.Core.Firmware;
using PumpSim.Core.Therapy;
using PumpSim.Core.Units;

namespace PumpSim.Core.Plant;

/// <summary>The plant (PUMP.md §1, §4): the true reservoir, the rotor's truth (stalls, MRI, damage),
/// the battery cell, the catheter's plug flow and faults, where every drop goes, and the exact
/// integrators. It shows the firmware only what a sensor would (<see cref="IPumpSensors"/>).</summary>
public sealed class PumpPlant : IPumpSensors
{
    private readonly Func<SimInstant> _clock;
    private readonly Volume _capacity;
    private Parcel _reservoir;
    private readonly Catheter _catheter;
    private readonly Ledger _ledger = new();
    private Concentration _drug;   // what is truly in the syringe at fills
    private double _accuracyPct;
    private long _charge;
    private bool _stallPermanent, _motorDamaged, _flipped, _trueEmptyLogged;
    private SimInstant _stallUntil, _mriScanEnd = SimInstant.MaxValue, _mriRecoveryAt;
    private readonly List<(SimInstant Start, SimInstant End)> _stallEpisodes = [];

    // Rates of the current segment (pL/day, battery units/day) and their exact integrators.
    private FlowRate _leakRate, _cathRate;
    private long _drainRate; // battery units per day
    private readonly BatteryModel _battery;
    private FlowIntegrator _leakInt, _cathInt, _drainInt;
    private Volume _pumped; // what the motor truly drew out of the reservoir (not a pocket fill)

    public PumpPlant(Func<SimInstant> clock, Volume capacity, Volume reservoir, Concentration drug, Volume catheterVolume,
        CatheterContents contents, double accuracyPct, BatteryModel? battery = null)
    {
        _clock = clock;
        _battery = battery ?? BatteryModel.SynchroMedII;
        _capacity = capacity;
        _drug = drug;
        _accuracyPct = accuracyPct;
        _reservoir = Parcel.Of(reservoir, drug);
        _ledger.PutIn.Add(_reservoir);
        _catheter = new Catheter(catheterVolume, contents == CatheterContents.Drug ? drug : Concentration.Zero);
        _ledger.PutIn.Add(_catheter.Contents);
        _stallUntil = clock();
        _mriRecoveryAt = clock();
    }

    private SimInstant Now => _clock();

    public bool RotorFree => !(_stallPermanent || _motorDamaged || Now < _stallUntil || Now < _mriRecoveryAt);
    public long BatteryCharge => _charge;
    public string StallNote => Now < _mriRecoveryAt ? "mri" : _motorDamaged ? "diathermy" : _stallPermanent ? "permanent" : "injected";

    public Volume Reservoir => _reservoir.Volume;
    /// <summary>The drug's real concentration in the reservoir (the last filled drug when empty).</summary>
    public double ReservoirMcgPerMl => _reservoir.IsEmpty ? _drug.McgPerMl : _reservoir.ConcentrationMcgPerMl;
    public Concentration Drug => _drug;
    public bool Flipped => _flipped;
    public string CatheterState => _catheter.State;
    public Ledger Ledger => _ledger;
    public Volume Pumped => _pumped;
    public double PumpedMlPerDay => (_leakRate + _cathRate).MlPerDay;
    public double CsfMcgPerDay => _catheter.Routing == CatheterRouting.TipInTissue ? 0 : _cathRate.MlPerDay * _catheter.TipConcentrationMcgPerMl;

    /// <summary>Volume and drug conservation, exact: put in = everywhere it is now.</summary>
    public Parcel Imbalance => _ledger.Imbalance(_reservoir, _catheter.Contents);

    public void SetCharge(long charge) => _charge = charge;

    /// <summary>Rates for the segment that starts now, from the flow the firmware drives the motor at.</summary>
    public void Recompute(FlowRate motorFlow, bool endOfService)
    {
        var pumped = !motorFlow.IsZero && !_reservoir.IsEmpty ? motorFlow.Scale(1 + _accuracyPct / 100) : FlowRate.Zero;
        (_leakRate, _cathRate) = Split(pumped);
        _drainRate = endOfService ? 0 : _battery.DrainPerDay(motorFlow.PicolitresPerDay);
    }

    /// <summary>Catheter routing, one place (PUMP.md §4), read from the fault's descriptor: what
    /// leaves before the tip, what goes through. A held-back fraction stays in the reservoir.</summary>
    private (FlowRate Leak, FlowRate Through) Split(FlowRate pumped)
    {
        var f = _catheter.Fraction;
        switch (_catheter.Routing)
        {
            case CatheterRouting.HeldBack:
                return (FlowRate.Zero, pumped.Scale(1 - f));
            case CatheterRouting.LeaksToTissue:
                var leak = pumped.Scale(f);
                return (leak, pumped - leak);
            case CatheterRouting.IntoPocket: return (pumped, FlowRate.Zero);
            default: return (FlowRate.Zero, pumped);
        }
    }

    /// <summary>Where what leaves the catheter goes: the pocket at a disconnect, tissue otherwise
    /// before the tip; tissue from a migrated tip, the CSF otherwise.</summary>
    private void Route(Parcel leaked, Parcel tip, ref Mass csf)
    {
        if (!leaked.IsEmpty)
        {
            if (_catheter.Routing == CatheterRouting.IntoPocket) _ledger.ToPocket.Add(leaked);
            else _ledger.ToTissue.Add(leaked);
        }
        if (tip.IsEmpty) return;
        if (_catheter.Routing == CatheterRouting.TipInTissue) _ledger.ToTissue.Add(tip);
        else { _ledger.ToCsf.Add(tip); csf = tip.Mass; }
    }

    /// <summary>Moves fluid, drug and charge over <paramref name="seconds"/> of constant rates and
    /// returns the drug that reached the CSF. The hot path: integers only, nothing allocated.</summary>
    public Mass Advance(long seconds)
    {
        if (_drainRate > 0) _charge = Math.Max(0, _charge - _drainInt.Advance(_drainRate, seconds));
        var csf = Mass.Zero;
        if ((_leakRate.IsZero && _cathRate.IsZero) || _reservoir.IsEmpty) return csf;
        var lv = Math.Min(_leakInt.Advance(_leakRate.PicolitresPerDay, seconds), _reservoir.Volume.Picolitres);
        var cv = Math.Min(_cathInt.Advance(_cathRate.PicolitresPerDay, seconds), _reservoir.Volume.Picolitres - lv);
        _pumped += Volume.FromPicolitres(lv + cv);
        var leaked = lv > 0 ? _reservoir.Take(Volume.FromPicolitres(lv)) : default;
        var tip = cv > 0 ? _catheter.Push(_reservoir.Take(Volume.FromPicolitres(cv))) : default;
        Route(leaked, tip, ref csf);
        return csf;
    }

    /// <summary>The next instant the plant changes by itself: a stall starts or ends, a scan or its
    /// recovery ends, the true reservoir runs dry, the cell reaches <paramref name="eriCharge"/> or
    /// empty, and (for the patient) a new parcel reaches the tip.</summary>
    public SimInstant NextDue(long eriCharge, bool watchTip)
    {
        var now = Now;
        var next = SimInstant.MaxValue;
        void Consider(SimInstant t) { if (t > now && t < next) next = t; }
        void ConsiderIn(long seconds) { if (seconds != long.MaxValue && seconds > 0) Consider(now + SimDuration.FromSeconds(Math.Min(seconds, 1L << 40))); }
        if (_stallEpisodes.Count > 0) Consider(_stallEpisodes[0].Start);
        Consider(_stallUntil);
        Consider(_mriScanEnd);
        Consider(_mriRecoveryAt);
        // The patient's input is drug mass per second: it changes when a different parcel reaches
        // the tip, so that instant is a breakpoint (PUMP.md §7).
        if (watchTip && !_cathRate.IsZero && _catheter.Routing != CatheterRouting.TipInTissue && _catheter.HeadVolumeBeforeChange is { } head)
            ConsiderIn(_cathInt.SecondsUntil(_cathRate.PicolitresPerDay, head.Picolitres));
        ConsiderIn(SecondsUntilTrueEmpty());
        if (_drainRate > 0)
        {
            if (_charge > eriCharge) ConsiderIn(_drainInt.SecondsUntil(_drainRate, _charge - eriCharge));
            if (_charge > 0) ConsiderIn(_drainInt.SecondsUntil(_drainRate, _charge));
        }
        return next;
    }

    /// <summary>Seconds until the true reservoir runs dry at the current rates (long.MaxValue if never).</summary>
    private long SecondsUntilTrueEmpty()
    {
        var total = (_leakRate + _cathRate).PicolitresPerDay;
        if (total <= 0 || _reservoir.IsEmpty) return long.MaxValue;
        var r = _reservoir.Volume.Picolitres;
        var dt = Math.Max(1, (r * 86_400 - 86_400 * 2) / total);
        // The two integrators round separately: walk to the first second at which they cover r.
        while (Drawn(dt) < r) dt++;
        while (dt > 1 && Drawn(dt - 1) >= r) dt--;
        return dt;
    }

    private long Drawn(long seconds)
    {
        var l = _leakInt; var c = _cathInt;
        return l.Advance(_leakRate.PicolitresPerDay, seconds) + c.Advance(_cathRate.PicolitresPerDay, seconds);
    }

    /// <summary>Stall episodes that start now extend the stall.</summary>
    public void HandleStallEpisodes()
    {
        while (_stallEpisodes.Count > 0 && _stallEpisodes[0].Start <= Now)
        {
            var e = _stallEpisodes[0];
            _stallEpisodes.RemoveAt(0);
            if (e.End > _stallUntil) _stallUntil = e.End;
        }
    }

    /// <summary>True once, when the scan ends now.</summary>
    public bool ScanEnds()
    {
        if (_mriScanEnd > Now) return false;
        _mriScanEnd = SimInstant.MaxValue;
        return true;
    }

    public SimInstant MriRecoveryAt => _mriRecoveryAt;

    /// <summary>True once, when the true reservoir has just run dry while the motor is driven.</summary>
    public bool TrueEmptyNews(bool driven)
    {
        var news = _reservoir.IsEmpty && !_trueEmptyLogged && driven;
        if (news) _trueEmptyLogged = true;
        if (!_reservoir.IsEmpty) _trueEmptyLogged = false;
        return news;
    }

    // ---- what happens to the hardware and the body ----

    public void SetAccuracy(double pct) => _accuracyPct = pct;

    public void StartMri(SimDuration scan, SimDuration recovery)
    {
        _mriScanEnd = Now + scan;
        _mriRecoveryAt = _mriScanEnd + recovery;
    }

    public void Stall(SimDuration duration, bool permanent, SimDuration? every, int count)
    {
        if (permanent) { _stallPermanent = true; return; }
        var step = every ?? duration;
        for (var i = 0; i < Math.Max(1, count); i++)
        {
            var start = Now + step * i;
            _stallEpisodes.Add((start, start + duration));
        }
        _stallEpisodes.Sort((a, b) => a.Start.CompareTo(b.Start));
        HandleStallEpisodes();
    }

    public void DamageMotor() => _motorDamaged = true;
    public void Flip(bool flipped) => _flipped = flipped;

    /// <summary>A catheter fault or repair; a revision replaces the catheter (filled with saline) and
    /// returns its volume.</summary>
    public Volume? ApplyCatheter(CatheterFaultKind fault, double? fraction, Volume? newVolume)
    {
        var type = CatheterFaultType.Of(fault);
        if (!type.ReplacesCatheter)
        {
            // A fault without a fraction affects the whole flow (its routing says where it goes).
            _catheter.SetFault(fault, fraction ?? type.DefaultFraction ?? 1.0);
            return null;
        }
        // A new catheter, full of saline: the old one and what it held leave the body.
        var volume = newVolume ?? _catheter.DeadVolume;
        _ledger.Withdrawn.Add(_catheter.Reset(volume, Concentration.Zero));
        _ledger.PutIn.Add(_catheter.Contents);
        return volume;
    }

    public double CatheterFraction => _catheter.Fraction;

    /// <summary>The refill needle withdraws the residual (all, or a volume).</summary>
    public Parcel Withdraw(Volume? volume)
    {
        var taken = _reservoir.Take(volume is { } w ? Volume.Min(w, _reservoir.Volume) : _reservoir.Volume);
        _ledger.Withdrawn.Add(taken);
        return taken;
    }

    /// <summary>How much of <paramref name="add"/> fits in the free space.</summary>
    public Volume Accepts(Volume add) => Volume.Min(add, _capacity - _reservoir.Volume);

    public void Fill(Volume volume, Concentration drug)
    {
        var added = Parcel.Of(volume, drug);
        _ledger.PutIn.Add(added);
        _reservoir.Add(added);
        _drug = drug;
    }

    /// <summary>The needle missed the reservoir: the drug goes into the pocket. The reservoir, and so
    /// the drug it holds, is untouched.</summary>
    public Parcel PocketFill(Volume volume, Concentration drug)
    {
        var injected = Parcel.Of(volume, drug);
        _ledger.PutIn.Add(injected);
        _ledger.ToPocket.Add(injected);
        return injected;
    }

    /// <summary>A new pump on the same catheter: the old reservoir leaves the body, the new one is
    /// filled, a new battery, a free rotor, the right way up, nominal accuracy.</summary>
    public void ReplacePump(Volume fill)
    {
        _ledger.Withdrawn.Add(_reservoir.Take(_reservoir.Volume));
        var parcel = Parcel.Of(Volume.Min(fill, _capacity), _drug);
        _ledger.PutIn.Add(parcel);
        _reservoir.Add(parcel);
        _charge = BatteryModel.FullCharge;
        _stallPermanent = false; _motorDamaged = false; _flipped = false; _stallEpisodes.Clear(); _stallUntil = Now; _mriRecoveryAt = Now;
        _accuracyPct = 0;
    }
}
