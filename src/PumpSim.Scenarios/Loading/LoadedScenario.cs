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
    string FileName)
{
    /// <summary>Requirement ids the whole scenario verifies (<c>verifies:</c> at the top).</summary>
    public IReadOnlyList<string> Verifies { get; init; } = [];

    /// <summary>Hazard ids the scenario exercises (<c>hazards:</c>).</summary>
    public IReadOnlyList<string> Hazards { get; init; } = [];

    /// <summary>FDA device problem codes of the field reports it reproduces (<c>codes:</c>).</summary>
    public IReadOnlyList<int> Codes { get; init; } = [];

    /// <summary>Every id the file cites, with its position, for <see cref="Requirements.TraceCheck"/>.</summary>
    public IReadOnlyList<Loading.TraceReference> References { get; init; } = [];
}
