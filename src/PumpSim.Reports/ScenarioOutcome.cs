using PumpSim.Core.Events;

namespace PumpSim.Reports;

/// <summary>One scenario's expectation outcomes: the unit of a JUnit test suite.</summary>
public sealed record ScenarioOutcome(string ScenarioId, IReadOnlyList<ExpectationOutcome> Expectations);
