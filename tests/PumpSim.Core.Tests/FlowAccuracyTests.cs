using PumpSim.Core.Accuracy;
using PumpSim.Core.Engine;
using PumpSim.Core.Events;
using PumpSim.Core.Therapy;
using PumpSim.Core.Units;
using static PumpSim.Core.Tests.Plans;

namespace PumpSim.Core.Tests;

/// <summary>The trumpet analysis on a made-up balance whose every figure is worked by hand and its
/// probe plan (SweepTests runs it on real simulations).</summary>
public class FlowAccuracyTests
{
    // 1440 mcg/day at 1 mcg/mL = 1440 mL/day = 1 mL/min, so a 30-s sample should move 0.5 mL.
    private static readonly SimulationPlan Plan = new()
    {
        Start = Start,
        Duration = SimDuration.FromHours(4),
        Concentration = Concentration.FromMcgPerMl(1),
        Program = TherapyProgram.Continuous(ProgramRate.McgPerDay(1440)),
    };

    /// <summary>A result whose sample i moved <paramref name="moved"/>(i) mL (multiples of 1/8, so every sum is exact).</summary>
    private static SimulationResult Balance(SimulationPlan probed, Func<int, double> moved, Func<int, double>? programmed = null)
    {
        var snaps = new Dictionary<SimInstant, Snapshot>();
        var pumped = 0.0;
        for (var i = 0; i < probed.Probes.Count; i++)
        {
            var at = probed.Probes[i];
            var telemetry = new TelemetrySample(at, "running", programmed?.Invoke(i) ?? 1440, 0, 0, 0, "patent", 0, 0, 0, [], null, null, "idle", 0);
            snaps[at] = new Snapshot(at, telemetry, "patent", "idle", "normal", "ok", 0, pumped);
            pumped += moved(i);
        }
        return new SimulationResult("t", 0, probed.Start, probed.End, new Totals(0, 0, 0, 0, 0, 0),
            new FinalState(0, 0, 0, "running"), [], [], [], snaps);
    }

    [Fact]
    public void ProbePlan_PutsAProbeEveryThirtySeconds_AndCutsThePlan()
    {
        var p = FlowAccuracy.ProbePlan(Plan, SimDuration.FromHours(3));
        // 3 h = 10 800 s = 360 samples, so 361 probes, the last at 3 h.
        p.Probes.Should().HaveCount(361);
        p.Probes[0].Should().Be(Start);
        p.Probes[1].Should().Be(At("30s"));
        p.Probes[^1].Should().Be(At("3h"));
        p.Duration.Should().Be(SimDuration.FromHours(3));
        p.Sample.Should().Be(SimDuration.FromHours(3));

        FlowAccuracy.ProbePlan(Plan, SimDuration.FromHours(2)).Probes.Should().HaveCount(241);  // the shortest allowed
        FlowAccuracy.ProbePlan(Plan, SimDuration.FromHours(4)).Probes.Should().HaveCount(481);  // the whole scenario
        var shortLength = () => FlowAccuracy.ProbePlan(Plan, SimDuration.FromSeconds(7199));
        shortLength.Should().Throw<ArgumentOutOfRangeException>().WithMessage("the analysis needs at least 2 h*");
        var longLength = () => FlowAccuracy.ProbePlan(Plan, SimDuration.FromSeconds(4 * 3600 + 1));
        longLength.Should().Throw<ArgumentOutOfRangeException>().WithMessage("the scenario lasts only 4h*");
    }

    [Fact]
    public void Analyse_GivesStartupCurveTrumpetAndOverallError()
    {
        var probed = FlowAccuracy.ProbePlan(Plan, SimDuration.FromHours(3));
        // Sample 0 moves nothing (−100 %); samples 150 and 300 move 0.625 mL (+25 %), sample 200
        // moves 0.375 mL (−25 %); the rest 0.5 mL (0 %). Samples 150, 200, 300 are more than
        // 62 samples (the 31-min window) apart, so each window holds at most one of them.
        var r = FlowAccuracy.Analyse(probed, Balance(probed, i => i switch { 0 => 0, 150 or 300 => 0.625, 200 => 0.375, _ => 0.5 }));

        // Start-up: the first 2 h = 240 samples; flow in mL/h = mL/min × 60.
        r.Startup.Should().HaveCount(240);
        r.Startup[0].Should().Be(new StartupPoint(0.5, 0, 60, -100));
        r.Startup[1].Should().Be(new StartupPoint(1.0, 60, 60, 0));
        r.Startup[^1].TMin.Should().Be(120);

        // Trumpet from 1 h (sample 120) to 3 h (sample 360). A window of p minutes holds 2p
        // samples; its largest mean is 25 / 2p, its smallest −25 / 2p.
        r.Trumpet.Select(t => t.WindowMin).Should().Equal(2, 5, 11, 19, 31);
        foreach (var t in r.Trumpet)
        {
            t.MaxErrorPct.Should().Be(25.0 / (2 * t.WindowMin));
            t.MinErrorPct.Should().Be(-25.0 / (2 * t.WindowMin));
        }
        // Overall, over samples 120–359: delivered 240 × 1 + 0.25 + 0.25 − 0.25 = 240.25 mL/min·sample,
        // programmed 240, so 100 × 0.25 / 240. Sample 0 is before the analysis and does not count.
        r.OverallErrorPct.Should().Be(100 * 0.25 / 240);
        r.AnalysisFromMin.Should().Be(60);
        r.AnalysisToMin.Should().Be(180);
    }

    [Fact]
    public void Analyse_CountsTheWindowThatEndsWithTheLastSample()
    {
        // 2 h = 240 samples; only the last (239) moves 0.75 mL: +50 %. Only the windows ending at
        // sample 240 hold it, so each window's largest mean is 50 / 2p and the smallest 0.
        var probed = FlowAccuracy.ProbePlan(Plan, SimDuration.FromHours(2));
        var r = FlowAccuracy.Analyse(probed, Balance(probed, i => i == 239 ? 0.75 : 0.5));
        foreach (var t in r.Trumpet)
            (t.MaxErrorPct, t.MinErrorPct).Should().Be((50.0 / (2 * t.WindowMin), 0));
    }

    [Fact]
    public void Analyse_TakesTheSetRateOfEachSampleFromItsStart()
    {
        var probed = FlowAccuracy.ProbePlan(Plan, SimDuration.FromHours(2));
        // From sample 100 the program is 2880 mcg/day = 2 mL/min, and the balance follows it, so
        // every error is 0; sample 99 is read at its start (1 mL/min) though the pump moved 1 mL (+100 %).
        var r = FlowAccuracy.Analyse(probed, Balance(probed, i => i >= 99 ? 1 : 0.5, i => i >= 100 ? 2880 : 1440));
        r.Startup[99].Should().Be(new StartupPoint(50, 120, 60, 100));
        r.Startup[100].Should().Be(new StartupPoint(50.5, 120, 120, 0));
        r.OverallErrorPct.Should().Be(0);
    }

    [Fact]
    public void Analyse_RefusesAStoppedProgram()
    {
        var probed = FlowAccuracy.ProbePlan(Plan, SimDuration.FromHours(2));
        var act = () => FlowAccuracy.Analyse(probed, Balance(probed, _ => 0, i => i == 7 ? 0 : 1440));
        act.Should().Throw<InvalidOperationException>()
            .WithMessage("the programmed rate is zero at 2026-01-01T00:03:30Z*"); // sample 7 starts at 7 × 30 s
    }
}
