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

/// <summary>The outcome of one expectation, as summary.json and the JUnit file show it. <see cref="Passed"/> is what
/// the check found; <see cref="KnownDefect"/> (the scenario's <c>known_defect:</c> reason) turns a failure into an
/// expected one and a pass into an unexpected one, so <see cref="Ok"/> is what decides an exit code.</summary>
public sealed record ExpectationOutcome(string Text, bool Passed, string Detail)
{
    public string? KnownDefect { get; init; }

    /// <summary>As it should be: a plain pass, or a known defect that still fails.</summary>
    public bool Ok => KnownDefect is null ? Passed : !Passed;

    /// <summary>pass, fail, expected-failure or unexpected-pass: the word trace files and summaries use.</summary>
    public string Verdict => (KnownDefect is null, Passed) switch
    {
        (true, true) => "pass",
        (true, false) => "fail",
        (false, false) => "expected-failure",
        _ => "unexpected-pass",
    };

    /// <summary>The same verdict as a table shows it: PASS, FAIL, XFAIL (expected failure) or XPASS (unexpected pass).</summary>
    public string Mark => Verdict switch
    {
        "pass" => "PASS",
        "fail" => "FAIL",
        "expected-failure" => "XFAIL",
        _ => "XPASS",
    };
}

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
