using System.Text.RegularExpressions;
using PumpSim.Core.Events;
using PumpSim.Core.Units;

namespace PumpSim.Reports.Tests;

public class ReportChartsTests
{
    private static SimulationResult WithFlags()
    {
        var r = SampleRun.Result();
        var events = r.Events.Concat([
            new PatientFlagRaised("overdose-risk", 0) { At = SampleRun.At(3), Sequence = 20 },
            new PatientFlagCleared("overdose-risk", 0) { At = SampleRun.At(5), Sequence = 21 },
            new PatientFlagRaised("withdrawal-risk", 0) { At = SampleRun.At(8), Sequence = 22 },
        ]).ToList();
        return r with { Events = events };
    }

    [Fact]
    public void EveryChart_IsOneNamedImage_ForAssistiveTechnology()
    {
        var input = SampleRun.Report();
        var days = ReportCharts.Days(input.Result);
        var charts = new[]
        {
            ReportCharts.Reservoir(input, days), ReportCharts.DoseRate(input, days), ReportCharts.CumulativeDose(input, days),
            ReportCharts.Battery(input, days), ReportCharts.PatientEffect(input, days),
        };
        var labels = charts.Select(svg => Regex.Match(svg, @"^<svg role=""img"" aria-label=""([^""]+)""")).ToList();
        labels.Should().OnlyContain(m => m.Success);
        labels.Select(m => m.Groups[1].Value).Should().OnlyHaveUniqueItems();
        labels[4].Groups[1].Value.Should().Contain("Illustrative");
    }

    [Fact]
    public void FlagIntervals_PairRaiseAndClear_AndOpenOnesRunToTheEnd()
    {
        var iv = ReportCharts.FlagIntervals(WithFlags());
        iv.Should().Equal(
            new ReportCharts.FlagInterval("overdose-risk", SampleRun.At(3), SampleRun.At(5)),
            new ReportCharts.FlagInterval("withdrawal-risk", SampleRun.At(8), null));
    }

    [Fact]
    public void PatientChart_ShowsALabelledBandPerFlagInDistinctColours()
    {
        var input = SampleRun.Report() with { Result = WithFlags() };
        var svg = ReportCharts.PatientEffect(input, ReportCharts.Days(input.Result));
        svg.Should().Contain("flag raised: overdose risk").And.Contain("flag raised: withdrawal risk");
        svg.Should().NotContain("flag raised: underdose");
        ReportCharts.FlagColour("overdose-risk").Should().NotBe(ReportCharts.FlagColour("withdrawal-risk"));
        svg.ToUpperInvariant().Should().Contain(ChartPalette.RiskOverdose.ToUpperInvariant());

        var plain = ReportCharts.PatientEffect(SampleRun.Report(), ReportCharts.Days(SampleRun.Result()));
        plain.Should().NotContain("flag raised");
    }

    [Fact]
    public void CumulativeChart_SaysLeakedToTissue_WithoutAPocket()
    {
        var html = Render.Text(w => HtmlReportWriter.Write(w, SampleRun.Report()));
        html.Should().Contain(ReportCharts.LeakedToTissueLabel).And.NotContain("leaked (catheter fault)");
        html.Should().NotContain("into the pocket (refill needle");
    }

    [Fact]
    public void CumulativeChart_APocketFill_IsSplitOffAsItsOwnSeries()
    {
        var r = SampleRun.Result();
        // 500 mcg injected into the pocket at day 5: telemetry's leaked total includes it from then on.
        var fillAt = SampleRun.At(5);
        var t = r.Telemetry.Select(s => s.At >= fillAt ? s with { LeakedMcgCumulative = s.LeakedMcgCumulative + 500 } : s).ToList();
        var events = r.Events.Append(new PocketFill(1.0, 500.0, 0, 0) { At = fillAt, Sequence = 30 }).ToList();
        var withFill = r with { Telemetry = t, Events = events, Totals = r.Totals with { PocketMcg = 500 } };

        var (catheter, pocket) = ReportCharts.SplitLost(withFill);
        for (var i = 0; i < t.Count; i++)
        {
            pocket[i].Should().Be(t[i].At >= fillAt ? 500 : 0);
            catheter[i].Should().BeApproximately(r.Telemetry[i].LeakedMcgCumulative, 1e-9);
        }
        ReportCharts.CatheterLossLabel(withFill).Should().Be(ReportCharts.LeakedToTissueLabel);
        var svg = ReportCharts.CumulativeDose(SampleRun.Report() with { Result = withFill }, ReportCharts.Days(withFill));
        svg.Should().Contain("into the pocket (refill needle missed the reservoir)");

        // Pocket drug that no fill explains came through a disconnect: the label owns up to it.
        ReportCharts.CatheterLossLabel(withFill with { Totals = r.Totals with { PocketMcg = 600 } })
            .Should().Be(ReportCharts.LeakedOrDisconnectLabel);
    }

    [Fact]
    public void BatteryChart_AxisIsCappedWhenANewPumpJumps_AndTheEriLineIsDrawn()
    {
        ReportCharts.BatteryCap([95, 50, 0, 2776]).Should().Be(285);
        ReportCharts.BatteryCap([40, 20, 0, 2776]).Should().Be(180);
        ReportCharts.BatteryCap([95, 50, 0]).Should().BeNull();

        var r = SampleRun.Result();
        var n = r.Telemetry.Count;
        var t = r.Telemetry.Select((s, i) => s with { BatteryDaysRemaining = i < n - 5 ? Math.Max(0, 95 - i) : 2776 }).ToList();
        var input = SampleRun.Report() with { Result = r with { Telemetry = t } };
        var svg = ReportCharts.Battery(input, ReportCharts.Days(input.Result));
        svg.Should().Contain("elective replacement indicator (90 days)").And.Contain("off scale: 2776 days (new battery)");
        ReportCharts.Battery(SampleRun.Report(), ReportCharts.Days(SampleRun.Result())).Should().NotContain("off scale");
    }
}

public class TimelineLabelTests
{
    [Fact]
    public void Timeline_MainEvents_GetVisibleLabels()
    {
        var svg = AlarmTimelineSvg.Render(SampleRun.Result());
        svg.Should().MatchRegex("<text class=\"tick-label\"[^>]*>refill</text>");
        svg.Should().MatchRegex("<text class=\"tick-label\"[^>]*>program</text>");
    }

    [Fact]
    public void Timeline_CrowdedLabels_AreSkippedMainEventsFirst()
    {
        var r = SampleRun.Result();
        var events = r.Events.Concat([
            new Interrogation(0, 0) { At = SampleRun.At(7), Sequence = 40 },
            new MriStarted(SimDuration.FromMinutes(30), SimDuration.FromMinutes(20), false) { At = SampleRun.At(7.01), Sequence = 41 },
        ]).ToList();
        var svg = AlarmTimelineSvg.Render(r with { Events = events });
        var labels = Regex.Matches(svg, "<text class=\"tick-label\"[^>]*>([^<]*)</text>").Select(m => m.Groups[1].Value).ToList();
        labels.Should().Contain("refill").And.NotContain("interrogate");
        labels.Count(l => l is "refill" or "MRI").Should().Be(1); // one tick's width apart: only the first main one fits
    }
}
