using PumpSim.Core.Events;
using PumpSim.Core.Patient;
using PumpSim.Core.Units;

namespace PumpSim.Core.Engine;

/// <summary>What the simulation shows now, read from the worlds; samples, snapshots and the result are
/// made by its <see cref="Recorder"/>.</summary>
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

    public TelemetrySample Sample() => _recorder.Sample();

    public SimulationResult Result() => _recorder.Result();
}
