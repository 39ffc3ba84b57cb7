using PumpSim.Reports;
using PumpSim.Scenarios;

namespace PumpSim.Cli;

/// <summary>The manifest.json facts the verbs share (issue 22): this build, and each scenario's bytes, seed and step.</summary>
internal static class Manifests
{
    public static ToolIdentity Tool { get; } = ToolIdentity.Of(typeof(PumpSimApp).Assembly);

    public static ManifestScenario Scenario(string file, Core.Engine.SimulationPlan plan)
    {
        // The bytes the loader read (it read at most this many), hashed as they are on disk.
        var bytes = Scenarios.Files.FileNode.ReadCapped(file, ScenarioLimits.MaxFileBytes) ?? [];
        return new ManifestScenario(file, RunManifest.Sha256(bytes), plan.Id, plan.Seed, plan.Step.ToString());
    }

    public static ManifestInfo For(string command, IEnumerable<(string File, Core.Engine.SimulationPlan Plan)> scenarios,
        IReadOnlyList<KeyValuePair<string, string>>? options = null) =>
        new(command, Tool, scenarios.Select(s => Scenario(s.File, s.Plan)).ToArray(), options);
}
