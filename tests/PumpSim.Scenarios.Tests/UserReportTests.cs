using PumpSim.Core.Engine;
using PumpSim.Core.Events;
using PumpSim.Core.Units;
using PumpSim.Scenarios;

namespace PumpSim.Scenarios.Tests;

/// <summary>Problems a new user reported: each case fails without its fix.</summary>
public class UserReportTests
{
    private static ScenarioException Refused(string yaml) =>
        FluentActions.Invoking(() => ScenarioLoader.Parse(yaml, "user.yaml")).Should().Throw<ScenarioException>().Which;

    [Theory]
    [InlineData("duration: 3d\ntherapy: { mode: continuous, rate_mcg_per_dya: 500 }\n", 2, 30)]
    [InlineData("duration: 3d\ntherapy:\n  mode: continuous\n  rate_mcg_per_dya: 500\n", 4, 3)]
    [InlineData("duration: 3d\nevents:\n  - { at: 1d, refill: { add_mll: 5 } }\n", 3, 25)]
    public void UnknownKey_IsReportedBeforeTheMissingKeyItCauses(string yaml, int line, int column)
    {
        var error = Refused(yaml);
        error.Errors[0].Message.Should().StartWith("unknown key");
        error.Errors[0].Message.Should().Contain("did you mean");
        (error.Line, error.Column).Should().Be((line, column));
        error.Errors.Should().HaveCountGreaterThan(1, "the side effect is still reported, after the cause");
    }

    [Fact]
    public void MisspeltTopLevelKey_ComesBeforeMissingDuration()
    {
        var error = Refused("seed: 1\ndurtion: 3d\n");
        error.Reason.Should().Contain("unknown key 'durtion'").And.Contain("did you mean 'duration'?");
        error.Errors[1].Message.Should().Contain("missing 'duration'");
    }

    [Fact]
    public void TabInIndentation_IsLocatedOnItsLine()
    {
        var lines = Enumerable.Range(1, 12).Select(i => $"# comment {i}").ToList();
        lines.Insert(0, "duration: 3d");
        lines.Add("pump:");
        lines.Add("\tmodel: synchromed-ii-20");
        var error = Refused(string.Join("\n", lines) + "\n");
        (error.Line, error.Column).Should().Be((15, 1), because: error.Message);
        error.Reason.Should().Contain("line 15 uses a tab for indentation; YAML needs spaces");
    }

    [Fact]
    public void TabAfterSpaces_IsLocatedAtTheTab()
    {
        var error = Refused("duration: 3d\npump:\n  model: synchromed-ii-20\n  \taccuracy_pct: 1\n");
        (error.Line, error.Column).Should().Be((4, 3), because: error.Message);
        error.Reason.Should().Contain("uses a tab for indentation");
    }

    [Theory]
    [InlineData("duration: 3d\ntitle: a: b\n", "a ':' inside a value (quote text that contains ': ')")]
    [InlineData("duration: 3d\ntitle: \"x\": 1\n", "a ':' where none is expected (quote text that contains ': '")]
    [InlineData("duration: 3d\npump:\n  model: synchromed-ii-20\n accuracy_pct: 1\n", "does not continue the mapping above")]
    [InlineData("duration: 3d\ntherapy: { mode: continuous rate_mcg_per_day: 5 }\n", "mapping does not go on as expected")]
    public void YamlSyntaxErrors_AreInPlainWords(string yaml, string phrase)
    {
        var error = Refused(yaml);
        error.Reason.Should().StartWith("YAML syntax error: ").And.Contain(phrase);
        error.Line.Should().BeGreaterThan(1);
    }

    [Fact]
    public void Messages_PointToTheRepositoryDoc_NotMissingOnes()
    {
        Refused("").Reason.Should().Contain("docs/scenario-format.md").And.NotContain("SCENARIOS.md");
        var schema = ScenarioSchema.Json;
        schema.Should().NotContain("SCENARIOS.md").And.NotContain("PUMP.md").And.Contain("docs/scenario-format.md");
    }

    [Fact]
    public void NegativeTime_ReadsAsOneSentence()
    {
        var error = Refused("duration: 3d\nevents:\n  - { at: -1d, interrogate: {} }\n");
        error.Reason.Should().Be("'at': a duration cannot be negative, got '-1d'; write an offset from the start such as 3d, or an ISO-8601 UTC time");
    }

    [Fact]
    public void RangeError_HasNoParenthesesInsideParentheses()
    {
        var fraction = Refused("duration: 3d\nevents:\n  - { at: 1d, catheter: { fault: kink, fraction: 2 } }\n");
        fraction.Reason.Should().Be("'fraction' must be between 0 and 1 (fraction of flow affected, for kink, occlusion, leak or tear), got 2");
        var maintenance = Refused("duration: 3d\npatient: { maintenance_mcg_per_day: 0 }\n");
        maintenance.Reason.Should().NotContain("))").And.Contain("; default 450)");
    }

    [Theory]
    [InlineData("raised: { after: 10d, before: 10d }", "alarm low-reservoir raised at 10d")]
    [InlineData("raised: { after: 3d }", "alarm low-reservoir raised after 3d")]
    [InlineData("raised: { before: 3d }", "alarm low-reservoir raised before 3d")]
    public void ExpectationTexts_ReadNaturally(string window, string text)
    {
        var loaded = ScenarioLoader.Parse($"duration: 20d\nexpect:\n  - {{ alarm: low-reservoir, {window} }}\n", "user.yaml");
        loaded.Expectations.Single().Text.Should().Be(text);
    }

    [Fact]
    public void RefillLargerThanThePump_IsRefusedAtLoad()
    {
        var error = Refused("duration: 3d\npump: { model: synchromed-ii-20 }\nevents:\n  - { at: 1d, refill: { add_ml: 40 } }\n");
        error.Reason.Should().Be("add_ml 40 is more than synchromed-ii-20 holds (20 mL)");
        (error.Line, error.Column).Should().Be((4, 33));
    }

    [Fact]
    public void APartialOverfill_Loads_AndThePumpTakesOnlyWhatFits()
    {
        var s = ScenarioLoader.Parse("duration: 3d\npump: { model: synchromed-ii-20 }\nevents:\n  - { at: 1d, refill: { add_ml: 20, withdraw: 0 } }\n", "ok.yaml");
        var refill = s.Plan.Actions.Single().Action.Should().BeOfType<RefillAction>().Which;
        (refill.Add, refill.Withdraw, refill.Into).Should().Be((Volume.FromMl(20), Volume.Zero, RefillTarget.Reservoir));

        // Defaults: 20 mL at 500 mcg/mL, 500 mcg/day = 1 mL/day, so after 1 day 19 mL are left and
        // 20 − 19 = 1 mL fits; nothing is withdrawn, so 19 of the 20 mL are refused.
        var r = Simulation.Run(s.Plan);
        var refused = r.Events.OfType<RefillOverfillRefused>().Single();
        refused.RequestedMl.Should().Be(20);
        refused.AcceptedMl.Should().BeApproximately(1, 1e-9);
        refused.RefusedMl.Should().BeApproximately(19, 1e-9);
        r.Events.OfType<Refill>().Single().ReservoirTrueMl.Should().BeApproximately(20, 1e-9, "full, not over");
    }

    [Fact]
    public void ALargePocketFill_Loads_AndPutsTheWholeDoseInThePocket()
    {
        var s = ScenarioLoader.Parse("duration: 3d\npump: { model: synchromed-ii-20 }\nevents:\n  - { at: 1d, refill: { add_ml: 40, into: pocket } }\n", "ok.yaml");
        var refill = s.Plan.Actions.Single().Action.Should().BeOfType<RefillAction>().Which;
        (refill.Add, refill.Into).Should().Be((Volume.FromMl(40), RefillTarget.Pocket));

        // 40 mL at the default 500 mcg/mL = 20 000 mcg into the pocket; the reservoir keeps its
        // 19 mL (20 − 1 mL/day × 1 day); the firmware is told the reservoir holds min(40, 20) = 20 mL.
        var r = Simulation.Run(s.Plan);
        var pocket = r.Events.OfType<PocketFill>().Single();
        pocket.InjectedMl.Should().Be(40);
        pocket.InjectedMcg.Should().BeApproximately(40 * 500, 1e-6);
        pocket.ProgrammedMl.Should().Be(20);
        pocket.ReservoirTrueMl.Should().BeApproximately(19, 1e-9);
        r.Events.Should().NotContain(e => e.Type == EventTypes.Refill);
    }
}
