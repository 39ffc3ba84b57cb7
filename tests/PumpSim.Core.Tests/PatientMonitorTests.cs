using PumpSim.Core.Engine;
using PumpSim.Core.Events;
using PumpSim.Core.Patient;
using PumpSim.Core.Plant;
using PumpSim.Core.Therapy;
using PumpSim.Core.Units;
using static PumpSim.Core.Tests.Plans;

namespace PumpSim.Core.Tests;

/// <summary>The patient monitor on a hand-held clock: its flags, its view between breakpoints, the
/// starting state it derives from the plan, and the seconds of every threshold crossing inside
/// segments, worked by hand. CSF half-life 1 h, effect half-life 2 h (k = 2·ke0), so with
/// x = e^(−ke0·t) = 2^(−t/7200), from CSF level a and effect e (both in % of the maintained
/// effect-site level) under a constant input whose steady level is c∞:
/// Ce = c∞ + (e − 2c∞ + a)·x + (c∞ − a)·x².</summary>
public class PatientMonitorTests
{
    private const double M = PatientFixtures.M;

    private static readonly PatientParameters Fast = PatientFixtures.Fast;

    /// <summary>Drives a monitor the way the engine does: input added over a segment, then at the
    /// breakpoint Flush and the timers; breakpoints at every input change, every 6 h and whenever
    /// the monitor is due.</summary>
    private sealed class Harness
    {
        public SimInstant Now = Start;
        public readonly List<(long Second, PumpEvent Event)> Events = [];
        public readonly PatientMonitor Monitor;

        public Harness(SimulationPlan plan)
        {
            Monitor = new PatientMonitor(plan, plan.Patient!, () => Now, (at, e) => Events.Add((at.UnixSeconds - Start.UnixSeconds, e)));
            Monitor.AnnounceInitialFlags();
            Monitor.HandleTimers();
        }

        /// <summary>Runs to <paramref name="untilSecond"/> with the input at <paramref name="mcgPerDay"/>.</summary>
        public void Run(long untilSecond, double mcgPerDay)
        {
            var until = Start + SimDuration.FromSeconds(untilSecond);
            while (Now < until)
            {
                var sixHours = Start + SimDuration.FromSeconds(((Now.UnixSeconds - Start.UnixSeconds) / 21_600 + 1) * 21_600);
                var next = SimInstant.Min(SimInstant.Min(until, sixHours), Monitor.NextDue());
                var seconds = next.UnixSeconds - Now.UnixSeconds;
                Monitor.Advance(seconds, Mass.FromMcg(mcgPerDay * seconds / 86_400));
                Now = next;
                Monitor.Flush();
                Monitor.HandleTimers();
            }
        }

        public (string, string, long)[] Flags => Events.Select(e => e.Event switch
        {
            PatientFlagRaised r => ("raised", r.Flag, e.Second),
            PatientFlagCleared c => ("cleared", c.Flag, e.Second),
            _ => ("other", e.Event.Type, e.Second),
        }).ToArray();
    }

    private static SimulationPlan Plan(PatientParameters p, double programMcgPerDay = M) => OneMlPerDay(2) with
    {
        Program = TherapyProgram.Continuous(ProgramRate.McgPerDay(programMcgPerDay)),
        Patient = p,
    };

    [Fact]
    public void EveryCrossingInsideASegment_IsStampedAtItsSecond_UpAndDownThroughAPeak()
    {
        // Saline in the catheter: the patient starts with nothing (effect 0: underdosed, below 30 %).
        // 0–2 h: 7.2 × M (c∞ = 720 %) from empty: Ce = 720·(1 − x)².
        //   30 %: 1 − x = √(30/720), x = 0.795876, t = 7200·log2(1/x) = 2371.57 → second 2372 (below-30 timer off)
        //   60 %: 1 − x = √(60/720), x = 0.711325, t = 3538.22 → 3539: underdose cleared.
        //   At 2 h (x = 1/2): Ce = 720/4 = 180 %, CSF a = 720·(1 − x²) = 540 %.
        // From 2 h, no input: Ce = 180·x + 540·(x − x²) = 720·(x − 0.75x²), a peak at x = 2/3 (4211.7 s on) of 240 %.
        //   200 %: 0.75x² − x + 5/18 = 0, x = (1 ± √(1/6))/1.5 = 0.938832 | 0.394501 → 655.64 s | 9661.67 s
        //          → overdose raised at 7200 + 656 = 7856, cleared at 7200 + 9662 = 16 862 (both inside the
        //          segment 2 h–6 h that holds the peak).
        //   60 %:  x − 0.75x² = 1/12, x = (1 − √0.75)/1.5 = 0.0893164 → 25 091.50 s → 7200 + 25 092 = 32 292: underdose.
        //   30 %:  x − 0.75x² = 1/24, x = (1 − √0.875)/1.5 = 0.0430571 → 32 670.76 s → 39 871; withdrawal risk
        //          6 h later: 39 871 + 21 600 = 61 471.
        //   At 1 d (t = 79 200 s, x = 2^−11): e = 720·(x − 0.75x²) = 0.351434 %, a = 540·x² = 0.000128746 %.
        // From 1 d, 2 × M (c∞ = 200 %): Ce = 200 + (e − 400 + a)·x + (200 − a)·x².
        //   30 %: x = 0.614097 → 5064.92 s → 86 400 + 5065 = 91 465: withdrawal risk cleared.
        //   60 %: x = 0.453005 → 8225.29 s → 86 400 + 8226 = 94 626: underdose cleared.
        //   At 2 d (x = 2^−12): 199.90 %, never above 200.
        var h = new Harness(Plan(Fast) with { CatheterContents = CatheterContents.Saline });
        h.Run(7200, 7.2 * M);
        h.Run(86_400, 0);
        h.Run(172_800, 2 * M);
        h.Flags.Should().Equal(
            ("raised", "underdose", 0L),
            ("cleared", "underdose", 3539L),
            ("raised", "overdose-risk", 7856L),
            ("cleared", "overdose-risk", 16_862L),
            ("raised", "underdose", 32_292L),
            ("raised", "withdrawal-risk", 61_471L),
            ("cleared", "withdrawal-risk", 91_465L),
            ("cleared", "underdose", 94_626L));
        h.Monitor.Flags.Should().BeEmpty();
        // The effect in each event is the one at the crossing second, to 0.1 %.
        h.Events.Where(e => e.Second is 3539 or 32_292 or 94_626).Select(e => e.Event)
            .Should().AllSatisfy(e => (e is PatientFlagRaised r ? r.EffectPct : ((PatientFlagCleared)e).EffectPct).Should().BeApproximately(60, 0.05));
        h.Events.Where(e => e.Second is 7856 or 16_862).Select(e => e.Event)
            .Should().AllSatisfy(e => (e is PatientFlagRaised r ? r.EffectPct : ((PatientFlagCleared)e).EffectPct).Should().BeApproximately(200, 0.05));
    }

    [Fact]
    public void Flags_ListWhatIsRaisedNow_InAFixedOrder()
    {
        // Saline: effect 0, underdosed at once, below 30 % since the start: withdrawal risk at 6 h.
        var h = new Harness(Plan(Fast) with { CatheterContents = CatheterContents.Saline });
        h.Monitor.Flags.Should().Equal("underdose");
        h.Monitor.NextDue().Should().Be(Start + SimDuration.FromHours(6));
        h.Run(21_600, 0);
        h.Monitor.Flags.Should().Equal("underdose", "withdrawal-risk");
        h.Monitor.NextDue().Should().Be(SimInstant.MaxValue);
        h.Monitor.OnPocketFill(Mass.FromMcg(1));
        h.Monitor.Flags.Should().Equal("underdose", "withdrawal-risk", "overdose-risk");
        h.Monitor.NextDue().Should().Be(Start + SimDuration.FromHours(6) + SimDuration.FromDays(2));
    }

    [Fact]
    public void BetweenBreakpoints_EffectAndSpasticity_AreThoseOfTheSpanSoFar()
    {
        // At the steady state of M, no input for 1 h (not yet flushed): Ce/c0 = 2x − x² with x = 2^(−1/2):
        // √2 − 1/2 = 0.914214 → 91.42 %; spasticity 4/(3·0.914214 + 1) = 1.068766.
        var h = new Harness(Plan(Fast));
        h.Monitor.EffectPct.Should().BeApproximately(100, 1e-9);
        h.Monitor.Advance(3600, Mass.Zero);
        h.Monitor.EffectPct.Should().BeApproximately(100 * (Math.Sqrt(2) - 0.5), 1e-9);
        h.Monitor.Spasticity.Should().BeApproximately(4 / (3 * (Math.Sqrt(2) - 0.5) + 1), 1e-9);
        h.Now += SimDuration.FromHours(1);
        h.Monitor.Flush();
        h.Monitor.EffectPct.Should().BeApproximately(100 * (Math.Sqrt(2) - 0.5), 1e-9);
        h.Monitor.Spasticity.Should().BeApproximately(4 / (3 * (Math.Sqrt(2) - 0.5) + 1), 1e-9);
    }

    [Fact]
    public void AWrongConcentrationEntry_StartsThePatientOnWhatIsReallyDelivered()
    {
        // 450 mcg/day entered for 500 mcg/mL: the pump runs 0.9 mL/day of 1000 mcg/mL = 900 mcg/day,
        // against a maintenance of 600: 150 %.
        var plan = Plan(Fast with { MaintenanceMcgPerDay = 600 }) with
        {
            Concentration = Concentration.FromMcgPerMl(1000),
            ProgrammedConcentration = Concentration.FromMcgPerMl(500),
        };
        new Harness(plan).Monitor.EffectPct.Should().BeApproximately(150, 1e-9);
        // Told the right concentration: 450 mcg/day, 75 %.
        new Harness(plan with { ProgrammedConcentration = Concentration.FromMcgPerMl(1000) }).Monitor.EffectPct.Should().BeApproximately(75, 1e-9);
    }

    [Fact]
    public void AWeeklyFlexProgram_StartsAtThePeriodicStateOfTheWholeWeek()
    {
        // 2026-01-01 is a Thursday. Weekly steps: Thursday 00:00 at 2 × M, Friday 00:00 at M. The start
        // (Thursday 00:00) follows six days at M, 72 effect half-lives: the state is M's steady state,
        // 100 % (to 2^−72), not the 200 % of the day that starts now.
        var week = TherapyProgram.Flex(FlexRepeat.Weekly, [
            new FlexStep(3 * 86_400, ProgramRate.McgPerDay(2 * M)),
            new FlexStep(4 * 86_400, ProgramRate.McgPerDay(M))]);
        var plan = Plan(Fast) with { Program = week };
        new Harness(plan).Monitor.EffectPct.Should().BeApproximately(100, 1e-6);
        // Saline in the catheter, or a patient who starts with nothing: no drug on board whatever the program.
        new Harness(plan with { CatheterContents = CatheterContents.Saline }).Monitor.EffectPct.Should().Be(0);
        new Harness(plan with { Patient = Fast with { StartAtSteadyState = false } }).Monitor.EffectPct.Should().Be(0);
    }

    [Fact]
    public void AtTheStart_OverdoseIsAboveTwoHundredPercent_NotAtIt()
    {
        // 3 × M: 300 %, overdose risk from the start. 2 × M: exactly 200 % (doubling is exact in binary
        // floating point), which is not above 200 %.
        new Harness(Plan(Fast, 3 * M)).Flags.Should().Equal(("raised", "overdose-risk", 0L));
        var atTwice = new Harness(Plan(Fast, 2 * M));
        atTwice.Monitor.EffectPct.Should().Be(200);
        atTwice.Flags.Should().BeEmpty();
    }

    [Fact]
    public void StartingAtExactlyTwoHundredPercent_ThenRising_RaisesOverdoseRisk()
    {
        // From 200 % the input goes to 3 × M (c∞ = 300 %): Ce = 300 + (200 − 600 + 200)·x + (300 − 200)·x²
        // = 300 − 200x + 100x², above 200 from the first second (x < 1).
        var h = new Harness(Plan(Fast, 2 * M));
        h.Run(86_400, 3 * M);
        h.Flags.Should().Equal(("raised", "overdose-risk", 1L));
    }

    [Fact]
    public void AtExactlySixtyOrThirtyPercent_ThePatientIsNotBelowThem()
    {
        // Default half-lives, maintenance 1000 mcg/day: 600 mcg/day gives Ce = 0.6·CeM, 60 % exactly in
        // binary floating point (checked first); 300 mcg/day, 30 % exactly. "Below 60 %" and "below 30 %"
        // (PUMP.md §7) are strict: no underdose at 60 %, no withdrawal timer at 30 %.
        var p = new PatientParameters { MaintenanceMcgPerDay = 1000 };
        var at60 = new Harness(Plan(p, 600));
        at60.Monitor.EffectPct.Should().Be(60);
        at60.Flags.Should().BeEmpty();
        var at30 = new Harness(Plan(p, 300));
        at30.Monitor.EffectPct.Should().Be(30);
        at30.Monitor.Flags.Should().Equal("underdose");
        // No withdrawal timer: what is due is only the 6-h flush that keeps a later fall's timer on time,
        // and 7 h at exactly 30 % raise nothing more.
        at30.Monitor.NextDue().Should().Be(Start + SimDuration.FromHours(6));
        at30.Run(7 * 3600, 300);
        at30.Flags.Should().Equal(("raised", "underdose", 0L));
        // From exactly 60 % with the input stopped, the effect is below 60 % from the first second on
        // (Ce' = ke0·(A/V − Ce) = 0 at the start and A falls, so Ce falls): underdose at second 1.
        at60.Run(3600, 0);
        at60.Flags.Should().Equal(("raised", "underdose", 1L));
    }

    [Fact]
    public void BetweenBreakpoints_TheSpanSoFarCountsItsInput()
    {
        // At the steady state of M, an hour of M itself (450 × 3600/86 400 = 18.75 mcg) pending: still 100 %.
        var h = new Harness(Plan(Fast));
        h.Monitor.Advance(3600, Mass.FromMcg(18.75));
        h.Monitor.EffectPct.Should().BeApproximately(100, 1e-9);
    }

    [Fact]
    public void ABumpThatStaysBelowThirtyPercent_DoesNotRestartTheWithdrawalClock()
    {
        // Saline: effect 0 from the start, below 30 % since 0, withdrawal risk due at 6 h. At 1 h, 10 min of
        // 7.2 × M (c∞ = 720 %) from empty: x = 2^(−600/7200) = 0.943874, Ce = 720·(1 − x)² = 2.27 %,
        // CSF a = 720·(1 − x²) = 78.55 %. Then no input: Ce = 2.27·x + 78.55·(x − x²) peaks at
        // x = (2.27 + 78.55)/(2 × 78.55) = 0.5144, Ce = 1.17 + 19.62 = 20.8 %: a turn, never 30 %.
        var h = new Harness(Plan(Fast) with { CatheterContents = CatheterContents.Saline });
        h.Run(3600, 0);
        h.Run(4200, 7.2 * M);
        h.Run(86_400, 0);
        h.Flags.Should().Equal(("raised", "underdose", 0L), ("raised", "withdrawal-risk", 21_600L));
    }
}
