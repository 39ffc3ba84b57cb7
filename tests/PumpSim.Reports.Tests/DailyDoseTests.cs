using PumpSim.Core.Events;
using PumpSim.Core.Units;
using static PumpSim.Reports.AtAGlance;

namespace PumpSim.Reports.Tests;

/// <summary>Issue 21, item 7: "At a glance" must not average an overdose away.</summary>
public class DailyDoseTests
{
    /// <summary>A run of <paramref name="pctPerDay"/>.Length days at 100 mcg/day programmed, sampled
    /// every 6 h, the CSF getting the given percentage of it each day.</summary>
    private static SimulationResult Run(params double[] pctPerDay)
    {
        var start = SampleRun.Start;
        var telemetry = new List<TelemetrySample>();
        var cumulative = 0.0;
        for (var q = 0; q <= pctPerDay.Length * 4; q++)
        {
            telemetry.Add(new TelemetrySample(start + SimDuration.FromSeconds(q * 21_600L), "infusing", 100, 0.2, 10, 10, "patent",
                cumulative, 0, 2000, [], null, null, "running", 100, 500, 500));
            if (q < pctPerDay.Length * 4) cumulative += 100 * pctPerDay[q / 4] / 100 / 4; // a quarter day at the day's rate
        }
        var prescribed = 100.0 * pctPerDay.Length;
        return SampleRun.Result() with
        {
            End = start + SimDuration.FromDays(pctPerDay.Length),
            Telemetry = telemetry,
            Totals = new Totals(prescribed, 0.2 * pctPerDay.Length, cumulative, 0, 0, 0),
        };
    }

    [Fact]
    public void ADayAt300Then2At0_AveragesTo100_ButIsRedAndSaysThePeak()
    {
        // 300 + 0 + 0 = 300 mcg of 3 x 100 prescribed: 100 % overall, which alone reads "as intended".
        var dose = Dose(Run(300, 0, 0));
        dose.Value.Should().Be("100 %");
        dose.Level.Should().Be(Level.Red);
        dose.Text.Should().Be("100 % of the prescribed dose reached the spinal fluid, as intended. " +
            "Day by day: peak 300 % (day 0 to 1); 1 day above 200 %, 2 days below 60 %.");
    }

    [Fact]
    public void TenDaysAt400ThenTenAt0_NamesTheTenOverdoseDays()
    {
        double[] days = [.. Enumerable.Repeat(400.0, 10), .. Enumerable.Repeat(0.0, 10)];
        var daily = DailyDose.Of(Run(days))!;
        daily.Should().Be(new DailyDose(20, 400, 0, 10, 10));
        Dose(Run(days)).Text.Should().Contain("peak 400 % (day 0 to 1); 10 days above 200 %, 10 days below 60 %.");
    }

    [Fact]
    public void EvenDays_AddNothing()
    {
        var dose = Dose(Run(100, 100, 100));
        dose.Level.Should().Be(Level.Green);
        dose.Text.Should().Be("100 % of the prescribed dose reached the spinal fluid, as intended.");
        DailyDose.Of(Run(100, 100, 100)).Should().Be(new DailyDose(3, 100, 0, 0, 0));
    }
}
