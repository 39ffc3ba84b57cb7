using PumpSim.Scenarios.Requirements;

namespace PumpSim.Scenarios.Tests.Requirements;

/// <summary>requirements.yaml and the evidence keys of scenarios (issue 22): ids are checked against the nearest
/// catalog above the scenario file, with located errors; files that cite nothing load as before.</summary>
public class RequirementsTests
{
    private const string CatalogText = """
        requirements:
          - id: REQ-ALARM-LOW-RESERVOIR
            text: The low-reservoir alarm is raised at the threshold.
            source: PUMP.md §5
        hazards:
          - { id: HAZ-UNDER-INFUSION, hazard: less drug, situation: fraction of the dose, harm: withdrawal, source: PUMP.md §4 }
        problem_codes:
          - { code: 2182, term: Under-infusion, source: issue 22 }
        """;

    private static string Folder(string? catalog = CatalogText)
    {
        var dir = Path.Combine(Path.GetTempPath(), "pumpsim-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(dir, "sub"));
        if (catalog is not null) File.WriteAllText(Path.Combine(dir, RequirementCatalog.FileName), catalog);
        return dir;
    }

    private static string Scenario(string dir, string body)
    {
        var file = Path.Combine(dir, "sub", "s.yaml");
        File.WriteAllText(file, body);
        return file;
    }

    [Fact]
    public void Catalog_ReadsRequirementsHazardsAndCodes()
    {
        var c = RequirementsReader.Parse(CatalogText, "r.yaml");
        c.Requirements.Single().Should().Be(new Requirement("REQ-ALARM-LOW-RESERVOIR", "The low-reservoir alarm is raised at the threshold.", "PUMP.md §5"));
        c.Hazards.Single().Harm.Should().Be("withdrawal");
        c.Codes.Single().Code.Should().Be(2182);
    }

    [Theory]
    [InlineData("requirements:\n  - { id: REQ-A, text: t, source: s }\n  - { id: REQ-A, text: u, source: s }\n", 3, 11, "'REQ-A' is listed twice")]
    [InlineData("requirements:\n  - { id: req-a, text: t, source: s }\n", 2, 11, "'req-a' is not a requirement id")]
    [InlineData("requirements:\n  - { id: REQ-A, text: t, sorce: s }\n", 2, 27, "unknown key 'sorce'")]
    [InlineData("requirements:\n  - { id: REQ-A, text: t, source: \"  \" }\n", 2, 35, "'source' is empty")]
    [InlineData("requirements:\n  - { id: REQ-A, text: t }\n", 2, 5, "missing 'source'")]
    public void Catalog_Mistakes_AreLocated(string text, int line, int column, string message)
    {
        var act = () => RequirementsReader.Parse(text, "r.yaml");
        var e = act.Should().Throw<ScenarioException>().Which;
        (e.File, e.Line, e.Column).Should().Be(("r.yaml", line, column));
        e.Reason.Should().Contain(message);
    }

    [Fact]
    public void Scenario_CitingKnownIds_Loads_WithThemOnTheScenarioAndItsExpectation()
    {
        var file = Scenario(Folder(), """
            duration: 1d
            verifies: [REQ-ALARM-LOW-RESERVOIR]
            hazards: [HAZ-UNDER-INFUSION]
            codes: [2182]
            expect:
              - { alarm: low-reservoir, never: true, verifies: [REQ-ALARM-LOW-RESERVOIR], known_defect: "DEF-7: why" }
            """);
        var s = ScenarioLoader.Load(file);
        s.Verifies.Should().Equal("REQ-ALARM-LOW-RESERVOIR");
        s.Hazards.Should().Equal("HAZ-UNDER-INFUSION");
        s.Codes.Should().Equal(2182);
        s.Expectations.Single().Verifies.Should().Equal("REQ-ALARM-LOW-RESERVOIR");
        s.Expectations.Single().KnownDefect.Should().Be("DEF-7: why");
    }

    [Fact]
    public void Scenario_CitingAnUnknownRequirement_IsAnErrorAtItsLineAndColumn_WithAHint()
    {
        var file = Scenario(Folder(), "duration: 1d\nexpect:\n  - { alarm: low-reservoir, never: true, verifies: [REQ-ALARM-LOW-RESERVIOR] }\n");
        var act = () => ScenarioLoader.Load(file);
        var e = act.Should().Throw<ScenarioException>().Which;
        (e.Line, e.Column).Should().Be((3, 53));
        e.Reason.Should().Contain("unknown requirement 'REQ-ALARM-LOW-RESERVIOR'").And.Contain("did you mean 'REQ-ALARM-LOW-RESERVOIR'");
    }

    [Theory]
    [InlineData("hazards: [HAZ-OVERDOSE]", "unknown hazard 'HAZ-OVERDOSE'")]
    [InlineData("codes: [1395]", "unknown problem code '1395'")]
    public void Scenario_CitingAnUnknownHazardOrCode_IsAnError(string line, string message)
    {
        var file = Scenario(Folder(), $"duration: 1d\n{line}\n");
        var act = () => ScenarioLoader.Load(file);
        var e = act.Should().Throw<ScenarioException>().Which;
        (e.Line, e.Column).Should().Be((2, line.IndexOf('[') + 2));
        e.Reason.Should().Contain(message);
    }

    [Fact]
    public void Scenario_CitingIds_WithNoCatalogAbove_LoadsUnchecked_SoACopiedScenarioStillRuns()
    {
        // A fresh folder under the temp root: no requirements.yaml in it or (normally) above it.
        var file = Scenario(Folder(catalog: null), "duration: 1d\nverifies: [REQ-X]\n");
        if (RequirementCatalog.FindAbove(Path.GetDirectoryName(file)!) is not null) return; // someone left one in /tmp
        ScenarioLoader.Load(file).Verifies.Should().Equal("REQ-X");
    }

    [Fact]
    public void Scenario_WithoutEvidenceKeys_IgnoresEvenABrokenCatalog()
    {
        var file = Scenario(Folder(catalog: "not: [a catalog"), "duration: 1d\n");
        ScenarioLoader.Load(file).Verifies.Should().BeEmpty();
    }

    [Theory]
    [InlineData("verifies: [req-x]", "'verifies' expects ids such as REQ-LOW-RESERVOIR")]
    [InlineData("hazards: [REQ-X]", "'hazards' expects ids such as HAZ-LOW-RESERVOIR")]
    [InlineData("codes: [0]", "FDA device problem codes (1 to 9999)")]
    [InlineData("verifies: [REQ-X, REQ-X]", "'REQ-X' is listed twice")]
    public void EvidenceKeys_OfTheWrongForm_AreRefusedByTheParserAlone(string line, string message)
    {
        var act = () => ScenarioLoader.Parse($"duration: 1d\n{line}\n", "x.yaml");
        act.Should().Throw<ScenarioException>().Which.Reason.Should().Contain(message);
    }

    [Fact]
    public void KnownDefect_TurnsAFailureIntoAnExpectedOne_AndAPassIntoAnUnexpectedOne()
    {
        var s = ScenarioLoader.Parse("""
            duration: 1d
            expect:
              - { alarm: low-reservoir, known_defect: "never raised in a day" }
              - { alarm: low-reservoir, never: true, known_defect: "claims a bug that is not there" }
            """, "x.yaml");
        var result = PumpSim.Core.Engine.Simulation.Run(s.Plan);
        var outcomes = s.Expectations.Select(e => e.Evaluate(result)).ToArray();
        (outcomes[0].Passed, outcomes[0].Ok, outcomes[0].Verdict).Should().Be((false, true, "expected-failure"));
        (outcomes[1].Passed, outcomes[1].Ok, outcomes[1].Verdict).Should().Be((true, false, "unexpected-pass"));
        outcomes[0].KnownDefect.Should().Be("never raised in a day");
    }
}
