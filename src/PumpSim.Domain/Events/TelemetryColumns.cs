namespace PumpSim.Core.Events;

/// <summary>One telemetry column: its name (telemetry.csv's header and the console's live JSON use
/// the same word), its unit and what it means, and whether telemetry.csv carries it (a few live
/// figures only the console and the dashboard show).</summary>
public sealed record TelemetryColumn(string Name, string Unit, string Meaning, bool InCsv = true);

/// <summary>THE list of telemetry columns (SCENARIOS.md §3), in telemetry.csv's order, then the live
/// extras. Writers, the console and the docs read names and units from here.</summary>
public static class TelemetryColumns
{
    public static TelemetryColumn T { get; } = new("t", "ISO-8601 UTC", "the sample's instant");
    public static TelemetryColumn TherapyState { get; } = new("therapy_state", "", "the firmware's therapy state");
    public static TelemetryColumn ProgrammedMcgPerDay { get; } = new("programmed_mcg_per_day", "mcg/day", "the prescription as the pump believes it (at the concentration it was told)");
    public static TelemetryColumn PumpedMlPerDay { get; } = new("pumped_ml_per_day", "mL/day", "what the motor really moves out of the reservoir");
    public static TelemetryColumn ReservoirTrueMl { get; } = new("reservoir_true_ml", "mL", "the body's truth: volume really in the reservoir");
    public static TelemetryColumn ReservoirEstimatedMl { get; } = new("reservoir_estimated_ml", "mL", "the firmware's stroke-counted belief");
    public static TelemetryColumn CatheterState { get; } = new("catheter_state", "", "patent, or the standing catheter fault");
    public static TelemetryColumn DeliveredCsfMcgCumulative { get; } = new("delivered_csf_mcg_cumulative", "mcg", "drug that has reached the CSF since the start");
    public static TelemetryColumn LeakedMcgCumulative { get; } = new("leaked_mcg_cumulative", "mcg", "drug that has gone to tissue or the pocket since the start");
    public static TelemetryColumn BatteryDaysRemaining { get; } = new("battery_days_remaining", "days", "the firmware's battery estimate at the current program");
    public static TelemetryColumn ActiveAlarms { get; } = new("active_alarms", "", "alarm ids raised and not cleared, ';'-separated");
    public static TelemetryColumn PatientSpasticity { get; } = new("patient_spasticity", "0–4", "illustrative patient model: spasticity index");
    public static TelemetryColumn PatientEffectPct { get; } = new("patient_effect_pct", "%", "illustrative patient model: effect as % of the maintained level");
    public static TelemetryColumn ConcentrationMcgPerMl { get; } = new("concentration_mcg_per_ml", "mcg/mL", "the body's truth: the drug really in the reservoir");
    public static TelemetryColumn ProgrammedConcentrationMcgPerMl { get; } = new("programmed_concentration_mcg_per_ml", "mcg/mL", "the pump's belief: the concentration the clinician entered");
    public static TelemetryColumn OffsetSeconds { get; } = new("t_s", "s", "seconds since the scenario's start", InCsv: false);
    public static TelemetryColumn MotorState { get; } = new("motor_state", "", "the firmware's motor state", InCsv: false);
    public static TelemetryColumn CsfMcgPerDay { get; } = new("csf_mcg_per_day", "mcg/day", "the body's truth: the dose rate reaching the CSF now", InCsv: false);

    /// <summary>Every column: telemetry.csv's in file order, then the live extras.</summary>
    public static IReadOnlyList<TelemetryColumn> All { get; } =
    [
        T, TherapyState, ProgrammedMcgPerDay, PumpedMlPerDay, ReservoirTrueMl, ReservoirEstimatedMl, CatheterState,
        DeliveredCsfMcgCumulative, LeakedMcgCumulative, BatteryDaysRemaining, ActiveAlarms, PatientSpasticity,
        PatientEffectPct, ConcentrationMcgPerMl, ProgrammedConcentrationMcgPerMl, OffsetSeconds, MotorState, CsfMcgPerDay,
    ];

    /// <summary>telemetry.csv's header line (without its newline).</summary>
    public static string CsvHeader { get; } = string.Join(',', All.Where(c => c.InCsv).Select(c => c.Name));
}
