using PumpSim.Core.Events;

namespace PumpSim.Reports;

/// <summary>Everything report.html shows. The scenario's own words (title, description, what it
/// covers) and the pump figures the charts need (LRA and capacity) come from the loaded scenario,
/// which the result does not carry.</summary>
public sealed record ReportInput(
    SimulationResult Result,
    string Title,
    string Description,
    IReadOnlyList<string> Covers,
    double LowReservoirAlarmMl,
    double ReservoirCapacityMl,
    IReadOnlyList<ExpectationOutcome> Expectations);
