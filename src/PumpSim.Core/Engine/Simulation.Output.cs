using PumpSim.Core.Events;
using PumpSim.Core.Patient;
using PumpSim.Core.Units;

namespace PumpSim.Core.Engine;

/// <summary>What the simulation shows: telemetry samples, snapshots and the final result.</summary>
public sealed partial class Simulation
{
    public const string Underdose = PatientMonitor.Underdose, WithdrawalRisk = PatientMonitor.WithdrawalRisk, OverdoseRisk = PatientMonitor.OverdoseRisk;

    public string TherapyStateName => _fw.TherapyName;
    public Volume TrueReservoir => _plant.Reservoir;
    public Volume EstimatedReservoir => _fw.Estimate;
    public string CatheterState => _plant.CatheterState;
    public IReadOnlyList<string> ActiveAlarms => _fw.Alarms.ActiveIds();
    public IReadOnlyList<Firmware.Alarm> Alarms => _fw.Alarms.Alarms;
    public Mass DeliveredToCsf => _plant.Ledger.ToCsf.Mass;
    public string MotorStateName => _fw.MotorName;
    /// <summary>The pump has turned over in its pocket (the refill port faces inward).</summary>
    public bool PumpFlipped => _plant.Flipped;
    /// <summary>The illustrative patient's risk flags raised now, in a fixed order.</summary>
    public IReadOnlyList<string> PatientFlags => _patient?.Flags ?? [];
    /// <summary>Volume conservation and drug conservation, exact: put in = everywhere it is now.</summary>
    public Plant.Parcel ConservationImbalance => _plant.Imbalance;

    /// <summary>The firmware's state machines, for `pumpsim diagram`.</summary>
    public IEnumerable<(string Name, Stateless.Reflection.StateMachineInfo Info)> Machines() => _fw.Machines();

    public TelemetrySample Sample() => new(
        Now,
        TherapyStateName,
        _fw.PrescribedMcgPerDay,
        _plant.PumpedMlPerDay,
        _plant.Reservoir.Ml,
        _fw.Estimate.Ml,
        _plant.CatheterState,
        _plant.Ledger.ToCsf.Mass.Mcg,
        (_plant.Ledger.ToTissue.Mass + _plant.Ledger.ToPocket.Mass).Mcg,
        _fw.BatteryDaysRemaining,
        _fw.Alarms.ActiveIds(),
        _patient?.Spasticity,
        _patient?.EffectPct,
        MotorStateName,
        _plant.CsfMcgPerDay,
        _plant.ReservoirMcgPerMl,
        _fw.Concentration.McgPerMl);

    private Snapshot Snapshot() => new(
        Now,
        Sample(),
        _plant.CatheterState,
        MotorStateName,
        _fw.ReservoirName,
        _fw.BatteryName,
        _plant.Ledger.ToCsf.Mass.Mcg,
        _plant.Pumped.Ml);

    public SimulationResult Result()
    {
        var ledger = _plant.Ledger;
        var totals = new Totals(
            _fw.ProgrammedMass.Mcg,
            _plant.Pumped.Ml,
            ledger.ToCsf.Mass.Mcg,
            ledger.ToTissue.Mass.Mcg,
            ledger.ToPocket.Mass.Mcg,
            ledger.Withdrawn.Volume.Ml);
        var final = new FinalState(_plant.Reservoir.Ml, _fw.Estimate.Ml, _fw.BatteryDaysRemaining, TherapyStateName);
        return new SimulationResult(_plan.Id, _plan.Seed, _plan.Start, Now, totals, final, _fw.Alarms.Records(),
            _log.ToArray(), _samples.ToArray(), new Dictionary<SimInstant, Snapshot>(_snapshots));
    }
}
