using PumpSim.Core.Units;

namespace PumpSim.Core.Events;

/// <summary>One row of telemetry.csv (SCENARIOS.md §3). Patient figures are null when the scenario
/// has no patient; they are illustrative only.</summary>
public sealed record TelemetrySample(
    SimInstant At,
    string TherapyState,
    double ProgrammedMcgPerDay,
    double PumpedMlPerDay,
    double ReservoirTrueMl,
    double ReservoirEstimatedMl,
    string CatheterState,
    double DeliveredCsfMcgCumulative,
    double LeakedMcgCumulative,
    double BatteryDaysRemaining,
    IReadOnlyList<string> ActiveAlarms,
    double? PatientSpasticity,
    double? PatientEffectPct,
    string MotorState,
    double CsfMcgPerDay,
    double ConcentrationMcgPerMl = 0,
    double ProgrammedConcentrationMcgPerMl = 0);
