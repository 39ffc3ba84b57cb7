using System.Text.RegularExpressions;
using PumpSim.Core.Events;
using PumpSim.Core.Firmware;
using static PumpSim.Reports.AtAGlance;

namespace PumpSim.Reports.Tests;

public class AtAGlanceTests
{
    /// <summary>The sample run with only 41 % of the prescribed dose reaching the CSF (it already has a critical alarm).</summary>
    private static SimulationResult Underdosed() =>
        SampleRun.Result() with { Totals = new Totals(1000, 2.0, 410, 49.75, 0, 1.5) };

    private static Tile TileOf(SimulationResult r, string key) => Tiles(r).Single(t => t.Key == key);

    [Fact]
    public void AtAGlance_A41PercentRunWithACriticalAlarm_IsRedAndSaysWhy()
    {
        var r = Underdosed();
        var dose = TileOf(r, "dose");
        dose.Level.Should().Be(Level.Red);
        dose.Text.Should().Be("Underdose: only 41 % of the prescribed dose reached the spinal fluid.");
        var alarms = TileOf(r, "alarms");
        alarms.Level.Should().Be(Level.Red);
        alarms.Text.Should().Be("2 alarms raised, 1 critical (motor-stall).");
        TileOf(r, "reservoir").Level.Should().Be(Level.Green);
        TileOf(r, "outside").Level.Should().Be(Level.Red);
        TileOf(r, "outside").Text.Should().Be("49.8 mcg of drug never reached the spinal fluid: 49.8 mcg leaked to tissue.");
        TileOf(r, "patient").Level.Should().Be(Level.Green);
    }

    [Fact]
    public void AtAGlance_SitsBetweenTheDisclaimerAndTheSummary_WithColouredTiles()
    {
        var html = Render.Text(w => HtmlReportWriter.Write(w, SampleRun.Report() with { Result = Underdosed() }));
        var disclaimer = html.IndexOf("class=\"disclaimer\"", StringComparison.Ordinal);
        var band = html.IndexOf("id=\"glance\"", StringComparison.Ordinal);
        band.Should().BeGreaterThan(disclaimer).And.BeLessThan(html.IndexOf("id=\"summary\"", StringComparison.Ordinal));
        html.Should().Contain("<div class=\"tile red\" data-tile=\"dose\"><div class=\"tile-head\"><span class=\"tile-status\">PROBLEM</span> Dose to the spinal fluid</div><div class=\"tile-value\">41 %</div>");
        html.Should().Contain("<div class=\"tile red\" data-tile=\"alarms\">");
        Regex.Matches(html, "<div class=\"tile ").Count.Should().Be(5);
    }

    [Theory]
    [InlineData(1000, Level.Green)]
    [InlineData(960, Level.Green)]
    [InlineData(900, Level.Amber)]
    [InlineData(1080, Level.Amber)]
    [InlineData(790, Level.Red)]
    [InlineData(1200, Level.Red)]
    public void Dose_thresholds(double delivered, Level expected)
    {
        var r = SampleRun.Result() with { Totals = new Totals(1000, 2.0, delivered, 0, 0, 0) };
        TileOf(r, "dose").Level.Should().Be(expected);
    }

    [Fact]
    public void AtAGlance_NothingPrescribed_IsNeutral()
    {
        var r = SampleRun.Result() with { Totals = new Totals(0, 0, 0, 0, 0, 0) };
        TileOf(r, "dose").Level.Should().Be(Level.Neutral);
        TileOf(r, "outside").Level.Should().Be(Level.Green);
    }

    [Theory]
    [InlineData(0.5, Level.Green)]
    [InlineData(1.5, Level.Amber)]
    [InlineData(2.5, Level.Red)]
    public void AtAGlance_ReservoirDiscrepancyAtTheEnd(double gap, Level expected)
    {
        var r = SampleRun.Result() with { Final = new FinalState(1.0, 1.0 + gap, 1990, "running") };
        var tile = TileOf(r, "reservoir");
        tile.Level.Should().Be(expected);
        tile.Value.Should().Be("+" + InvariantFormat.Fixed(gap, 1) + " mL");
        if (expected != Level.Green) tile.Text.Should().Contain("the pump believed it held " + InvariantFormat.Fixed(gap, 1) + " mL more");
    }

    [Fact]
    public void AtAGlance_AGapDuringTheRun_CountsEvenIfItClosedByTheEnd()
    {
        var r = SampleRun.Result();
        var t = r.Telemetry.ToList();
        t[50] = t[50] with { ReservoirEstimatedMl = t[50].ReservoirTrueMl + 3 };
        var tile = TileOf(r with { Telemetry = t }, "reservoir");
        tile.Level.Should().Be(Level.Red);
        tile.Text.Should().Contain("the pump believed it held 3.0 mL more than it really did");
        tile.Value.Should().Be("+3.0 mL"); // the headline is the largest gap, not the gap at the end
        // SampleRun puts sample i at day i × 10/99: sample 50 is day 500/99 = 5.0505 → "5.05".
        tile.Text.Should().StartWith("Largest gap on day 5.05:");
    }

    [Fact]
    public void AtAGlance_PatientFlags_AreNamedRedForOverdoseAndLeftOutWithoutPatientData()
    {
        var r = SampleRun.Result();
        var events = r.Events.Concat([
            new PatientFlagRaised("overdose-risk", 0) { At = SampleRun.At(3), Sequence = 10 },
            new PatientFlagRaised("underdose", 0) { At = SampleRun.At(1), Sequence = 11 },
        ]).ToList();
        var tile = TileOf(r with { Events = events }, "patient");
        tile.Level.Should().Be(Level.Red);
        tile.Heading.Should().Contain("illustrative");
        tile.Text.Should().Be("The illustrative patient model flagged: underdose, overdose risk.");

        var underOnly = TileOf(r with { Events = events.Where(e => e is not PatientFlagRaised { Flag: "overdose-risk" }).ToList() }, "patient");
        underOnly.Level.Should().Be(Level.Amber);

        var noPatient = r with { Telemetry = r.Telemetry.Select(s => s with { PatientEffectPct = null }).ToList() };
        Tiles(noPatient).Should().NotContain(t => t.Key == "patient").And.HaveCount(4);
    }

    [Fact]
    public void AtAGlance_NoAlarm_IsGreen()
    {
        var tile = TileOf(SampleRun.Result() with { Alarms = [] }, "alarms");
        tile.Level.Should().Be(Level.Green);
        tile.Text.Should().Be("The pump raised no alarm.");
        TileOf(SampleRun.Result() with { Alarms = [new("low-reservoir", AlarmPriority.NonCritical, SampleRun.At(1), null, 0)] }, "alarms")
            .Level.Should().Be(Level.Amber);
    }
}
