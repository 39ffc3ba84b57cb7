using PumpSim.Core.Firmware;

namespace PumpSim.Core.Events;

// The run itself, the therapy state, the clinician's visits and narration.

public sealed record SimulationStarted(string Scenario, long Seed, string Model, string Program, double ReservoirMl) : PumpEvent;

public sealed record SimulationEnded(double ReservoirTrueMl, double ReservoirEstimatedMl) : PumpEvent;

public sealed record TherapyStateChanged(TherapyState From, TherapyState To) : PumpEvent;

public sealed record Narration(string Text) : PumpEvent;

/// <summary>A clinician's programmer read the pump: what the firmware believes.</summary>
public sealed record Interrogation(double EstimatedMl, double BatteryDaysRemaining) : PumpEvent;

public sealed record PumpReplaced(double ReservoirMl) : PumpEvent;

public sealed record AccuracyChanged(double AccuracyPct) : PumpEvent;

/// <summary>The clinician changed the pump's alarm or patient-bolus settings at the programmer
/// (<c>alarm_settings</c>, <c>ptm_settings</c>): every setting as it now stands.</summary>
public sealed record SettingsChanged(double LowReservoirAlarmMl, string Ptm) : PumpEvent;
