using PumpSim.Core.Engine;
using PumpSim.Core.Plant;
using PumpSim.Core.Therapy;
using PumpSim.Core.Units;
using PumpSim.Scenarios;

namespace PumpSim.Scenarios.Tests;

/// <summary>The example of SCENARIOS.md §1, copied verbatim to Data/, must load unchanged.</summary>
public class ExampleScenarioTests
{
    private static readonly LoadedScenario Example =
        ScenarioLoader.Load(Path.Combine(AppContext.BaseDirectory, "Data", "kinked-catheter.yaml"));

    private static SimInstant T(string iso) => SimInstant.FromDateTimeOffset(DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Example_HeaderAndTimes()
    {
        Example.Plan.Id.Should().Be("kinked-catheter");
        Example.Title.Should().Be("A kinked catheter stops therapy silently");
        Example.Description.Should().StartWith("The catheter kinks on day 3.").And.EndWith("shows the discrepancy.");
        Example.Covers.Should().Equal("catheter-kink", "refill-discrepancy", "withdrawal-risk");
        Example.Plan.Start.Should().Be(T("2026-01-05T08:00:00Z"));
        Example.Plan.Duration.Should().Be(SimDuration.FromDays(14));
        Example.Plan.Step.Should().Be(SimDuration.FromMinutes(1));
        Example.Plan.Sample.Should().Be(SimDuration.FromMinutes(15));
        Example.Plan.Seed.Should().Be(7UL);
    }

    [Fact]
    public void Example_PumpDrugAndProgram()
    {
        var p = Example.Plan;
        p.Profile.Should().Be(PumpProfile.SynchroMedII40);
        p.LowReservoirAlarm.Should().Be(Volume.FromMl(2));
        p.BatteryLifeRemainingDays.Should().Be(2000);
        p.CatheterVolume.Should().Be(Volume.FromMl(0.2));
        p.CatheterContents.Should().Be(CatheterContents.Drug);
        p.Concentration.Should().Be(Concentration.FromMcgPerMl(500));
        p.Reservoir.Should().Be(Volume.FromMl(20));
        p.Program.Mode.Should().Be(ProgramMode.Flex);
        p.Program.Steps.Select(s => (s.StartSecond, s.Rate)).Should().Equal(
            (7 * 3600L, ProgramRate.McgPerDay(300)), (22 * 3600L, ProgramRate.McgPerDay(600)));
        p.Ptm.Should().Be(new PtmSettings(50, SimDuration.FromMinutes(10), SimDuration.FromHours(3), 4));
        p.Patient!.MaintenanceMcgPerDay.Should().Be(450);
    }

    [Fact]
    public void Example_EventsAreInTimeOrder_WithNarrationAfterTheEventItFollowsInTheFile()
    {
        var actions = Example.Plan.Actions;
        actions.Should().HaveCount(13);
        actions.Select(a => a.At).Should().BeInAscendingOrder();
        actions[0].Action.Should().Be(new CatheterFaultAction(CatheterFaultKind.Kink));
        actions[0].At.Should().Be(T("2026-01-08T08:00:00Z"));
        actions[1].Action.Should().Be(new NarrationAction("The catheter kinks. Nothing on the pump changes."));
        actions[1].At.Should().Be(actions[0].At);
        actions[1].Order.Should().BeGreaterThan(actions[0].Order);
        actions[2].Action.Should().Be(new RefillAction(Volume.FromMl(20)));
        actions[3].Action.Should().BeOfType<ProgramAction>().Which.Program.Rate.Should().Be(ProgramRate.McgPerDay(500));
        actions[4].Action.Should().Be(new BolusAction(50, SimDuration.FromMinutes(30)));
        actions[5].Action.Should().BeOfType<PtmRequestAction>();
        actions[5].At.Should().Be(Example.Plan.Start + DurationParser.Parse("12d6h"));
        actions[6].Action.Should().Be(new MriAction(SimDuration.FromMinutes(45), SimDuration.FromHours(2)));
        actions[7].Action.Should().BeOfType<InterrogateAction>();
        actions[8].Action.Should().Be(new SilenceAction(SimDuration.FromHours(1)));
        actions[9].Action.Should().Be(new MotorStallAction(SimDuration.FromMinutes(20)));
        actions[10].Action.Should().Be(new MemoryErrorAction(true));
        actions[11].Action.Should().BeOfType<BatteryResetAction>();
        actions[12].Action.Should().Be(new ReplacePumpAction());
        actions.Select(a => a.Order).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void Example_ExpectationsAndTheirProbes()
    {
        Example.Expectations.Select(e => e.Text).Should().Equal(
            "alarm motor-stall raised between 13d and 13d1h",
            "alarm low-reservoir never raised",
            "event refill-discrepancy exactly 1 time",
            "delivered to CSF from 0s to 3d = 1237.5 mcg ± 0.1%",
            "true reservoir at 9d = 17.525 mL ± 0.001 mL",
            "state at 5d: therapy infusing, catheter kink",
            "patient flag withdrawal-risk raised before 6d");
        var start = Example.Plan.Start;
        Example.Plan.Probes.Should().Equal(
            start, start + SimDuration.FromDays(3), start + SimDuration.FromDays(5), start + SimDuration.FromDays(9));
    }

    [Fact]
    public void Loader_DefaultIdIsTheFileName_AndDefaultsApply()
    {
        var s = ScenarioLoader.Parse("duration: 2d\n", "/some/dir/quiet-day.yaml");
        s.Plan.Id.Should().Be("quiet-day");
        s.Title.Should().Be("quiet-day");
        s.Plan.Start.Should().Be(T("2026-01-01T00:00:00Z"));
        s.Plan.Seed.Should().Be(0UL);
        s.Plan.Profile.Should().Be(PumpProfile.SynchroMedII20);
        s.Expectations.Should().BeEmpty();
        s.FileName.Should().Be("/some/dir/quiet-day.yaml");
    }

    [Fact]
    public void Loader_WeeklyFlexMlRatesAbsoluteTimesAndRefillDetails()
    {
        const string yaml = """
            duration: 2w
            start: 2026-03-02T00:00:00Z
            therapy:
              mode: flex
              repeat: weekly
              steps:
                - { day: mon, start: "08:00", rate_ml_per_day: 0.5 }
                - { day: sat, start: 00:00, rate_ml_per_day: 0.25 }
            events:
              - at: 2026-03-09T12:00:00Z
                refill: { add_ml: 15, withdraw: 3.5, concentration_mcg_per_ml: 1000, program_volume_ml: 18, bridge_bolus: true }
              - at: 2026-03-09T12:00:00Z
                program: { mode: continuous, rate_mcg_per_day: 20000 }
              - at: 0
                motor_stall: { duration: 5m, every: 1h, count: 3 }
              - { at: PT1H, catheter: { fault: revision, volume_ml: 0.3 } }
              - { at: 1h, silence: }
            """;
        var s = ScenarioLoader.Parse(yaml, "weekly.yaml");
        s.Plan.Program.Repeat.Should().Be(FlexRepeat.Weekly);
        s.Plan.Program.Steps.Select(x => x.StartSecond).Should().Equal(8 * 3600L, 5 * 86_400L);
        var a = s.Plan.Actions;
        a[0].Action.Should().Be(new MotorStallAction(SimDuration.FromMinutes(5), false, SimDuration.FromHours(1), 3));
        a[1].Action.Should().Be(new CatheterFaultAction(CatheterFaultKind.Revision, null, Volume.FromMl(0.3)));
        a[2].Action.Should().Be(new SilenceAction(SimDuration.FromHours(1)));
        a[3].Action.Should().Be(new RefillAction(Volume.FromMl(15), Volume.FromMl(3.5), Volume.FromMl(18), Concentration.FromMcgPerMl(1000), RefillTarget.Reservoir, true));
        a[3].At.Should().Be(T("2026-03-09T12:00:00Z"));
        // 20000 mcg/day is 20 mL/day at the new 1000 mcg/mL: within range only because the refill came first.
        a[4].Action.Should().BeOfType<ProgramAction>();
    }
}
