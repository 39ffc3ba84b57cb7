using PumpSim.Core.Events;
using PumpSim.Scenarios;
using PumpSim.Scenarios.Requirements;

namespace PumpSim.Reports.Trace;

/// <summary>One scenario as `pumpsim trace` ran it: the file, what it cites, and one outcome per expectation.</summary>
public sealed record TracedScenario(string File, LoadedScenario Scenario, IReadOnlyList<ExpectationOutcome> Outcomes)
{
    /// <summary>The scenario as a whole: fail if any expectation is not as it should be, else expected-failure
    /// if one is a known defect still failing, else pass.</summary>
    public string Verdict => Outcomes.Any(o => !o.Ok)
        ? Outcomes.Any(o => o.Verdict == "unexpected-pass") && Outcomes.All(o => o.Ok || o.Verdict == "unexpected-pass") ? "unexpected-pass" : "fail"
        : Outcomes.Any(o => o.Verdict == "expected-failure") ? "expected-failure" : "pass";
}

/// <summary>One row of the matrix: a requirement and one expectation that verifies it (or the whole scenario, when
/// the scenario's own <c>verifies:</c> names it), with its verdict; <see cref="Scenario"/> null is a gap:
/// nothing verifies the requirement and the verdict is <c>not-covered</c>.</summary>
public sealed record TraceRow(Requirement Requirement, string? Scenario, string? File, int Line, string Expectation, string Verdict, string Detail)
{
    public const string NotCovered = "not-covered";
}

/// <summary>A hazard and the scenarios that say they exercise it (<c>hazards:</c>), each with its verdict.</summary>
public sealed record HazardRow(Hazard Hazard, IReadOnlyList<TracedScenario> Scenarios);

/// <summary>An FDA problem code and the scenarios that reproduce a report of it (<c>codes:</c>).</summary>
public sealed record CodeRow(ProblemCode Code, IReadOnlyList<TracedScenario> Scenarios);

/// <summary>The traceability matrix of issue 22: every requirement of the catalog, in catalog order, with a row per
/// verifying expectation (scenarios in the order given, expectations in file order) or one not-covered row;
/// every hazard with the scenarios that exercise it. Built from data only, so the same inputs give the same files.</summary>
public sealed record TraceMatrix(RequirementCatalog Catalog, IReadOnlyList<TraceRow> Rows, IReadOnlyList<HazardRow> Hazards, IReadOnlyList<CodeRow> Codes,
    IReadOnlyList<TracedScenario> Scenarios)
{
    public int Covered => Rows.Where(r => r.Verdict != TraceRow.NotCovered).Select(r => r.Requirement.Id).Distinct().Count();
    public IEnumerable<Requirement> Gaps => Rows.Where(r => r.Verdict == TraceRow.NotCovered).Select(r => r.Requirement);
    /// <summary>Expectations (of all scenarios traced, cited or not) that are not as they should be: fail or unexpected pass.</summary>
    public int Failing => Scenarios.Sum(s => s.Outcomes.Count(o => !o.Ok));

    public static TraceMatrix Build(RequirementCatalog catalog, IReadOnlyList<TracedScenario> scenarios)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(scenarios);
        var rows = new List<TraceRow>();
        foreach (var req in catalog.Requirements)
        {
            var before = rows.Count;
            foreach (var s in scenarios)
            {
                if (s.Scenario.Verifies.Contains(req.Id))
                    rows.Add(new TraceRow(req, s.Scenario.Plan.Id, s.File, 0, $"the whole scenario ({s.Outcomes.Count} expectations)", s.Verdict,
                        $"{s.Outcomes.Count(o => o.Ok)} of {s.Outcomes.Count} as expected"));
                for (var i = 0; i < s.Scenario.Expectations.Count && i < s.Outcomes.Count; i++)
                {
                    var e = s.Scenario.Expectations[i];
                    if (!e.Verifies.Contains(req.Id)) continue;
                    var o = s.Outcomes[i];
                    var detail = o.KnownDefect is { } why ? $"{o.Detail} (known defect: {why})" : o.Detail;
                    rows.Add(new TraceRow(req, s.Scenario.Plan.Id, s.File, e.Line, o.Text, o.Verdict, detail));
                }
            }
            if (rows.Count == before) rows.Add(new TraceRow(req, null, null, 0, "", TraceRow.NotCovered, "no expectation verifies this requirement"));
        }
        var hazards = catalog.Hazards.Select(h => new HazardRow(h, scenarios.Where(s => s.Scenario.Hazards.Contains(h.Id)).ToArray())).ToArray();
        var codes = catalog.Codes.Select(c => new CodeRow(c, scenarios.Where(s => s.Scenario.Codes.Contains(c.Code)).ToArray())).ToArray();
        return new TraceMatrix(catalog, rows, hazards, codes, scenarios);
    }
}
