using System.Text.RegularExpressions;

namespace PumpSim.Reports.Tests;

public class HtmlReportWriterTests
{
    private static string Written(ReportInput? input = null) => Render.Text(w => HtmlReportWriter.Write(w, input ?? SampleRun.Report()));

    private static int Count(string text, string what) => Regex.Matches(text, Regex.Escape(what)).Count;

    [Fact]
    public void Report_HasFiveChartsAndTheTimelineAsInlineSvg()
    {
        var html = Written();
        Count(html, "<figure class=\"chart\">").Should().Be(5);
        Count(html, "<svg").Should().Be(6); // five ScottPlot charts + the hand-drawn alarm timeline
        html.Should().NotContain("<?xml");
    }

    [Fact]
    public void Report_WithoutPatientData_LeavesThePatientChartOut()
    {
        var r = SampleRun.Result();
        var noPatient = r with { Telemetry = r.Telemetry.Select(s => s with { PatientEffectPct = null, PatientSpasticity = null }).ToList() };
        var html = Written(SampleRun.Report() with { Result = noPatient });
        Count(html, "<figure class=\"chart\">").Should().Be(4);
        html.Should().NotContain("Patient effect");
    }

    [Fact]
    public void Report_ShowsTheDisclaimerBeforeTheSummary()
    {
        var html = Written();
        html.Should().Contain("Illustrative simulation for training and testing — not for clinical decisions; patient figures are illustrative.");
        html.IndexOf("class=\"disclaimer\"", StringComparison.Ordinal).Should().BeLessThan(html.IndexOf("id=\"summary\"", StringComparison.Ordinal));
        html.Should().Contain("(illustrative only)");
    }

    [Fact]
    public void Report_ReferencesNothingOnTheNetwork()
    {
        var html = Written();
        var refs = Regex.Matches(html, @"\b(?:src|href)\s*=\s*[""']?([^""'\s>]*)", RegexOptions.IgnoreCase).Select(m => m.Groups[1].Value).ToList();
        refs.Should().NotContain(r => r.Contains("//", StringComparison.Ordinal));
        html.Should().NotContainAny("<script", "<link", "@import", "url(http", "<img");
        // The only URLs left are SVG namespace declarations.
        var urls = Regex.Matches(html, @"https?://[^""'\s]+").Select(m => m.Value).Distinct().ToList();
        urls.Should().OnlyContain(u => u == "http://www.w3.org/2000/svg" || u == "http://www.w3.org/1999/xlink");
    }

    [Fact]
    public void Report_EscapesNarrationAndOtherUserText()
    {
        var html = Written();
        html.Should().Contain("Dose ≥ 100 mcg/day + &quot;quoted&quot; &lt;b&gt;bold&lt;/b&gt; &amp; café");
        html.Should().NotContain("<b>bold</b>");
        html.Should().Contain("<title>PumpSim report: Low reservoir &amp; refill &lt;demo&gt;</title>");
        html.Should().Contain("no &quot;critical&quot; alarm &lt;ever&gt;");
    }

    [Fact]
    public void Report_NarrationIsInTimeOrder_AndExpectationsShowPassAndFail()
    {
        var html = Written();
        html.IndexOf("&amp; café", StringComparison.Ordinal).Should().BeLessThan(html.IndexOf("Refill done", StringComparison.Ordinal));
        Count(html, "<td class=\"pass\">PASS</td>").Should().Be(2);
        Count(html, "<td class=\"fail\">FAIL</td>").Should().Be(1);
        html.Should().Contain("still active at end");
    }

    [Fact]
    public void Report_ElementIds_AreUniqueAcrossThePage()
    {
        var ids = Regex.Matches(Written(), @"\bid=""([^""]+)""").Select(m => m.Groups[1].Value).ToList();
        ids.Should().NotBeEmpty().And.OnlyHaveUniqueItems();
    }

    [Fact]
    public void Report_WritingTwice_IsByteIdentical()
    {
        var a = Render.Bytes(OutputFile.Text("r", w => HtmlReportWriter.Write(w, SampleRun.Report())).Write);
        var b = Render.Bytes(OutputFile.Text("r", w => HtmlReportWriter.Write(w, SampleRun.Report())).Write);
        b.Should().Equal(a);
    }

    [Fact]
    public void Report_AnEmptyRun_StillRenders()
    {
        var r = SampleRun.Result() with { Telemetry = [], Events = [], Alarms = [] };
        var html = Written(SampleRun.Report() with { Result = r, Expectations = [] });
        html.Should().Contain("No telemetry").And.Contain("No alarm was raised").And.EndWith("</html>\n");
    }
}

public class SvgNormaliserTests
{
    [Fact]
    public void Svg_RenumbersIdsInOrder_AddsAViewBoxAndDropsTheDeclaration()
    {
        const string raw = "<?xml version=\"1.0\" encoding=\"utf-8\" ?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"880\" height=\"340\">\n\t<clipPath id=\"cl_9\"><rect/></clipPath>\n\t<g clip-path=\"url(#cl_9)\"/><clipPath id=\"cl_3\"/><g clip-path=\"url(#cl_3)\"/>\n</svg>";
        SvgNormaliser.Normalise(raw, "p-").Should().Be(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"880\" height=\"340\" viewBox=\"0 0 880 340\">\n <clipPath id=\"p-0\"><rect/></clipPath>\n <g clip-path=\"url(#p-0)\"/><clipPath id=\"p-1\"/><g clip-path=\"url(#p-1)\"/>\n</svg>");
    }
}

public class AlarmTimelineSvgTests
{
    [Fact]
    public void Timeline_HasOneBarPerAlarmColouredByPriority_AndTicksForMarkedEvents()
    {
        var svg = AlarmTimelineSvg.Render(SampleRun.Result());
        Regex.Matches(svg, "fill=\"#c0392b\"><title>motor-stall").Count.Should().Be(1);
        Regex.Matches(svg, "fill=\"#e6a117\"><title>low-reservoir").Count.Should().Be(1);
        svg.Should().Contain("still active at end");
        // A tick's hover text is the event's sentence from Core's EventWords.
        Regex.Matches(svg, "<title>[^<]* (Refill: |The program changes to )[^<]*</title></line>").Count.Should().Be(2);
        // The grid is drawn before the bars, so bars are never covered by it.
        svg.IndexOf("stroke=\"#ccc\"", StringComparison.Ordinal).Should().BeLessThan(svg.IndexOf("<title>", StringComparison.Ordinal));
    }

    [Fact]
    public void Timeline_LongRuns_GetRoundDayLabels()
    {
        var r = SampleRun.Result();
        var svg = AlarmTimelineSvg.Render(r with { End = r.Start + PumpSim.Core.Units.SimDuration.FromDays(365) });
        svg.Should().Contain(">60</text>").And.Contain(">360</text>").And.NotContain(">37</text>");
    }
}
