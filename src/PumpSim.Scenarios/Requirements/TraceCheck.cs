using PumpSim.Scenarios.Loading;

namespace PumpSim.Scenarios.Requirements;

/// <summary>Checks the ids a scenario cites against the nearest requirements.yaml above its file
/// (<see cref="RequirementCatalog.FindAbove"/>). A scenario that cites nothing is never checked, so files
/// written without these keys load as before, wherever they are; one with no catalog above it is not checked
/// either (a bundled scenario copied elsewhere keeps running).</summary>
public static class TraceCheck
{
    public static void Check(LoadedScenario scenario)
    {
        if (scenario.References.Count == 0) return;
        // No catalog anywhere above: the ids are not checked here (their form already was), so a tagged scenario
        // copied out of the library still runs; `pumpsim trace` checks every id against the catalog it is given.
        if (RequirementCatalog.FindAbove(Path.GetDirectoryName(scenario.FileName) ?? "") is not { } path) return;
        Check(scenario, RequirementsReader.Load(path));
    }

    public static void Check(LoadedScenario scenario, RequirementCatalog catalog)
    {
        var errors = new List<ScenarioError>();
        foreach (var r in scenario.References)
        {
            var known = r.Kind switch
            {
                ReferenceKind.Requirement => catalog.HasRequirement(r.Id),
                ReferenceKind.Hazard => catalog.HasHazard(r.Id),
                _ => catalog.HasCode(int.Parse(r.Id, System.Globalization.CultureInfo.InvariantCulture)),
            };
            if (known) continue;
            var (noun, ids) = r.Kind switch
            {
                ReferenceKind.Requirement => ("requirement", catalog.Requirements.Select(x => x.Id)),
                ReferenceKind.Hazard => ("hazard", catalog.Hazards.Select(x => x.Id)),
                _ => ("problem code", catalog.Codes.Select(x => x.Code.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            };
            errors.Add(new ScenarioError(scenario.FileName, r.At.Line, r.At.Column,
                $"unknown {noun} '{r.Id}'{Suggestions.Hint(r.Id, ids.ToArray())}: {catalog.File} does not list it"));
        }
        if (errors.Count > 0) throw new ScenarioException(errors);
    }
}
