using PumpSim.Core.Engine;
using PumpSim.Core.Units;

namespace PumpSim.Scenarios.Tests;

/// <summary>The programmer's settings events (alarm_settings, ptm_settings): optional, read into the
/// engine's actions, checked against the pump in place with a located error.</summary>
public class SettingsEventTests
{
    private const string Head = "scenario: s\nduration: 1d\ntherapy: { mode: continuous, rate_mcg_per_day: 450 }\nevents:\n";

    [Fact]
    public void AlarmSettings_IsReadAsTheEnginesAction()
    {
        var plan = ScenarioLoader.Parse(Head + "  - { at: 1h, alarm_settings: { low_reservoir_alarm_ml: 3 } }\n", "s.yaml").Plan;
        plan.Actions.Single().Action.Should().Be(new AlarmSettingsAction(Volume.FromMl(3)));
    }

    [Fact]
    public void AlarmSettings_OutsideThePumpsRange_IsALocatedError()
    {
        // The 20-mL pump: 0.5 mL to half its capacity, 10 mL.
        var act = () => ScenarioLoader.Parse(Head + "  - { at: 1h, alarm_settings: { low_reservoir_alarm_ml: 12 } }\n", "s.yaml");
        act.Should().Throw<ScenarioException>().WithMessage("*s.yaml:5:*alarm_settings low_reservoir_alarm_ml must be 0.5 to 10 mL*got 12*");
    }

    [Fact]
    public void PtmRequest_AfterPtmSettings_NeedsNoPtmSection_ButBeforeItIsRefused()
    {
        const string settings = "  - { at: 1h, ptm_settings: { dose_mcg: 50, duration: 10m, lockout: 3h, max_per_day: 4 } }\n";
        ScenarioLoader.Parse(Head + settings + "  - { at: 2h, ptm_request: {} }\n", "s.yaml").Plan.Actions.Should().HaveCount(2);
        var early = () => ScenarioLoader.Parse(Head + settings + "  - { at: 30m, ptm_request: {} }\n", "s.yaml");
        early.Should().Throw<ScenarioException>().WithMessage("*ptm_request needs PTM settings*ptm_settings event before it*");
    }
}
