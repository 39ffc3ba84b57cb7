using System.Xml.Linq;
using System.Xml.Schema;
using PumpSim.Core.Events;

namespace PumpSim.Reports.Tests;

public class JUnitWriterTests
{
    private static XDocument Written(params ScenarioOutcome[] scenarios) =>
        XDocument.Parse(Render.Stream(s => JUnitWriter.Write(s, scenarios)));

    [Fact]
    public void JUnit_HasOneTestcasePerExpectation_AndAFailureForTheFailedOne()
    {
        var doc = Written(new ScenarioOutcome("lra-demo", SampleRun.Expectations()));
        var suite = doc.Root!.Elements("testsuite").Should().ContainSingle().Subject;
        suite.Attribute("name")!.Value.Should().Be("lra-demo");
        suite.Attribute("tests")!.Value.Should().Be("3");
        suite.Attribute("failures")!.Value.Should().Be("1");
        var cases = suite.Elements("testcase").ToList();
        cases.Select(c => c.Attribute("name")!.Value).Should().Equal(SampleRun.Expectations().Select(e => e.Text));
        cases.Should().OnlyContain(c => c.Attribute("classname")!.Value == "lra-demo" && c.Attribute("time")!.Value == "0");
        var failure = cases[1].Element("failure");
        failure.Should().NotBeNull();
        failure!.Attribute("message")!.Value.Should().Be("motor-stall raised at 2026-01-21T04:48:00Z");
        cases[0].Element("failure").Should().BeNull();
        cases[2].Element("failure").Should().BeNull();
    }

    [Fact]
    public void JUnit_HasOneSuitePerScenario_WithTotalsAndNoTimestamps()
    {
        var doc = Written(new ScenarioOutcome("a", SampleRun.Expectations()), new ScenarioOutcome("b", [new ExpectationOutcome("x", false, "bad\u0001char")]));
        doc.Root!.Elements("testsuite").Select(s => s.Attribute("name")!.Value).Should().Equal("a", "b");
        doc.Root.Attribute("tests")!.Value.Should().Be("4");
        doc.Root.Attribute("failures")!.Value.Should().Be("2");
        doc.Descendants().Attributes().Select(a => a.Name.LocalName).Should().NotContain(["timestamp", "hostname"]);
        doc.Descendants("failure").Last().Attribute("message")!.Value.Should().Be("bad\uFFFDchar");
    }

    /// <summary>Validates with the local restatement of Jenkins xunit-plugin's junit-10.xsd (Schemas/junit-10.xsd).</summary>
    private static List<string> SchemaErrors(string xml)
    {
        var schemas = new System.Xml.Schema.XmlSchemaSet();
        schemas.Add(null, Path.Combine(AppContext.BaseDirectory, "Schemas", "junit-10.xsd"));
        var errors = new List<string>();
        XDocument.Parse(xml).Validate(schemas, (_, e) => errors.Add(e.Message));
        return errors;
    }

    [Fact]
    public void Output_is_valid_under_the_Jenkins_xunit_junit_10_schema()
    {
        var xml = Render.Stream(s => JUnitWriter.Write(s, [
            new ScenarioOutcome("lra-demo", SampleRun.Expectations(), File: "scenarios/a.yaml", Elapsed: TimeSpan.FromMilliseconds(1234)),
            new ScenarioOutcome("broken", [], "broken.yaml:2:3: error: unknown key", "broken.yaml", TimeSpan.FromMilliseconds(5)),
            new ScenarioOutcome("untimed", [new ExpectationOutcome("x", true, "")]),
        ]));
        SchemaErrors(xml).Should().BeEmpty(xml);
    }

    [Fact]
    public void The_schema_refuses_what_Jenkins_refused()
    {
        // The test can fail: the old output's skipped attribute on <testsuites> must be caught by the copy of the XSD.
        SchemaErrors("<testsuites skipped=\"0\"><testsuite name=\"a\" tests=\"0\" failures=\"0\" errors=\"0\"/></testsuites>")
            .Should().ContainSingle().Which.Should().Contain("skipped");
        SchemaErrors("<testsuites time=\"1e-3\"/>").Should().NotBeEmpty("an exponent is not a SUREFIRE_TIME");
    }

    [Fact]
    public void Times_are_the_measured_seconds_shared_evenly_among_the_cases()
    {
        // 1.5 s over 3 expectations: suite "1.500", each case 1500 ms / 3 = "0.500"; a second suite of 250 ms with one
        // load-error case: "0.250"; testsuites = 1500 + 250 ms = "1.750".
        var doc = Written(new ScenarioOutcome("a", SampleRun.Expectations(), Elapsed: TimeSpan.FromMilliseconds(1500)),
            new ScenarioOutcome("b", [], "b.yaml:1:1: error: x", "b.yaml", TimeSpan.FromMilliseconds(250)));
        doc.Root!.Attribute("time")!.Value.Should().Be("1.750");
        doc.Root.Attribute("skipped").Should().BeNull();
        var suites = doc.Root.Elements("testsuite").ToList();
        suites.Select(s => s.Attribute("time")!.Value).Should().Equal("1.500", "0.250");
        suites[0].Elements("testcase").Select(c => c.Attribute("time")!.Value).Should().Equal("0.500", "0.500", "0.500");
        suites[1].Element("testcase")!.Attribute("time")!.Value.Should().Be("0.250");
    }

    [Fact]
    public void JUnit_WritingTwice_IsByteIdentical()
    {
        var s = new ScenarioOutcome("lra-demo", SampleRun.Expectations());
        Render.Bytes(o => JUnitWriter.Write(o, [s])).Should().Equal(Render.Bytes(o => JUnitWriter.Write(o, [s])));
    }
}

/// <summary>known_defect (issue 22): an expected failure is a &lt;skipped&gt; case, an unexpected pass a failure.</summary>
public class JUnitKnownDefectTests
{
    private static readonly ExpectationOutcome ExpectedFailure = new("alarm x raised", false, "never raised") { KnownDefect = "DEF-1: x is not modelled" };
    private static readonly ExpectationOutcome UnexpectedPass = new("alarm y raised", true, "raised at 1d") { KnownDefect = "DEF-2: y was broken" };

    [Fact]
    public void KnownDefect_ThatFails_IsSkippedWithItsReason_AndNotAFailure()
    {
        var doc = System.Xml.Linq.XDocument.Parse(Render.Stream(s => JUnitWriter.Write(s, [new ScenarioOutcome("s", [ExpectedFailure])])));
        var suite = doc.Root!.Element("testsuite")!;
        suite.Attribute("failures")!.Value.Should().Be("0");
        suite.Attribute("skipped")!.Value.Should().Be("1");
        doc.Root.Attribute("failures")!.Value.Should().Be("0");
        var skipped = suite.Element("testcase")!.Element("skipped");
        skipped.Should().NotBeNull();
        skipped!.Attribute("message")!.Value.Should().Be("known defect: DEF-1: x is not modelled — never raised");
        suite.Element("testcase")!.Element("failure").Should().BeNull();
    }

    [Fact]
    public void KnownDefect_ThatPasses_IsAFailure_SoAFixCannotLandUnnoticed()
    {
        var doc = System.Xml.Linq.XDocument.Parse(Render.Stream(s => JUnitWriter.Write(s, [new ScenarioOutcome("s", [UnexpectedPass])])));
        var suite = doc.Root!.Element("testsuite")!;
        suite.Attribute("failures")!.Value.Should().Be("1");
        suite.Attribute("skipped")!.Value.Should().Be("0");
        var failure = suite.Element("testcase")!.Element("failure")!;
        failure.Attribute("type")!.Value.Should().Be("unexpected-pass");
        failure.Attribute("message")!.Value.Should().StartWith("unexpected pass: marked known_defect (DEF-2: y was broken)");
    }

    [Fact]
    public void KnownDefects_AreValidUnderTheJenkinsSchema()
    {
        var xml = Render.Stream(s => JUnitWriter.Write(s, [new ScenarioOutcome("s", [ExpectedFailure, UnexpectedPass, new ExpectationOutcome("z", true, "ok")])]));
        var schemas = new System.Xml.Schema.XmlSchemaSet();
        schemas.Add(null, Path.Combine(AppContext.BaseDirectory, "Schemas", "junit-10.xsd"));
        var errors = new List<string>();
        System.Xml.Schema.Extensions.Validate(System.Xml.Linq.XDocument.Parse(xml), schemas, (_, e) => errors.Add(e.Message));
        errors.Should().BeEmpty(xml);
    }
}
