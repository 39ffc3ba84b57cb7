using PumpSim.Core.Accuracy;
using PumpSim.Core.Engine;
using PumpSim.Core.Plant;
using PumpSim.Core.Sweeps;
using PumpSim.Core.Units;

namespace PumpSim.Core.Tests;

public class SweepTests
{
    [Theory]
    [InlineData("uniform(1,2)", "uniform(1,2)")]
    [InlineData(" normal( 0 , 5 ) ", "normal(0,5)")]
    [InlineData("lognormal(0.5,0.25)", "lognormal(0.5,0.25)")]
    [InlineData("choice(0,12,30)", "choice(0,12,30)")]
    [InlineData("choice(-1.5)", "choice(-1.5)")]
    public void Distribution_Parses(string text, string canonical) =>
        Distribution.Parse(text).Describe().Should().Be(canonical);

    [Theory]
    [InlineData("uniform(2,1)", "a < b")]
    [InlineData("uniform(1)", "takes 2 numbers")]
    [InlineData("normal(0,0)", "sigma > 0")]
    [InlineData("lognormal(0,-1)", "sigma > 0")]
    [InlineData("choice()", "at least one value")]
    [InlineData("choice(1,,2)", "at least one value")]
    [InlineData("gamma(1,2)", "unknown distribution 'gamma'")]
    [InlineData("uniform(1,2", "not a distribution")]
    [InlineData("normal(0,1e999)", "not a number")]
    [InlineData("uniform(1;2)", "not a number")]
    public void Distribution_RejectsBadText(string text, string message) =>
        FluentActions.Invoking(() => Distribution.Parse(text)).Should().Throw<SweepException>().WithMessage($"*{message}*");

    [Theory]
    [InlineData("pump.accuracy=normal(0,1)", "unknown sweep key 'pump.accuracy'")]
    [InlineData("pump.accuracy_pct", "expected KEY=DIST")]
    [InlineData("=normal(0,1)", "variation '=normal(0,1)': expected KEY=DIST")]
    [InlineData("reservoir_ml=foo", "variation reservoir_ml: 'foo' is not a distribution")]
    public void Variation_RejectsBadText(string text, string message) =>
        FluentActions.Invoking(() => Variation.Parse(text)).Should().Throw<SweepException>().WithMessage($"*{message}*");

    [Fact]
    public void Variation_RejectsAKeyGivenTwice() =>
        FluentActions.Invoking(() => Variation.ParseAll(["reservoir_ml=uniform(1,2)", "reservoir_ml=choice(3)"]))
            .Should().Throw<SweepException>().WithMessage("*more than once*");

    [Fact]
    public void SweepException_SpeaksTheDomain_AndKeepsTheDetailForFrontEnds()
    {
        // The core names the input in words; a front end prefixes the detail with its own name for it.
        var e = FluentActions.Invoking(() => ShardSpec.Parse("3/2")).Should().Throw<SweepException>().Which;
        e.Input.Should().Be(SweepInput.Shard);
        e.Detail.Should().Be("'3/2': i must be 0 to 1 (shards count from 0)");
        e.Message.Should().Be("shard '3/2': i must be 0 to 1 (shards count from 0)");
        e.Message.Should().NotContain("--");
    }

    [Fact]
    public void Shard_OwnsEveryNthRun_AndPrintsAsIOverN()
    {
        // Shard 1/3 of 8 runs owns r % 3 == 1: runs 1, 4, 7.
        var shard = ShardSpec.Parse("1/3");
        Enumerable.Range(0, 8).Where(shard.Owns).Should().Equal(1, 4, 7);
        shard.Runs(8).Should().Equal(1, 4, 7);
        (shard.IsWhole, shard.ToString()).Should().Be((false, "1/3"));
        (ShardSpec.Whole.IsWhole, ShardSpec.Whole.ToString()).Should().Be((true, "0/1"));
    }

    [Fact]
    public void Sweep_RunsCallsBackOncePerRun_AndGivesTheSameRowsOnAnyNumberOfWorkers()
    {
        var plan = new SimulationPlan { Duration = SimDuration.FromDays(2), Seed = 7 };
        var sweep = new Sweep(plan, 5, Variation.ParseAll(["reservoir_ml=uniform(1,5)"]));
        var calls = 0;
        var one = sweep.Run(ShardSpec.Whole, 1, () => Interlocked.Increment(ref calls));
        calls.Should().Be(5);
        var three = sweep.Run(ShardSpec.Whole, 3);
        three.Select(r => r.ToString()).Should().Equal(one.Select(r => r.ToString()));
        one.Select(r => r.Run).Should().Equal(0, 1, 2, 3, 4);
    }

    [Fact]
    public void SweepException_NamesEachInputInDomainWords()
    {
        var runs = FluentActions.Invoking(() => new Sweep(new SimulationPlan(), 0, [])).Should().Throw<SweepException>().Which;
        (runs.Input, runs.Message).Should().Be((SweepInput.Runs, "runs must be at least 1, got 0"));
        var workers = FluentActions.Invoking(() => new Sweep(new SimulationPlan(), 1, []).Run(ShardSpec.Whole, 0)).Should().Throw<SweepException>().Which;
        (workers.Input, workers.Message).Should().Be((SweepInput.Workers, "workers must be at least 1, got 0"));
        var twice = FluentActions.Invoking(() => Variation.ParseAll(["reservoir_ml=uniform(1,2)", "reservoir_ml=choice(3)"])).Should().Throw<SweepException>().Which;
        (twice.Input, twice.Detail, twice.Message).Should().Be((SweepInput.Variation, "reservoir_ml is given more than once", "variation reservoir_ml is given more than once"));
        var unknown = FluentActions.Invoking(() => SweepKey.Find("nope")).Should().Throw<SweepException>().Which;
        (unknown.Input, unknown.Detail).Should().Be((SweepInput.None, unknown.Message));
    }

    [Theory]
    [InlineData("0/1", 0, 1)]
    [InlineData("3/4", 3, 4)]
    public void Shard_Parses(string text, int i, int n) => ShardSpec.Parse(text).Should().Be(new ShardSpec(i, n));

    [Theory]
    [InlineData("4/4")]
    [InlineData("-1/4")]
    [InlineData("1/0")]
    [InlineData("1")]
    [InlineData("a/b")]
    [InlineData("1/2/3")]
    public void Shard_RejectsBadText(string text) =>
        FluentActions.Invoking(() => ShardSpec.Parse(text)).Should().Throw<SweepException>();

    [Fact]
    public void Shards_PartitionTheRuns()
    {
        var all = Enumerable.Range(0, 4).SelectMany(i => new ShardSpec(i, 4).Runs(10)).Order().ToArray();
        all.Should().Equal(Enumerable.Range(0, 10));
        new ShardSpec(1, 4).Runs(10).Should().Equal(1, 5, 9);
    }

    private static SimulationPlan WithRefillAndKink() => Plans.OneMlPerDay(5, "1h") with
    {
        Seed = 3,
        Actions =
        [
            new TimedAction(Plans.Day(1), 0, new CatheterFaultAction(CatheterFaultKind.Kink)),
            new TimedAction(Plans.Day(2), 1, new RefillAction(Volume.FromMl(10))),
            new TimedAction(Plans.Day(3), 2, new NarrationAction("day 3")),
        ],
    };

    [Fact]
    public void Run_DrawsTheSameValuesWhateverTheSweepSize()
    {
        var v = Variation.ParseAll(["pump.accuracy_pct=normal(0,5)", "reservoir_ml=uniform(5,15)"]);
        var small = new Sweep(WithRefillAndKink(), 10, v);
        var large = new Sweep(WithRefillAndKink(), 1000, v);
        small.PlanFor(7).Values.Should().Equal(large.PlanFor(7).Values);
        small.PlanFor(7).Values.Should().NotEqual(small.PlanFor(8).Values);
    }

    [Fact]
    public void OutOfDomainDraws_AreClampedAndSaySo()
    {
        var sweep = new Sweep(WithRefillAndKink(), 5, Variation.ParseAll(["pump.accuracy_pct=uniform(150,200)", "reservoir_ml=uniform(1,2)"]));
        var (plan, values, clamped) = sweep.PlanFor(0);
        values[0].Should().Be(100);
        plan.AccuracyPct.Should().Be(100);
        clamped.Should().Equal(SweepKey.AccuracyPct);
    }

    [Fact]
    public void RefillDelay_ShiftsEveryRefillAndKeepsTheActionsSorted()
    {
        var sweep = new Sweep(WithRefillAndKink(), 1, Variation.ParseAll(["refill.delay=choice(30)"]));
        var plan = sweep.PlanFor(0).Plan;
        plan.Actions.Select(a => a.Action.GetType().Name).Should().Equal("CatheterFaultAction", "NarrationAction", "RefillAction");
        plan.Actions[2].At.Should().Be(Plans.Day(2) + SimDuration.FromHours(30));
    }

    [Fact]
    public void CatheterFaultTime_NeverMovesBeforeTheStart()
    {
        var sweep = new Sweep(WithRefillAndKink(), 1, Variation.ParseAll(["catheter.fault_time=choice(-48)"]));
        sweep.PlanFor(0).Plan.Actions[0].At.Should().Be(Plans.Start);
    }

    [Fact]
    public void ShiftingAnAbsentAction_IsAnError() =>
        FluentActions.Invoking(() => new Sweep(Plans.OneMlPerDay(2), 1, Variation.ParseAll(["refill.delay=choice(1)"])))
            .Should().Throw<SweepException>().WithMessage("*no refill event*");

    [Fact]
    public void NearestRank_IsAValueOfTheSet()
    {
        var xs = Enumerable.Range(1, 20).Select(i => (double)i).ToArray();
        SweepAggregate.NearestRank(xs, 5).Should().Be(1);
        SweepAggregate.NearestRank(xs, 50).Should().Be(10);
        SweepAggregate.NearestRank(xs, 95).Should().Be(19);
        SweepAggregate.NearestRank([4.0], 95).Should().Be(4);
    }

    [Fact]
    public void Rows_SeeAPumpRunningDryBeforeItsAlarm()
    {
        // A pump pumping twice its program from 2.5 mL at a nominal 1 mL/day.
        var plan = Plans.OneMlPerDay(3, "1h") with { Reservoir = Volume.FromMl(2.5), AccuracyPct = 100 };
        var row = new Sweep(plan, 1, []).RunOne(0);
        // True empty at 1.25 d; the estimate reaches 2 mL at 0.5 d, so the alarm came first.
        row.TrueEmptyBeforeLra.Should().BeFalse();
        var dry = new Sweep(plan with { LowReservoirAlarm = Volume.FromMl(0.5) }, 1, []).RunOne(0);
        // Estimate reaches 0.5 mL at 2 d, true empty at 1.25 d: dry with no warning.
        dry.TrueEmptyBeforeLra.Should().BeTrue();
        dry.AlarmFirstRaiseDay[0].Should().Be(2);
    }

    [Fact]
    public void Aggregate_CountsFromRows()
    {
        var rows = new Sweep(WithRefillAndKink(), 6, Variation.ParseAll(["reservoir_ml=choice(1,19)"])).Run(ShardSpec.Whole, 2);
        rows.Select(r => r.Run).Should().Equal(0, 1, 2, 3, 4, 5);
        var a = SweepAggregate.Of(rows.Reverse(), [SweepKey.ReservoirMl]);
        var low = rows.Count(r => r.Values[0] == 1);
        a.Alarms[0].Count.Should().Be(low);
        a.Alarms[0].Probability.Should().Be(SweepRow.Quantise(low / 6.0));
        a.DeliveredP50.Should().Be(SweepAggregate.NearestRank(rows.Select(r => r.DeliveredCsfMcg).Order().ToArray(), 50));
    }

    [Fact]
    public void Trumpet_OfAnIdealPumpIsItsBias()
    {
        var plan = Plans.OneMlPerDay(1) with { AccuracyPct = 14.5 };
        var r = FlowAccuracy.Run(plan, SimDuration.FromHours(2));
        r.Trumpet.Select(p => p.WindowMin).Should().Equal(2, 5, 11, 19, 31);
        foreach (var p in r.Trumpet)
        {
            p.MaxErrorPct.Should().BeApproximately(14.5, 0.01);
            p.MinErrorPct.Should().BeApproximately(14.5, 0.01);
        }
        r.Startup.Should().HaveCount(240);
        r.OverallErrorPct.Should().BeApproximately(14.5, 0.001);
    }

    [Fact]
    public void Trumpet_SeesAStallInTheShortWindowsOnly()
    {
        // A 2-minute stall at 1h30m: the 2-min window sees -100 %, the 31-min window a fraction of it.
        var plan = Plans.OneMlPerDay(1) with
        {
            Actions = [new TimedAction(Plans.At("1h30m"), 0, new MotorStallAction(SimDuration.FromMinutes(2)))],
        };
        var r = FlowAccuracy.Run(plan, SimDuration.FromHours(2));
        r.Trumpet[0].MinErrorPct.Should().BeApproximately(-100, 0.01);
        r.Trumpet[^1].MinErrorPct.Should().BeApproximately(-100 * 2 / 31.0, 0.01);
        // Every 31-min window of minutes 60-120 overlaps minutes 90-92 by at least one minute.
        r.Trumpet.Take(4).Should().OnlyContain(p => Math.Abs(p.MaxErrorPct) < 0.01);
        r.Trumpet[^1].MaxErrorPct.Should().BeApproximately(-100 / 31.0, 0.01);
    }
}
