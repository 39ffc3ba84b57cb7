using PumpSim.Core.Events;

namespace PumpSim.Reports;

/// <summary>One scenario's expectation outcomes: the unit of a JUnit test suite. <see cref="LoadError"/>
/// is set (and the expectations empty) when the file could not be loaded: JUnit calls that an error,
/// not a failure. <see cref="File"/> is the scenario file, for CI to link to.</summary>
public sealed record ScenarioOutcome(string ScenarioId, IReadOnlyList<ExpectationOutcome> Expectations, string? LoadError = null, string? File = null);
