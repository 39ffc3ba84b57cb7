using PumpSim.Core.Events;
using PumpSim.Core.Firmware;
using PumpSim.Core.Plant;
using PumpSim.Core.Units;

namespace PumpSim.Core.Engine;

/// <summary>What the simulation shows: telemetry samples, snapshots and the final result.</summary>
public sealed partial class Simulation
{
    public string TherapyStateName => TherapyMachine.Name(_therapy.State);
    public Volume TrueReservoir => _reservoir.Volume;
    public Volume EstimatedReservoir => _estimate;
    public string CatheterState => _catheter.State;
    public IReadOnlyList<string> ActiveAlarms => _alarms.ActiveIds();
    public IReadOnlyList<Alarm> Alarms => _alarms.Alarms;
    public Mass DeliveredToCsf => _ledger.ToCsf.Mass;
    public string MotorStateName => MotorMachine.Name(_motor.State);
    /// <summary>The pump has turned over in its pocket (the refill port faces inward).</summary>
    public bool PumpFlipped => _flipped;

    /// <summary>The firmware's state machines, for `pumpsim diagram`.</summary>
    public IEnumerable<(string Name, Stateless.Reflection.StateMachineInfo Info)> Machines()
    {
        yield return ("therapy", _therapy.Info);
        yield return ("motor", _motor.Info);
        yield return ("reservoir", _reservoirState.Info);
        yield return ("battery", _battery.Info);
        yield return ("alarm", _alarms.Get(AlarmIds.MotorStall).Info);
    }

    public TelemetrySample Sample()
    {
        var csfRate = _catheter.Fault == CatheterFaultKind.Migration ? 0 : _cathRate / 1e9 * _catheter.TipConcentrationMcgPerMl;
        return new TelemetrySample(
            Now,
            TherapyStateName,
            (_rxRate * _fwConcentration.McgPerMl + _rxBridgeRate * _bridgePrice.McgPerMl) / 1e9,
            (_leakRate + _cathRate) / 1e9,
            _reservoir.Volume.Ml,
            _estimate.Ml,
            _catheter.State,
            _ledger.ToCsf.Mass.Mcg,
            (_ledger.ToTissue.Mass + _ledger.ToPocket.Mass).Mcg,
            BatteryDaysRemaining,
            _alarms.ActiveIds(),
            _patient?.Spasticity,
            _patient?.EffectPct,
            MotorStateName,
            csfRate,
            _reservoir.IsEmpty ? _drugConcentration.McgPerMl : _reservoir.ConcentrationMcgPerMl,
            _fwConcentration.McgPerMl);
    }

    private Snapshot Snapshot() => new(
        Now,
        Sample(),
        _catheter.State,
        MotorStateName,
        ReservoirMachine.Name(_reservoirState.State),
        BatteryMachine.Name(_battery.State),
        _ledger.ToCsf.Mass.Mcg,
        _pumped.Ml);

    public SimulationResult Result()
    {
        var totals = new Totals(
            ProgrammedMass.Mcg,
            _pumped.Ml,
            _ledger.ToCsf.Mass.Mcg,
            _ledger.ToTissue.Mass.Mcg,
            _ledger.ToPocket.Mass.Mcg,
            _ledger.Withdrawn.Volume.Ml);
        var final = new FinalState(_reservoir.Volume.Ml, _estimate.Ml, BatteryDaysRemaining, TherapyStateName);
        return new SimulationResult(_plan.Id, _plan.Seed, _plan.Start, Now, totals, final, _alarms.Records(),
            _log.ToArray(), _samples.ToArray(), new Dictionary<SimInstant, Snapshot>(_snapshots));
    }
}
