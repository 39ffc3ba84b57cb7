using PumpSim.Cli.Infrastructure;
using PumpSim.Core.Engine;
using PumpSim.Core.Events;
using PumpSim.Core.Units;
using PumpSim.Scenarios;

namespace PumpSim.Cli;

/// <summary>A scenario run and judged: the result and one outcome per expectation.</summary>
public sealed record ScenarioRun(LoadedScenario Scenario, SimulationResult Result, IReadOnlyList<ExpectationOutcome> Outcomes)
{
    /// <summary>Every expectation as it should be: passed, or a known defect still failing (<see cref="ExpectationOutcome.Ok"/>).</summary>
    public bool Passed => Outcomes.All(o => o.Ok);

    public static ScenarioRun Execute(LoadedScenario scenario)
    {
        var result = RunBounded(scenario.Plan);
        var outcomes = scenario.Expectations.Select(e => e.Evaluate(result)).ToArray();
        return new ScenarioRun(scenario, result, outcomes);
    }

    /// <summary>The same run as <see cref="Simulation.Run(SimulationPlan)"/>, advanced a day at a
    /// time so that a run whose events pass <see cref="ScenarioLimits.MaxEvents"/> (several alarms
    /// toning for years) stops with exit 2 instead of growing until memory runs out. The loader's
    /// estimates catch the usual cases before anything runs; this is the backstop.</summary>
    public static SimulationResult RunBounded(SimulationPlan plan)
    {
        using var sim = new Simulation(plan);
        var day = SimDuration.FromDays(1);
        while (!sim.IsFinished)
        {
            sim.AdvanceTo(SimInstant.Min(sim.Now + day, plan.End));
            if (sim.EventLog.Count > ScenarioLimits.MaxEvents)
                throw new InputException($"{plan.Id}: more than {ScenarioLimits.MaxEvents:N0} events by day {(sim.Now - plan.Start).TotalDays:0} " +
                    $"(mostly {MostCommon(sim.EventLog)}); the limit is {ScenarioLimits.MaxEvents:N0} per run (docs/scenario-format.md, Limits): shorten 'duration' or lengthen pump.tone_repeat");
            if (sim.Now >= plan.End) break;
        }
        return sim.Run();
    }

    private static string MostCommon(IReadOnlyList<PumpEvent> events) =>
        events.CountBy(e => e.Type).OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).First().Key;
}
