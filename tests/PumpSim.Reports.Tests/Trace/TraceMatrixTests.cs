using System.Xml.Linq;
using PumpSim.Core.Events;
using PumpSim.Reports.Trace;
using PumpSim.Scenarios;
using PumpSim.Scenarios.Requirements;

namespace PumpSim.Reports.Tests.Trace;

/// <summary>The traceability matrix and its files (issue 22): a row per requirement × verifying expectation,
/// a not-covered row for a requirement nothing verifies, hazards with their scenarios, and ReqIF.</summary>
public class TraceMatrixTests
{
    private static readonly RequirementCatalog Catalog = RequirementsReader.Parse("""
        requirements:
          - { id: REQ-A, text: "A shall happen", source: "PUMP.md §1" }
          - { id: REQ-B, text: "B shall happen", source: "PUMP.md §2" }
          - { id: REQ-C, text: "C, \"quoted\", shall happen", source: "label" }
        hazards:
          - { id: HAZ-X, hazard: "x", situation: "sx", harm: "hx", source: "s" }
          - { id: HAZ-Y, hazard: "y", situation: "sy", harm: "hy", source: "s" }
        problem_codes:
          - { code: 2182, term: "Under-infusion", source: "issue 22" }
        """, "requirements.yaml");

    private static TracedScenario Scenario()
    {
        var s = ScenarioLoader.Parse("""
            scenario: demo
            verifies: [REQ-B]
            hazards: [HAZ-X]
            codes: [2182]
            duration: 1d
            expect:
              - { alarm: low-reservoir, never: true, verifies: [REQ-A] }
              - { event: refill, count: 0 }
            """, "demo.yaml");
        return new TracedScenario("demo.yaml", s, [new ExpectationOutcome("alarm low-reservoir never raised", true, "never raised"),
            new ExpectationOutcome("no refill", false, "1 refill")]);
    }

    private static TraceMatrix Matrix() => TraceMatrix.Build(Catalog, [Scenario()]);

    [Fact]
    public void Rows_AreRequirementTimesVerifyingExpectation_AndAGapIsARow()
    {
        var m = Matrix();
        m.Rows.Select(r => (r.Requirement.Id, r.Verdict)).Should().Equal(
            ("REQ-A", "pass"),        // the expectation that names it
            ("REQ-B", "fail"),        // the whole scenario: one of its two expectations fails
            ("REQ-C", "not-covered"));
        m.Rows[0].Line.Should().Be(7, "the expectation's line in the file");
        m.Covered.Should().Be(2);
        m.Gaps.Select(r => r.Id).Should().Equal("REQ-C");
        m.Failing.Should().Be(1);
    }

    [Fact]
    public void Hazards_ListTheScenariosThatExerciseThem_AndNoneWhenNoneDoes()
    {
        var m = Matrix();
        m.Hazards.Select(h => (h.Hazard.Id, h.Scenarios.Count)).Should().Equal(("HAZ-X", 1), ("HAZ-Y", 0));
        m.Codes.Single().Scenarios.Single().Scenario.Plan.Id.Should().Be("demo");
    }

    [Fact]
    public void Csv_QuotesText_AndHasTheGapRow()
    {
        var csv = Render.Text(w => TraceFiles.WriteCsv(w, Matrix())).Split('\n');
        csv[0].Should().Be("requirement,requirement_text,source,scenario,file,line,expectation,verdict,detail");
        csv[1].Should().Be("REQ-A,A shall happen,PUMP.md §1,demo,demo.yaml,7,alarm low-reservoir never raised,pass,never raised");
        csv[3].Should().Be("REQ-C,\"C, \"\"quoted\"\", shall happen\",label,,,,,not-covered,no expectation verifies this requirement");
    }

    [Fact]
    public void Csv_DefusesCellsASpreadsheetWouldRunAsAFormula() =>
        TraceFiles.Cell("=HYPERLINK(\"x\")").Should().Be("\"'=HYPERLINK(\"\"x\"\")\"");

    [Fact]
    public void Html_IsOnePageWithNoScriptOrFetch_AndEscapesText()
    {
        var html = Render.Text(w => TraceHtml.Write(w, Matrix()));
        html.Should().Contain("class=\"gap\"").And.Contain("not-covered").And.Contain("HAZ-Y");
        html.Should().Contain("C, &quot;quoted&quot;, shall happen");
        html.Should().NotContain("<script").And.NotContain("src=").And.NotContain("href=");
        html.Should().Contain("not a medical device");
    }

    /// <summary>ReqIF 1.2's structure, checked as an importer reads it: the namespace, a header with the required
    /// elements in order, every IDENTIFIER unique, every -REF resolving to a defined IDENTIFIER of the right element,
    /// one SPEC-OBJECT per requirement with its values, and the hierarchy listing each once.</summary>
    [Fact]
    public void ReqIf_IsWellFormed_WithTheReqIfStructure_AndEveryReferenceResolves()
    {
        var text = Render.Stream(s => ReqIfWriter.Write(s, Matrix(), "1.2.3"));
        var doc = XDocument.Parse(text);
        XNamespace ns = "http://www.omg.org/spec/ReqIF/20110401/reqif.xsd";
        doc.Root!.Name.Should().Be(ns + "REQ-IF");
        doc.Root.Elements().Select(e => e.Name.LocalName).Should().Equal("THE-HEADER", "CORE-CONTENT");
        doc.Root.Element(ns + "THE-HEADER")!.Element(ns + "REQ-IF-HEADER")!.Elements().Select(e => e.Name.LocalName)
            .Should().Equal("COMMENT", "CREATION-TIME", "REQ-IF-TOOL-ID", "REQ-IF-VERSION", "SOURCE-TOOL-ID", "TITLE");
        var content = doc.Descendants(ns + "REQ-IF-CONTENT").Single();
        content.Elements().Select(e => e.Name.LocalName).Should().Equal("DATATYPES", "SPEC-TYPES", "SPEC-OBJECTS", "SPEC-RELATIONS", "SPECIFICATIONS");

        var ids = doc.Descendants().Where(e => e.Attribute("IDENTIFIER") is not null).ToDictionary(e => e.Attribute("IDENTIFIER")!.Value, e => e.Name.LocalName);
        doc.Descendants().Count(e => e.Attribute("IDENTIFIER") is not null).Should().Be(ids.Count, "identifiers are unique");
        // Every Identifiable carries LAST-CHANGE; the header is not one (it has only IDENTIFIER).
        doc.Descendants().Where(e => e.Attribute("IDENTIFIER") is not null && e.Name.LocalName != "REQ-IF-HEADER")
            .Should().OnlyContain(e => e.Attribute("LAST-CHANGE") != null);
        foreach (var r in doc.Descendants().Where(e => e.Name.LocalName.EndsWith("-REF", StringComparison.Ordinal)))
        {
            ids.Should().ContainKey(r.Value, $"{r.Name.LocalName} {r.Value} must name a defined element");
            ids[r.Value].Should().Be(r.Name.LocalName[..^4], $"{r.Name.LocalName} points to a {r.Name.LocalName[..^4]}");
        }
        var objects = content.Element(ns + "SPEC-OBJECTS")!.Elements(ns + "SPEC-OBJECT").ToArray();
        objects.Select(o => o.Attribute("IDENTIFIER")!.Value).Should().Equal("REQ-A", "REQ-B", "REQ-C");
        objects.Should().OnlyContain(o => o.Elements().Select(e => e.Name.LocalName).SequenceEqual(new[] { "VALUES", "TYPE" }));
        string Value(XElement o, string def) => o.Descendants(ns + "ATTRIBUTE-VALUE-STRING")
            .Single(v => v.Descendants(ns + "ATTRIBUTE-DEFINITION-STRING-REF").Single().Value == def).Attribute("THE-VALUE")!.Value;
        Value(objects[2], "ad-coverage").Should().Be("not-covered");
        Value(objects[1], "ad-verdict").Should().Be("fail");
        Value(objects[0], "ad-text").Should().Be("A shall happen");
        doc.Descendants(ns + "SPEC-HIERARCHY").Select(h => h.Element(ns + "OBJECT")!.Element(ns + "SPEC-OBJECT-REF")!.Value)
            .Should().Equal("REQ-A", "REQ-B", "REQ-C");
        doc.Descendants(ns + "SPEC-HIERARCHY").Should().OnlyContain(h => h.Elements().Select(e => e.Name.LocalName).SequenceEqual(new[] { "OBJECT" }));
    }

    [Fact]
    public void Files_AreTheSameBytes_FromTheSameInputs()
    {
        foreach (var f in TraceFiles.Files(Matrix(), "1.2.3"))
            Render.Bytes(f.Write).Should().Equal(Render.Bytes(TraceFiles.Files(Matrix(), "1.2.3").Single(g => g.Name == f.Name).Write), f.Name);
    }
}
