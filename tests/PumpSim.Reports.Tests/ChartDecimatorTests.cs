using PumpSim.Core.Units;

namespace PumpSim.Reports.Tests;

public class ChartDecimatorTests
{
    [Fact]
    public void Decimate_ShortSeries_AreUntouched()
    {
        var xs = Enumerable.Range(0, 100).Select(i => (double)i).ToArray();
        ChartDecimator.Thin(xs, xs).X.Should().BeSameAs(xs);
    }

    [Fact]
    public void Decimate_LongSeries_KeepEndsPeaksAndGapsInOrder()
    {
        const int n = 35_040;
        var xs = Enumerable.Range(0, n).Select(i => i / 96.0).ToArray();
        var ys = xs.Select(x => Math.Sin(x)).ToArray();
        ys[12_345] = 50;   // a one-sample spike
        ys[20_000] = -50;  // a one-sample dip
        ys[30_000] = double.NaN; // a gap
        var (tx, ty) = ChartDecimator.Thin(xs, ys);
        tx.Length.Should().BeLessThanOrEqualTo(ChartDecimator.MaxBuckets * 5);
        tx.Should().BeInAscendingOrder();
        tx[0].Should().Be(xs[0]);
        tx[^1].Should().Be(xs[^1]);
        ty.Should().Contain(50).And.Contain(-50);
        ty.Should().Contain(double.NaN);
    }

    [Fact]
    public void Decimate_AYearOfSamples_GivesAPageOfReasonableSize()
    {
        var r = SampleRun.Result();
        var first = r.Telemetry[0];
        var samples = Enumerable.Range(0, 35_040)
            .Select(i => first with { At = r.Start + SimDuration.FromMinutes(15L * i), ReservoirTrueMl = 20 - i * 0.0005, PatientEffectPct = 100 + (i % 96) })
            .ToList();
        var year = r with { End = r.Start + SimDuration.FromDays(365), Telemetry = samples };
        var html = Render.Text(w => HtmlReportWriter.Write(w, SampleRun.Report() with { Result = year }));
        html.Length.Should().BeLessThan(2_000_000);
    }
}
