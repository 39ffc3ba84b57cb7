using PumpSim.Reports;

namespace PumpSim.Cli;

/// <summary>Builds the HTML report's input from a run and its scenario.</summary>
public static class ReportInputs
{
    public static ReportInput For(ScenarioRun run) => new(
        run.Result,
        run.Scenario.Title,
        run.Scenario.Description,
        run.Scenario.Covers,
        run.Scenario.Plan.LowReservoirAlarm.Ml,
        run.Scenario.Plan.Profile.Capacity.Ml,
        run.Outcomes);
}
