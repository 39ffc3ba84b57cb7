namespace PumpSim.Core.Events;

/// <summary>The names of the event types the engine emits (SCENARIOS.md §3), as constants for
/// code that speaks of a type by name. Each has exactly one record in <see cref="EventTable"/>,
/// which is where <see cref="All"/> comes from, so expectations and the schema can check a name
/// before a run.</summary>
public static class EventTypes
{
    public const string SimulationStarted = "simulation-started";
    public const string SimulationEnded = "simulation-ended";
    public const string TherapyStateChanged = "therapy-state-changed";
    public const string ProgramChanged = "program-changed";
    public const string ProgramRejected = "program-rejected";
    public const string AlarmRaised = "alarm-raised";
    public const string AlarmTone = "alarm-tone";
    public const string AlarmSilenced = "alarm-silenced";
    public const string AlarmSilenceEnded = "alarm-silence-ended";
    public const string AlarmCleared = "alarm-cleared";
    public const string Refill = "refill";
    public const string RefillDiscrepancy = "refill-discrepancy";
    public const string RefillOverfillRefused = "refill-overfill-refused";
    public const string PocketFill = "pocket-fill";
    public const string BolusStarted = "bolus-started";
    public const string BolusFinished = "bolus-finished";
    public const string BolusDenied = "bolus-denied";
    public const string PtmRequestAccepted = "ptm-request-accepted";
    public const string PtmRequestDenied = "ptm-request-denied";
    public const string CatheterFault = "catheter-fault";
    public const string MotorStall = "motor-stall";
    public const string MotorStallRecovery = "motor-stall-recovery";
    public const string MriStarted = "mri-started";
    public const string MriEnded = "mri-ended";
    public const string Interrogation = "interrogation";
    public const string ReservoirEmptyTrue = "reservoir-empty-true";
    public const string PatientFlagRaised = "patient-flag-raised";
    public const string PatientFlagCleared = "patient-flag-cleared";
    public const string Narration = "narration";
    public const string MemoryError = "memory-error";
    public const string BatteryReset = "battery-reset";
    public const string PumpReplaced = "pump-replaced";
    public const string AccuracyChanged = "accuracy-changed";
    public const string SettingsChanged = "settings-changed";
    public const string Diathermy = "diathermy";
    public const string PumpFlip = "pump-flip";
    public const string RefillRefused = "refill-refused";
    public const string ProgrammedConcentrationMismatch = "concentration-mismatch";

    /// <summary>The names in <see cref="EventTable"/> order (the order the schema and messages list them).</summary>
    public static IReadOnlyList<string> All { get; } = EventTable.All.Select(s => s.Type).ToArray();
}
