using PumpSim.Core.Engine;

namespace PumpSim.Scenarios;

/// <summary>A scenario file, checked and turned into a plan. <see cref="Plan"/> already lists the
/// probe instants every expectation needs, so a run of it can be verified exactly.</summary>
public sealed record LoadedScenario(
    SimulationPlan Plan,
    string Title,
    string Description,
    IReadOnlyList<string> Covers,
    IReadOnlyList<Expectation> Expectations,
    string FileName);
