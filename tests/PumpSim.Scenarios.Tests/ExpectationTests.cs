using PumpSim.Core.Events;
using PumpSim.Core.Firmware;
using PumpSim.Core.Units;
using PumpSim.Scenarios;

namespace PumpSim.Scenarios.Tests;

/// <summary>Expectations judged against hand-built results: each kind passes and fails, with the actual value in the detail.</summary>
public class ExpectationTests
{
    private static readonly SimInstant Start = SimInstant.FromDateTimeOffset(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private static SimInstant Day(double d) => Start + SimDuration.FromDays(d);

    private static PumpEvent Ev(SimInstant at, PumpEvent e) => e with { At = at };

    private static Snapshot Snap(SimInstant at, double delivered = 0, double trueMl = 10, double estMl = 10,
        string therapy = "infusing", string catheter = "patent", string motor = "running", string reservoir = "ok", string battery = "ok") =>
        new(at,
            new TelemetrySample(at, therapy, 500, 1, trueMl, estMl, catheter, delivered, 0, 2000, [], null, null, motor, 500),
            catheter, motor, reservoir, battery, delivered, 0);

    private static SimulationResult Result(IEnumerable<PumpEvent> events, params Snapshot[] snapshots) =>
        new("t", 0, Start, Day(30), new Totals(0, 0, 0, 0, 0, 0), new FinalState(0, 0, 0, "infusing"), [],
            events.ToArray(), [], snapshots.ToDictionary(s => s.At));

    private static readonly PumpEvent LowRaised = Ev(Day(18), new AlarmRaised(AlarmIds.LowReservoir, AlarmPriority.NonCritical));

    [Fact]
    public void AlarmExpectation_RaisedInWindow()
    {
        var e = new AlarmExpectation(Start, AlarmIds.LowReservoir, new TimeWindow(Day(17), Day(19)));
        e.Text.Should().Be("alarm low-reservoir raised between 17d and 19d");
        var pass = e.Evaluate(Result([LowRaised]));
        pass.Passed.Should().BeTrue();
        pass.Detail.Should().Be("raised at 2026-01-19T00:00:00Z (day 18.000)");
        pass.Text.Should().Be(e.Text);

        var late = new AlarmExpectation(Start, AlarmIds.LowReservoir, new TimeWindow(Day(10), Day(12))).Evaluate(Result([LowRaised]));
        late.Passed.Should().BeFalse();
        late.Detail.Should().Contain("day 18.000").And.Contain("outside the window");

        var none = e.Evaluate(Result([Ev(Day(18), new AlarmRaised(AlarmIds.MotorStall, AlarmPriority.Critical))]));
        none.Passed.Should().BeFalse();
        none.Detail.Should().Be("never raised");
    }

    [Fact]
    public void AlarmExpectation_NeverAndCleared()
    {
        var never = new AlarmExpectation(Start, AlarmIds.LowReservoir, null, never: true);
        never.Evaluate(Result([])).Passed.Should().BeTrue();
        never.Evaluate(Result([LowRaised])).Should().Match<ExpectationOutcome>(o => !o.Passed && o.Detail.Contains("day 18.000"));

        var cleared = new AlarmExpectation(Start, AlarmIds.LowReservoir, new TimeWindow(Day(17), Day(19)), cleared: new TimeWindow(Day(20), null));
        cleared.Text.Should().Be("alarm low-reservoir raised between 17d and 19d and cleared after 20d");
        var clear = Ev(Day(21), new AlarmCleared(AlarmIds.LowReservoir, AlarmPriority.NonCritical, "refilled"));
        cleared.Evaluate(Result([LowRaised, clear])).Passed.Should().BeTrue();
        cleared.Evaluate(Result([LowRaised])).Detail.Should().EndWith("never cleared");
        cleared.Evaluate(Result([LowRaised])).Passed.Should().BeFalse();
    }

    [Fact]
    public void EventCountExpectation_PassesAndFails()
    {
        var events = new[] { Ev(Day(1), new Refill(0, 0, 0, 0, 0)), Ev(Day(5), new Refill(0, 0, 0, 0, 0)), Ev(Day(6), new Interrogation(0, 0)) };
        new EventCountExpectation(Start, EventTypes.Refill, count: 2).Evaluate(Result(events)).Passed.Should().BeTrue();
        var one = new EventCountExpectation(Start, EventTypes.Refill, count: 1).Evaluate(Result(events));
        one.Passed.Should().BeFalse();
        one.Detail.Should().Be("2 events, first at 2026-01-02T00:00:00Z (day 1.000)");
        new EventCountExpectation(Start, EventTypes.Refill, count: 1, window: new TimeWindow(Day(2), null)).Evaluate(Result(events)).Passed.Should().BeTrue();
        new EventCountExpectation(Start, EventTypes.Refill, min: 3).Evaluate(Result(events)).Passed.Should().BeFalse();
        new EventCountExpectation(Start, EventTypes.Refill, max: 1).Evaluate(Result(events)).Passed.Should().BeFalse();
        new EventCountExpectation(Start, EventTypes.RefillDiscrepancy).Evaluate(Result(events)).Should().Match<ExpectationOutcome>(o => !o.Passed && o.Detail == "0 events");
        new EventCountExpectation(Start, EventTypes.Refill, min: 1, max: 3).Text.Should().Be("event refill 1 to 3 times");
    }

    [Fact]
    public void DeliveredExpectation_BetweenTwoProbes()
    {
        var e = new DeliveredExpectation(Start, Day(0), Day(3), 1237.5, tolerancePct: 0.1);
        e.Probes(new Core.Engine.SimulationPlan()).Should().Equal(Day(0), Day(3));
        var ok = e.Evaluate(Result([], Snap(Day(0), delivered: 100), Snap(Day(3), delivered: 1338)));
        ok.Passed.Should().BeTrue();
        ok.Detail.Should().Be("delivered 1238 mcg (difference +0.5 mcg)");
        e.Evaluate(Result([], Snap(Day(0), delivered: 100), Snap(Day(3), delivered: 1400))).Passed.Should().BeFalse();
        var missing = e.Evaluate(Result([], Snap(Day(0))));
        missing.Passed.Should().BeFalse();
        missing.Detail.Should().Contain("no snapshot at 2026-01-04T00:00:00Z");
        new DeliveredExpectation(Start, Day(0), Day(3), 10).Evaluate(Result([], Snap(Day(0)), Snap(Day(3), delivered: 10.002))).Passed.Should().BeFalse();
    }

    [Fact]
    public void ReservoirExpectation_TrueAndEstimated()
    {
        var snap = Snap(Day(9), trueMl: 17.525, estMl: 18.1);
        new ReservoirExpectation(Start, Day(9), true, 17.525, 0.001).Evaluate(Result([], snap)).Passed.Should().BeTrue();
        var est = new ReservoirExpectation(Start, Day(9), false, 17.525, 0.001).Evaluate(Result([], snap));
        est.Passed.Should().BeFalse();
        est.Detail.Should().Be("estimated reservoir 18.1 mL at 2026-01-10T00:00:00Z (day 9.000)");
    }

    [Fact]
    public void StateExpectation_ComparesEveryGivenAspect()
    {
        var e = new StateExpectation(Start, Day(5), [(StateAspect.Therapy, "infusing"), (StateAspect.Catheter, "kink")]);
        e.Evaluate(Result([], Snap(Day(5), catheter: "kink"))).Passed.Should().BeTrue();
        var fail = e.Evaluate(Result([], Snap(Day(5))));
        fail.Passed.Should().BeFalse();
        fail.Detail.Should().Be("therapy infusing, catheter patent at 2026-01-06T00:00:00Z (day 5.000)");
        new StateExpectation(Start, Day(5), [(StateAspect.Battery, "eri")]).Evaluate(Result([], Snap(Day(5), battery: "eri"))).Passed.Should().BeTrue();
        new StateExpectation(Start, Day(5), [(StateAspect.Motor, "stalled")]).Evaluate(Result([], Snap(Day(5)))).Passed.Should().BeFalse();
        new StateExpectation(Start, Day(5), [(StateAspect.Reservoir, "low")]).Evaluate(Result([], Snap(Day(5), reservoir: "low"))).Passed.Should().BeTrue();
    }

    [Fact]
    public void PatientFlagExpectation_PassesAndFails()
    {
        var raised = Ev(Day(4), new PatientFlagRaised("withdrawal-risk", 0));
        var e = new PatientFlagExpectation(Start, "withdrawal-risk", new TimeWindow(null, Day(6)));
        e.Evaluate(Result([raised])).Passed.Should().BeTrue();
        e.Evaluate(Result([Ev(Day(7), new PatientFlagRaised("withdrawal-risk", 0))])).Passed.Should().BeFalse();
        new PatientFlagExpectation(Start, "underdose", null, never: true).Evaluate(Result([raised])).Passed.Should().BeTrue();
        new PatientFlagExpectation(Start, "withdrawal-risk", null, never: true).Evaluate(Result([raised])).Passed.Should().BeFalse();
    }

    [Fact]
    public void LoadedExpectations_EvaluateAgainstAResult()
    {
        const string yaml = """
            duration: 30d
            expect:
              - alarm: low-reservoir
                raised: { after: 17d, before: 19d }
              - event: alarm-raised
                window: { after: 1d }
                min: 1
            """;
        var s = ScenarioLoader.Parse(yaml, "x.yaml");
        s.Expectations.Select(x => x.Evaluate(Result([LowRaised])).Passed).Should().Equal(true, true);
        s.Expectations[1].Text.Should().Be("event alarm-raised at least 1 time after 1d");
    }

    [Theory]
    [InlineData("actual")]
    [InlineData("true")] // the old spelling: a bare `true:` key is a boolean to YAML tools, but older files must run unchanged
    public void Reservoir_actual_and_its_old_spelling_true_read_the_same(string key)
    {
        var yaml = $"duration: 10d\nexpect:\n  - reservoir_ml: {{ at: 9d, {key}: {{ approx: 17.525, tolerance: 0.001 }} }}\n";
        var e = ScenarioLoader.Parse(yaml, "r.yaml").Expectations.Single().Should().BeOfType<ReservoirExpectation>().Which;
        e.TrueVolume.Should().BeTrue();
        // true volume 17.5 vs 17.525 ± 0.001 fails; 17.525 passes, so the key reads the true side, not the estimate (10).
        e.Evaluate(Result([], Snap(Day(9), trueMl: 17.525, estMl: 10))).Passed.Should().BeTrue();
        e.Evaluate(Result([], Snap(Day(9), trueMl: 17.5, estMl: 17.525))).Passed.Should().BeFalse();
    }

    [Theory]
    [InlineData("  - reservoir_ml: { at: 1d, actual: { approx: 1 }, true: { approx: 1 } }\n", 3, 52, "'true' and 'actual' in one reservoir_ml")]
    [InlineData("  - reservoir_ml: { at: 1d, actaul: { approx: 1 } }\n", 3, 29, "did you mean 'actual'?")]
    [InlineData("  - event: refil\n", 3, 12, "did you mean 'refill'?")]
    [InlineData("  - alarms: low-reservoir\n", 3, 5, "did you mean 'alarm'?")]
    [InlineData("  - state: { at: 1d, therapy: infussing }\n", 3, 31, "did you mean 'infusing'?")]
    [InlineData("  - state: { at: 1d }\n", 3, 12, "at least one of therapy")]
    [InlineData("  - patient: { flag: underdose, never: true }\n", 3, 14, "add a 'patient:' section")]
    [InlineData("  - delivered_mcg: { from: 2d, to: 1d, equals: 5 }\n", 3, 36, "earlier than 'from'")]
    [InlineData("  - reservoir_ml: { at: 1d }\n", 3, 19, "needs 'actual' or 'estimated'")]
    [InlineData("  - reservoir_ml: { at: 9d, actual: { approx: 1 } }\n", 3, 25, "ends at")]
    [InlineData("  - alarm: motor-stall\n    raised: { after: 1d }\n    never: true\n", 5, 12, "cannot be used together")]
    public void Bad_expectations_are_load_errors(string item, int line, int column, string phrase)
    {
        var yaml = "duration: 3d\nexpect:\n" + item;
        var error = FluentActions.Invoking(() => ScenarioLoader.Parse(yaml, "e.yaml")).Should().Throw<ScenarioException>().Which;
        error.Reason.Should().Contain(phrase);
        (error.Line, error.Column).Should().Be((line, column), because: error.Message);
    }
}
