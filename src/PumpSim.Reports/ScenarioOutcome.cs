using PumpSim.Core.Events;

namespace PumpSim.Reports;

/// <summary>One scenario's expectation outcomes: the unit of a JUnit test suite. <see cref="LoadError"/>
/// is set (and the expectations empty) when the file could not be loaded: JUnit calls that an error,
/// not a failure. <see cref="File"/> is the scenario file, for CI to link to. <see cref="Elapsed"/> is the
/// wall-clock time spent loading, running and judging it, measured by the caller (the CLI; the core has
/// no clock); null writes time="0", so a caller that wants byte-stable JUnit leaves it out.</summary>
public sealed record ScenarioOutcome(string ScenarioId, IReadOnlyList<ExpectationOutcome> Expectations, string? LoadError = null, string? File = null,
    TimeSpan? Elapsed = null);
