namespace PumpSim.Core.Events;

/// <summary>Every event type the engine emits (SCENARIOS.md §3), in one list so that expectations
/// and the schema can check a name before a run.</summary>
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
    public const string Diathermy = "diathermy";
    public const string PumpFlip = "pump-flip";
    public const string RefillRefused = "refill-refused";
    public const string ProgrammedConcentrationMismatch = "concentration-mismatch";

    public static IReadOnlyList<string> All { get; } =
    [
        SimulationStarted, SimulationEnded, TherapyStateChanged, ProgramChanged, ProgramRejected,
        AlarmRaised, AlarmTone, AlarmSilenced, AlarmSilenceEnded, AlarmCleared,
        Refill, RefillDiscrepancy, RefillOverfillRefused, PocketFill,
        BolusStarted, BolusFinished, BolusDenied, PtmRequestAccepted, PtmRequestDenied,
        CatheterFault, MotorStall, MotorStallRecovery, MriStarted, MriEnded, Interrogation,
        ReservoirEmptyTrue, PatientFlagRaised, PatientFlagCleared, Narration,
        MemoryError, BatteryReset, PumpReplaced, AccuracyChanged, Diathermy, PumpFlip, RefillRefused,
        ProgrammedConcentrationMismatch,
    ];
}
