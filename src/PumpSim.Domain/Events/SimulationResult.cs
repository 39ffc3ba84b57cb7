using PumpSim.Core.Firmware;
using PumpSim.Core.Units;

namespace PumpSim.Core.Events;

/// <summary>One occurrence of an alarm: raised, cleared (null if still active at the end), tones sounded.</summary>
public sealed record AlarmRecord(string Id, AlarmPriority Priority, SimInstant Raised, SimInstant? Cleared, int Tones);

public sealed record Totals(
    double ProgrammedMcg,
    double PumpedMl,
    double DeliveredCsfMcg,
    double LeakedMcg,
    double PocketMcg,
    double WithdrawnMl);

public sealed record FinalState(
    double ReservoirTrueMl,
    double ReservoirEstimatedMl,
    double BatteryDaysRemaining,
    string TherapyState);

/// <summary>A full picture of the pump, body and patient at one instant; the engine records one at
/// every instant listed in <see cref="Engine.SimulationPlan.Probes"/> so expectations can be exact.</summary>
public sealed record Snapshot(
    SimInstant At,
    TelemetrySample Telemetry,
    string CatheterState,
    string MotorState,
    string ReservoirCondition,
    string BatteryState,
    double DeliveredCsfMcg,
    double PumpedMl);

/// <summary>The outcome of one expectation, as summary.json and the JUnit file show it.</summary>
public sealed record ExpectationOutcome(string Text, bool Passed, string Detail);

public sealed record SimulationResult(
    string ScenarioId,
    ulong Seed,
    SimInstant Start,
    SimInstant End,
    Totals Totals,
    FinalState Final,
    IReadOnlyList<AlarmRecord> Alarms,
    IReadOnlyList<PumpEvent> Events,
    IReadOnlyList<TelemetrySample> Telemetry,
    IReadOnlyDictionary<SimInstant, Snapshot> Snapshots);
