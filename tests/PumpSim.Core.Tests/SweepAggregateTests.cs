using PumpSim.Core.Engine;
using PumpSim.Core.Events;
using PumpSim.Core.Firmware;
using PumpSim.Core.Sweeps;
using PumpSim.Core.Units;
using static PumpSim.Core.Tests.Plans;

namespace PumpSim.Core.Tests;

/// <summary>The sweep's arithmetic on rows made by hand (counts, probabilities, percentiles, the
/// mean, states, clamps), the 6-decimal quantisation, reading a row from a result, and the shifts.</summary>
public class SweepAggregateTests
{
    private static SweepRow Row(int run, double delivered, int[] alarms, bool empty, bool withdrawal, string state, params string[] clamped)
    {
        var first = new double?[SweepRow.AlarmColumns.Count];
        foreach (var a in alarms) first[a] = 1;
        return new SweepRow(run, [], clamped, delivered, 0, first, empty, withdrawal, state);
    }

    [Fact]
    public void Aggregate_OfHandMadeRows()
    {
        // Given out of run order; delivered 10, 40, 20, 30 by run.
        var rows = new[]
        {
            Row(3, 30, [0], false, false, "end-of-service"),
            Row(1, 40, [1], true, true, "end-of-service", SweepKey.ReservoirMl, SweepKey.AccuracyPct),
            Row(0, 10, [0], false, true, "safe-state", SweepKey.ReservoirMl),
            Row(2, 20, [], false, true, "running"),
        };
        var a = SweepAggregate.Of(rows, [SweepKey.ReservoirMl, SweepKey.AccuracyPct, SweepKey.BatteryDays]);
        a.Runs.Should().Be(4);
        a.Alarms.Select(x => x.Alarm).Should().Equal(SweepRow.AlarmColumns);
        a.Alarms[0].Should().Be(("low-reservoir", 2, 0.5));      // runs 0 and 3
        a.Alarms[1].Should().Be(("empty-reservoir", 1, 0.25));   // run 1
        a.Alarms.Skip(2).Should().OnlyContain(x => x.Count == 0 && x.Probability == 0);
        (a.TrueEmptyBeforeLraCount, a.TrueEmptyBeforeLraProbability).Should().Be((1, 0.25));
        (a.WithdrawalRiskCount, a.WithdrawalRiskProbability).Should().Be((3, 0.75));
        // Sorted 10, 20, 30, 40: ranks ceil(0.05 × 4) = 1, ceil(0.5 × 4) = 2, ceil(0.95 × 4) = 4.
        (a.DeliveredP5, a.DeliveredP50, a.DeliveredP95).Should().Be((10, 20, 40));
        a.DeliveredMean.Should().Be(25);                          // 100 / 4
        // Ordinal order of the state names, with their counts.
        a.FinalTherapyStates.Should().Equal(("end-of-service", 2), ("running", 1), ("safe-state", 1));
        a.Clamped.Should().Equal((SweepKey.ReservoirMl, 2), (SweepKey.AccuracyPct, 1), (SweepKey.BatteryDays, 0));
    }

    [Fact]
    public void Aggregate_QuantisesProbabilitiesAndTheMean_AndNeedsARow()
    {
        var rows = new[] { Row(0, 1, [], false, true, "running"), Row(1, 1, [], false, false, "running"), Row(2, 2, [], false, false, "running") };
        var a = SweepAggregate.Of(rows, []);
        a.WithdrawalRiskProbability.Should().Be(0.333333);   // 1/3 to 6 decimals
        a.DeliveredMean.Should().Be(1.333333);               // 4/3 to 6 decimals
        a.Clamped.Should().BeEmpty();
        var none = () => SweepAggregate.Of([], []);
        none.Should().Throw<SweepException>().WithMessage("no runs to aggregate");
    }

    [Fact]
    public void NearestRank_RoundsTheRankUp_AndStaysInTheSet()
    {
        double[] five = [1, 2, 3, 4, 5];
        SweepAggregate.NearestRank(five, 50).Should().Be(3);   // ceil(2.5) = 3
        SweepAggregate.NearestRank(five, 0).Should().Be(1);    // rank 0 is clamped to the first
        SweepAggregate.NearestRank(five, 100).Should().Be(5);
        SweepAggregate.NearestRank(five, 81).Should().Be(5);   // ceil(4.05) = 5
        var empty = () => SweepAggregate.NearestRank([], 50);
        empty.Should().Throw<ArgumentException>().WithMessage("no values*");
    }

    [Fact]
    public void Quantise_KeepsSixDecimals_WithNoExponentAndNoNegativeZero()
    {
        SweepRow.Format(1.2345674).Should().Be("1.234567");
        SweepRow.Format(1.2345676).Should().Be("1.234568");
        SweepRow.Format(12_345_678_901).Should().Be("12345678901");
        SweepRow.Format(-0.0000001).Should().Be("0");            // rounds to −0, printed as 0
        SweepRow.Format(-2.5).Should().Be("-2.5");
        SweepRow.Format(0.000001).Should().Be("0.000001");        // fixed point, never 1E-06
        SweepRow.Quantise(1.2345676).Should().Be(1.234568);
        double.IsNegative(SweepRow.Quantise(-0.0000001)).Should().BeFalse();
        var nan = () => SweepRow.Quantise(double.NaN);
        nan.Should().Throw<ArgumentOutOfRangeException>().WithMessage("a sweep value must be finite*");
        var inf = () => SweepRow.Quantise(double.NegativeInfinity);
        inf.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Row_TakesTheFirstRaiseOfEachAlarm_InDaysFromTheStart()
    {
        AlarmRecord Raised(string id, SimInstant at) => new(id, AlarmPriority.Critical, at, null, 0);
        // Listed late first: the earlier raise wins. 1 d + 1 s = 1.0000115740… d → 1.000012.
        var result = new SimulationResult("t", 0, Start, Day(3), new Totals(12.3456789, 0, 7.0000004, 0, 0, 0),
            new FinalState(0, 0, 0, "running"),
            [Raised(AlarmIds.MotorStall, Day(2)), Raised(AlarmIds.MotorStall, At("1d1s")), Raised("not-an-alarm", Day(1)),
             Raised(AlarmIds.LowReservoir, Day(0.5))],
            [], [], new Dictionary<SimInstant, Snapshot>());
        var row = SweepRow.From(4, [1.23456789], ["k"], result);
        row.Run.Should().Be(4);
        row.Values.Should().Equal(1.234568);
        row.Clamped.Should().Equal("k");
        var stall = SweepRow.AlarmColumns.ToList().IndexOf(AlarmIds.MotorStall);
        row.AlarmFirstRaiseDay[stall].Should().Be(1.000012);
        row.AlarmFirstRaiseDay[0].Should().Be(0.5);
        row.AlarmFirstRaiseDay.Count(d => d is not null).Should().Be(2);
        row.DeliveredCsfMcg.Should().Be(7);           // 7.0000004 → 7.000000
        row.ProgrammedMcg.Should().Be(12.345679);
        row.FinalTherapyState.Should().Be("running");
        (row.TrueEmptyBeforeLra, row.WithdrawalRisk).Should().Be((false, false));
    }

    [Fact]
    public void Shift_ResortsByInstantThenOrder_AndRoundsToTheSecond()
    {
        // The refill (order 2) moves 1 h onto the narration's instant (order 1): order decides,
        // so the narration stays first (array order alone would put the refill first).
        var plan = OneMlPerDay(5) with
        {
            Actions =
            [
                new TimedAction(Day(2), 2, new RefillAction(Volume.FromMl(10))),
                new TimedAction(Day(2) + SimDuration.FromHours(1), 1, new NarrationAction("n")),
            ],
        };
        var shifted = new Sweep(plan, 1, Variation.ParseAll(["refill.delay=choice(1)"])).PlanFor(0).Plan;
        shifted.Actions.Select(a => a.Order).Should().Equal(1, 2);
        shifted.Actions.Should().OnlyContain(a => a.At == Day(2) + SimDuration.FromHours(1));

        // 0.0002 h = 0.72 s → 1 s; 0.0001 h = 0.36 s → 0 s; 1.5 h = 5400 s.
        At(new Sweep(plan, 1, Variation.ParseAll(["refill.delay=choice(0.0002)"]))).Should().Be(Day(2) + SimDuration.FromSeconds(1));
        At(new Sweep(plan, 1, Variation.ParseAll(["refill.delay=choice(0.0001)"]))).Should().Be(Day(2));
        At(new Sweep(plan, 1, Variation.ParseAll(["refill.delay=choice(1.5)"]))).Should().Be(Day(2) + SimDuration.FromSeconds(5400));

        static SimInstant At(Sweep s) => s.PlanFor(0).Plan.Actions.Single(a => a.Action is RefillAction).At;
    }

    [Fact]
    public void Keys_ApplyTheirValueToThePlan()
    {
        var plan = OneMlPerDay(5);
        SweepKey.Find(SweepKey.BatteryDays).Apply(plan, 30).BatteryLifeRemainingDays.Should().Be(30);
        SweepKey.Find(SweepKey.LowReservoirAlarmMl).Apply(plan, 3).LowReservoirAlarm.Should().Be(Volume.FromMl(3));
        SweepKey.Find(SweepKey.ReservoirMl).Apply(plan, 7.5).Reservoir.Should().Be(Volume.FromMl(7.5));
        SweepKey.Find(SweepKey.AccuracyPct).Apply(plan, -4).AccuracyPct.Should().Be(-4);
        var noFault = () => new Sweep(plan, 1, Variation.ParseAll(["catheter.fault_time=choice(1)"]));
        noFault.Should().Throw<SweepException>().WithMessage("variation catheter.fault_time: the scenario has no catheter fault event to move");
    }

    [Fact]
    public void Row_SeesAPumpRunDryAfterARefillClearedItsAlarm()
    {
        // A pump twice as fast as it believes (accuracy +100 %) at a nominal 1 mL/day from 2.5 mL:
        // the estimate reaches the 2-mL alarm at 0.5 d (raised). A refill at 1 d adds 5 mL to the
        // 0.5 mL truly left (withdrawn first), so true = estimate = 5 mL and the alarm clears. Now
        // true empties at 2 mL/day in 2.5 d (day 3.5) but the estimate reaches 2 mL only after
        // 3 d (day 4): dry with no warning, although an alarm had been raised before.
        var plan = OneMlPerDay(5, "1h") with { Reservoir = Volume.FromMl(2.5), AccuracyPct = 100 };
        var row = new Sweep(plan.WithActions(Act("1d", new RefillAction(Volume.FromMl(5)))), 1, []).RunOne(0);
        row.AlarmFirstRaiseDay[0].Should().Be(0.5);
        row.TrueEmptyBeforeLra.Should().BeTrue();
    }

    [Fact]
    public void Row_SeesTheWithdrawalRisk()
    {
        // A kink at 1 d cuts a maintained patient off: withdrawal risk within the day (PatientModelTests).
        var plan = OneMlPerDay(3, "1h") with { Patient = new Patient.PatientParameters { MaintenanceMcgPerDay = 500 } };
        new Sweep(plan.WithActions(Act("1d", new CatheterFaultAction(Plant.CatheterFaultKind.Kink))), 1, []).RunOne(0)
            .WithdrawalRisk.Should().BeTrue();
        new Sweep(plan, 1, []).RunOne(0).WithdrawalRisk.Should().BeFalse();
        // Another flag (overdose risk after a pocket fill, PatientModelTests) is not withdrawal risk.
        new Sweep(plan.WithActions(Act("1d", new RefillAction(Volume.FromMl(20), Into: RefillTarget.Pocket))), 1, []).RunOne(0)
            .WithdrawalRisk.Should().BeFalse();
    }

    [Fact]
    public void Messages_NameWhatIsWrong()
    {
        var key = () => SweepKey.Find("nope");
        key.Should().Throw<SweepException>().WithMessage("unknown sweep key 'nope'; known keys: pump.accuracy_pct, pump.battery.life_remaining_days, "
            + "pump.low_reservoir_alarm_ml, reservoir_ml, refill.delay, catheter.fault_time");
        var shape = () => ShardSpec.Parse("1");
        shape.Should().Throw<SweepException>().WithMessage("shard '1': expected i/n with whole numbers, e.g. 0/4");
        var zero = () => ShardSpec.Parse("0/0");
        zero.Should().Throw<SweepException>().WithMessage("shard '0/0': n must be at least 1");
    }

    [Fact]
    public void Distributions_DrawInsideTheirSupport()
    {
        var rng = new SplitMix64(5);
        var u = Distribution.Parse("uniform(2,3)");
        var c = Distribution.Parse("choice(7,9)");
        var ln = Distribution.Parse("lognormal(0,1)");
        var draws = Enumerable.Range(0, 200).Select(_ => (U: u.Draw(rng), C: c.Draw(rng), L: ln.Draw(rng))).ToArray();
        draws.Should().OnlyContain(d => d.U >= 2 && d.U < 3 && (d.C == 7 || d.C == 9) && d.L > 0);
        draws.Select(d => d.C).Distinct().Should().HaveCount(2);
        // A normal with a tiny spread stays near its mean.
        Distribution.Parse("normal(40,0.001)").Draw(rng).Should().BeApproximately(40, 0.01);
    }

    [Theory]
    [InlineData("(1,2)", "*is not a distribution*")]
    [InlineData("uniform 1,2", "*is not a distribution*")]
    [InlineData("uniform(1,1)", "*needs a < b")]
    [InlineData("lognormal(0,1,2)", "*lognormal takes 2 numbers, got 3")]
    [InlineData("lognormal(0,0)", "*lognormal(mu,sigma) needs sigma > 0")]
    [InlineData("normal(0,-1)", "*normal(mu,sigma) needs sigma > 0")]
    [InlineData("normal(0,1,2)", "*normal takes 2 numbers, got 3")]
    [InlineData("lognormal(51,1)", "*needs |mu| ≤ 50 and sigma ≤ 10*")]
    [InlineData("lognormal(-51,1)", "*needs |mu| ≤ 50*")]
    [InlineData("lognormal(0,10.5)", "*sigma ≤ 10*")]
    [InlineData("choice(2000000000)", "*'2000000000' is out of range; distribution parameters are limited to ±1e9")]
    [InlineData("uniform(-1000000001,0)", "*out of range*")]
    public void Distribution_RefusesOutOfRangeParameters(string text, string message) =>
        FluentActions.Invoking(() => Distribution.Parse(text)).Should().Throw<SweepException>().WithMessage(message);

    [Fact]
    public void Distribution_AcceptsItsLimits_AndAnyCaseOfName()
    {
        Distribution.Parse("Uniform(1,2)").Describe().Should().Be("uniform(1,2)");
        Distribution.Parse("lognormal(50,10)").Describe().Should().Be("lognormal(50,10)");
        Distribution.Parse("lognormal(-50,0.5)").Describe().Should().Be("lognormal(-50,0.5)");
        Distribution.Parse("choice(1000000000,-1000000000)").Describe().Should().Be("choice(1000000000,-1000000000)");
        Variation.Parse("reservoir_ml = uniform(1,2)").Describe().Should().Be("reservoir_ml=uniform(1,2)");
    }
}
