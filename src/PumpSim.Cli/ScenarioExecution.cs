using PumpSim.Core.Engine;
using PumpSim.Core.Events;
using PumpSim.Scenarios;

namespace PumpSim.Cli;

/// <summary>A scenario run and judged: the result and one outcome per expectation.</summary>
public sealed record ScenarioRun(LoadedScenario Scenario, SimulationResult Result, IReadOnlyList<ExpectationOutcome> Outcomes)
{
    public bool Passed => Outcomes.All(o => o.Passed);

    public static ScenarioRun Execute(LoadedScenario scenario)
    {
        var result = Simulation.Run(scenario.Plan);
        var outcomes = scenario.Expectations.Select(e => e.Evaluate(result)).ToArray();
        return new ScenarioRun(scenario, result, outcomes);
    }
}
