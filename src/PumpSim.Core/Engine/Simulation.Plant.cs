using PumpSim.Core.Events;
using PumpSim.Core.Plant;
using PumpSim.Core.Units;

namespace PumpSim.Core.Engine;

/// <summary>The plant: true reservoir, motor, catheter, battery cell and where the fluid goes.</summary>
public sealed partial class Simulation
{
    private Parcel _reservoir;
    private Catheter _catheter = null!;
    private readonly Ledger _ledger = new();
    private Concentration _drugConcentration;   // what is truly in the syringe at fills
    private double _accuracyPct;
    private long _charge;
    private bool _stallPermanent, _motorDamaged, _mriHold, _trueEmptyLogged;
    /// <summary>The pump has turned over in its pocket: the refill port faces inward (PUMP.md §4).</summary>
    private bool _flipped;
    private SimInstant _stallUntil, _mriScanEnd = SimInstant.MaxValue, _mriRecoveryAt;
    private readonly List<(SimInstant Start, SimInstant End)> _stallEpisodes = [];

    // Rates of the current segment (pL/day, battery units/day) and their exact integrators.
    private long _rxRate, _rxBridgeRate, _cmdRate, _estRate, _leakRate, _cathRate, _drainRate;
    private FlowIntegrator _rxInt, _rxBridgeInt, _estInt, _leakInt, _cathInt, _drainInt;
    private Volume _pumped; // what the motor truly drew out of the reservoir (not a pocket fill)
    // Programmed dose = the prescription (the active program and boluses, whatever the pump falls
    // back to) × the firmware's concentration, summed per concentration epoch (closed at each
    // concentration change) so the per-step path adds a volume only. Delivered ÷ programmed then
    // shows a missed refill, a stall or end of service.
    // A bridge bolus keeps the dose right with the old drug, so its share of the prescription is
    // priced at the old concentration (PUMP.md §3), in a volume of its own.
    private Volume _commandedThisEpoch, _bridgeCommanded;
    private Concentration _bridgePrice;
    private Mass _programmedEarlierEpochs;
    private Mass ProgrammedMass => _programmedEarlierEpochs + _commandedThisEpoch * _fwConcentration + _bridgeCommanded * _bridgePrice;

    private void CloseProgrammedEpoch()
    {
        _programmedEarlierEpochs = ProgrammedMass;
        _commandedThisEpoch = Volume.Zero;
        _bridgeCommanded = Volume.Zero;
    }

    private void CloseBridgePricing()
    {
        _programmedEarlierEpochs += _bridgeCommanded * _bridgePrice;
        _bridgeCommanded = Volume.Zero;
    }

    private void InitPlant()
    {
        _drugConcentration = _plan.Concentration;
        _accuracyPct = _plan.AccuracyPct;
        _reservoir = Parcel.Of(_plan.Reservoir, _drugConcentration);
        _ledger.PutIn.Add(_reservoir);
        var contents = _plan.CatheterContents == CatheterContents.Drug ? _drugConcentration : Concentration.Zero;
        _catheter = new Catheter(_plan.CatheterVolume, contents);
        _ledger.PutIn.Add(_catheter.Contents);
        _stallUntil = _plan.Start;
        _mriRecoveryAt = _plan.Start;
    }

    /// <summary>The rotor cannot turn: an injected stall, an MRI scan and its recovery, or an MRI hold.</summary>
    private bool PlantStalled => _stallPermanent || _motorDamaged || Now < _stallUntil || Now < _mriRecoveryAt || _mriHold;

    /// <summary>Volume conservation and drug conservation, exact: put in = everywhere it is now.</summary>
    public Parcel ConservationImbalance => _ledger.Imbalance(_reservoir, _catheter.Contents);

    private void RecomputeRates()
    {
        var rx = PrescribedParts();
        var bridge = _bolus is { Kind: "bridge" };
        _rxRate = rx.Basal + (bridge ? 0 : rx.Bolus) + rx.Ptm;
        _rxBridgeRate = bridge ? rx.Bolus : 0;
        if (_bolus is { } b) { b.Given = rx.Bolus; b.Capped |= rx.Bolus < b.RatePerDay; }
        if (_ptmBolus is { } p) { p.Given = rx.Ptm; p.Capped |= rx.Ptm < p.RatePerDay; }
        _cmdRate = CommandedRate();
        var turning = !PlantStalled;
        _estRate = turning ? _cmdRate : 0;
        var pumped = turning && !_reservoir.IsEmpty && _cmdRate > 0
            ? FlowRate.FromPicolitresPerDay(_cmdRate).Scale(1 + _accuracyPct / 100).PicolitresPerDay
            : 0;
        var f = _catheter.Fraction;
        switch (_catheter.Fault)
        {
            case CatheterFaultKind.Kink or CatheterFaultKind.Occlusion:
                _leakRate = 0;
                _cathRate = FlowRate.FromPicolitresPerDay(pumped).Scale(1 - f).PicolitresPerDay;
                break;
            case CatheterFaultKind.Leak or CatheterFaultKind.Tear:
                _leakRate = FlowRate.FromPicolitresPerDay(pumped).Scale(f).PicolitresPerDay;
                _cathRate = pumped - _leakRate;
                break;
            case CatheterFaultKind.Disconnect:
                _leakRate = pumped;
                _cathRate = 0;
                break;
            default:
                _leakRate = 0;
                _cathRate = pumped;
                break;
        }
        _drainRate = _battery.State == Firmware.BatteryState.EndOfService ? 0 : BatteryModel.DrainPerDay(_estRate);
    }

    /// <summary>Moves fluid, drug, charge and the firmware's stroke count over <paramref name="seconds"/>
    /// of constant rates. The hot path: integers only, nothing allocated.</summary>
    private void Integrate(long seconds)
    {
        if (seconds <= 0) return;
        if (_rxRate > 0) _commandedThisEpoch += Volume.FromPicolitres(_rxInt.Advance(_rxRate, seconds));
        if (_rxBridgeRate > 0) _bridgeCommanded += Volume.FromPicolitres(_rxBridgeInt.Advance(_rxBridgeRate, seconds));
        if (_bolus is { Given: > 0 } b) b.WorkLeft -= (Int128)b.Given * seconds;
        if (_ptmBolus is { Given: > 0 } p) p.WorkLeft -= (Int128)p.Given * seconds;
        if (_estRate > 0)
        {
            var v = _estInt.Advance(_estRate, seconds);
            _estimate = Volume.FromPicolitres(Math.Max(0, _estimate.Picolitres - v));
            _fwPumpedSinceChange += Volume.FromPicolitres(v);
        }
        if (_drainRate > 0) _charge = Math.Max(0, _charge - _drainInt.Advance(_drainRate, seconds));

        var csfMass = Mass.Zero;
        if ((_leakRate | _cathRate) != 0 && !_reservoir.IsEmpty)
        {
            var lv = Math.Min(_leakInt.Advance(_leakRate, seconds), _reservoir.Volume.Picolitres);
            var cv = Math.Min(_cathInt.Advance(_cathRate, seconds), _reservoir.Volume.Picolitres - lv);
            _pumped += Volume.FromPicolitres(lv + cv);
            if (lv > 0)
            {
                var leaked = _reservoir.Take(Volume.FromPicolitres(lv));
                if (_catheter.Fault == CatheterFaultKind.Disconnect) _ledger.ToPocket.Add(leaked);
                else _ledger.ToTissue.Add(leaked);
            }
            if (cv > 0)
            {
                var tip = _catheter.Push(_reservoir.Take(Volume.FromPicolitres(cv)));
                if (_catheter.Fault == CatheterFaultKind.Migration) _ledger.ToTissue.Add(tip);
                else { _ledger.ToCsf.Add(tip); csfMass = tip.Mass; }
            }
        }
        if (_patient is not null) AdvancePatient(seconds, csfMass);
    }

    /// <summary>Seconds until the true reservoir runs dry at the current rates (long.MaxValue if never).</summary>
    private long SecondsUntilTrueEmpty()
    {
        var total = _leakRate + _cathRate;
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
        return l.Advance(_leakRate, seconds) + c.Advance(_cathRate, seconds);
    }

    private void CheckTrueEmpty()
    {
        if (_reservoir.IsEmpty && !_trueEmptyLogged && _cmdRate > 0)
        {
            _trueEmptyLogged = true;
            Emit(EventTypes.ReservoirEmptyTrue, new("estimated_ml", _estimate.Ml), new("note", "the body's truth; the firmware does not know"));
        }
        if (!_reservoir.IsEmpty) _trueEmptyLogged = false;
    }
}
