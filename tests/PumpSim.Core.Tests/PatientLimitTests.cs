using PumpSim.Core.Patient;
using PumpSim.Core.Therapy;
using PumpSim.Core.Units;
using static PumpSim.Core.Tests.Plans;

namespace PumpSim.Core.Tests;

/// <summary>The patient's edge cases fixed after the Stryker review: equal CSF and effect half-lives
/// with a depot (the closed form's limit), and the 6-h flush that keeps a withdrawal risk on time.</summary>
public class PatientLimitTests
{
    private const double M = 450;  // maintenance dose, mcg/day

    [Fact]
    public void EqualHalfLives_WithADepot_TurnAtThePeakOfTheLimitForm()
    {
        // k = ke0 = ln2/3600, ka = k/2 (pocket 2 h), nothing on board, depot P0, no input:
        // Ce = F·(2·(e^(−ka·t) − e^(−k·t)) − k·t·e^(−k·t)), F = f·P0/V. With x = e^(−ka·t) (so e^(−k·t) = x²),
        // dCe/dt = F·k·x·(x·(1 + k·t) − 1): rising while e^(−k·t/2)·(1 + k·t) > 1, falling after.
        // Root of (1 + u)·e^(−u/2) = 1: u = 2.5128624 (bisection by hand), t = u/k = 13 051.06 s.
        // The slope is first negative at whole second 13 052.
        var p = new PatientModel(new PatientParameters
        {
            MaintenanceMcgPerDay = M,
            CsfHalfLife = SimDuration.FromHours(1),
            EffectHalfLife = SimDuration.FromHours(1),
            PocketAbsorptionHalfLife = SimDuration.FromHours(2),
            CsfVolumeMl = 70,
            StartAtSteadyState = false,
        }, M);
        p.AddToDepot(10_000);
        p.TurningSeconds(86_400, 0).Should().Equal(13_052);
    }

    [Theory]
    [InlineData(0.0, 2597)]
    [InlineData(0.25, 3462)]
    public void EqualHalfLives_TurnWhereTheLimitFormSays(double steadyMcgPerMl, long expected)
    {
        // k = ke0 = ln2/3600 (1/k = 3600/ln 2 = 5193.71 s), V = 70 mL, CSF 70 mcg (c0 = 1 mcg/mL), effect site 0.5,
        // an input whose steady level is c∞. Ce = c∞ + (B + D·t)·e^(−k·t), B = 0.5 − c∞, D = k·(c0 − c∞):
        // it turns at t = 1/k − B/D. c∞ = 0: 1/k − 0.5/k = 2596.86 s → 2597.
        // c∞ = 0.25: 1/k − 0.25/(0.75·k) = 2/(3k) = 3462.47 s → 3462.
        var p = new PatientModel(new PatientParameters
        {
            MaintenanceMcgPerDay = M,
            CsfHalfLife = SimDuration.FromHours(1),
            EffectHalfLife = SimDuration.FromHours(1),
            CsfVolumeMl = 70,
            StartAtSteadyState = false,
        }, M);
        p.State = (70, 0.5, 0);
        var k = Math.Log(2) / 3600;
        p.TurningSeconds(86_400, steadyMcgPerMl * k * 70).Should().Equal(expected);
    }

    [Fact]
    public void WithdrawalFlush_IsSixHoursAfterTheSpanStarted_EvenAskedMidSpan()
    {
        // A `play` pause asks NextDue between breakpoints: the span began at the start, so the flush
        // that keeps a fall below 30 % found in time is start + 6 h, not now + 6 h.
        var plan = OneMlPerDay(2) with { Program = TherapyProgram.Continuous(ProgramRate.McgPerDay(M)), Patient = new PatientParameters { MaintenanceMcgPerDay = M } };
        var now = plan.Start;
        var monitor = new PatientMonitor(plan, plan.Patient!, () => now, (_, _) => { });
        monitor.NextDue().Should().Be(plan.Start + SimDuration.FromHours(6));
        monitor.Advance(3600, Mass.FromMcg(M / 24));
        now = plan.Start + SimDuration.FromHours(1);
        monitor.NextDue().Should().Be(plan.Start + SimDuration.FromHours(6));
        monitor.Flush();
        monitor.NextDue().Should().Be(plan.Start + SimDuration.FromHours(7));
    }
}
