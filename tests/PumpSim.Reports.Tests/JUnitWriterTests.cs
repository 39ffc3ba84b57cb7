using System.Xml.Linq;
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

    [Fact]
    public void JUnit_WritingTwice_IsByteIdentical()
    {
        var s = new ScenarioOutcome("lra-demo", SampleRun.Expectations());
        Render.Bytes(o => JUnitWriter.Write(o, [s])).Should().Equal(Render.Bytes(o => JUnitWriter.Write(o, [s])));
    }
}
