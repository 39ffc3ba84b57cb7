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
    public void An_unknown_key_is_reported_before_the_missing_key_it_causes(string yaml, int line, int column)
    {
        var error = Refused(yaml);
        error.Errors[0].Message.Should().StartWith("unknown key");
        error.Errors[0].Message.Should().Contain("did you mean");
        (error.Line, error.Column).Should().Be((line, column));
        error.Errors.Should().HaveCountGreaterThan(1, "the side effect is still reported, after the cause");
    }

    [Fact]
    public void A_misspelt_top_level_key_comes_before_missing_duration()
    {
        var error = Refused("seed: 1\ndurtion: 3d\n");
        error.Reason.Should().Contain("unknown key 'durtion'").And.Contain("did you mean 'duration'?");
        error.Errors[1].Message.Should().Contain("missing 'duration'");
    }

    [Fact]
    public void A_tab_in_indentation_is_located_on_its_line()
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
    public void A_tab_after_spaces_is_located_at_the_tab()
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
    public void Common_yaml_syntax_errors_are_in_plain_words(string yaml, string phrase)
    {
        var error = Refused(yaml);
        error.Reason.Should().StartWith("YAML syntax error: ").And.Contain(phrase);
        error.Line.Should().BeGreaterThan(1);
    }

    [Fact]
    public void Messages_point_to_the_repository_doc_not_missing_ones()
    {
        Refused("").Reason.Should().Contain("docs/scenario-format.md").And.NotContain("SCENARIOS.md");
        var schema = ScenarioSchema.Json;
        schema.Should().NotContain("SCENARIOS.md").And.NotContain("PUMP.md").And.Contain("docs/scenario-format.md");
    }

    [Fact]
    public void A_negative_time_reads_as_one_sentence()
    {
        var error = Refused("duration: 3d\nevents:\n  - { at: -1d, interrogate: {} }\n");
        error.Reason.Should().Be("'at': a duration cannot be negative, got '-1d'; write an offset from the start such as 3d, or an ISO-8601 UTC time");
    }

    [Fact]
    public void A_range_error_has_no_parentheses_inside_parentheses()
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
    public void Expectation_texts_read_naturally(string window, string text)
    {
        var loaded = ScenarioLoader.Parse($"duration: 20d\nexpect:\n  - {{ alarm: low-reservoir, {window} }}\n", "user.yaml");
        loaded.Expectations.Single().Text.Should().Be(text);
    }

    [Fact]
    public void A_refill_larger_than_the_pump_is_refused_at_load()
    {
        var error = Refused("duration: 3d\npump: { model: synchromed-ii-20 }\nevents:\n  - { at: 1d, refill: { add_ml: 40 } }\n");
        error.Reason.Should().Be("add_ml 40 is more than synchromed-ii-20 holds (20 mL)");
        (error.Line, error.Column).Should().Be((4, 33));
    }

    [Fact]
    public void A_partial_overfill_and_a_large_pocket_fill_still_load()
    {
        ScenarioLoader.Parse("duration: 3d\npump: { model: synchromed-ii-20 }\nevents:\n  - { at: 1d, refill: { add_ml: 20, withdraw: 0 } }\n", "ok.yaml");
        ScenarioLoader.Parse("duration: 3d\npump: { model: synchromed-ii-20 }\nevents:\n  - { at: 1d, refill: { add_ml: 40, into: pocket } }\n", "ok.yaml");
    }
}
