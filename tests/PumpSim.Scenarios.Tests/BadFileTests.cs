using PumpSim.Scenarios;

namespace PumpSim.Scenarios.Tests;

/// <summary>The corpus of Data/bad: each file has one mistake; the loader must point at it exactly.</summary>
public class BadFileTests
{
    private static string Bad(string name) => Path.Combine(AppContext.BaseDirectory, "Data", "bad", name);

    [Theory]
    [InlineData("syntax-error.yaml", 4, 17, "this '[' is never closed")]
    [InlineData("syntax-error-mapping.yaml", 2, 9, "YAML syntax error: ")]
    [InlineData("syntax-error-quote.yaml", 2, 8, "YAML syntax error: ")]
    [InlineData("unknown-key.yaml", 3, 3, "did you mean 'model'?")]
    [InlineData("wrong-type.yaml", 2, 15, "'reservoir_ml' expects a number, got the string \"twenty\"")]
    [InlineData("negative-value.yaml", 2, 15, "'reservoir_ml' must be between 0 and 40")]
    [InlineData("rate-out-of-range.yaml", 4, 3, "accepts 0.048–24 mL/day")]
    [InlineData("unknown-action.yaml", 4, 5, "unknown event action 'bolsu'; did you mean 'bolus'?")]
    [InlineData("empty.yaml", 1, 1, "the file is empty")]
    [InlineData("comments-only.yaml", 1, 1, "the file is empty")]
    [InlineData("binary.yaml", 1, 1, "not a UTF-8 text file")]
    [InlineData("control-char.yaml", 2, 9, "binary data")]
    [InlineData("alias.yaml", 3, 10, "aliases (*d) are not allowed")]
    [InlineData("event-after-end.yaml", 3, 9, "the scenario ends at 2026-01-04T00:00:00Z")]
    [InlineData("too-many-flex-steps.yaml", 5, 5, "at most 10 steps, got 11")]
    [InlineData("two-actions.yaml", 3, 32, "expected exactly one of")]
    [InlineData("nan.yaml", 3, 17, "finite number")]
    [InlineData("unknown-alarm.yaml", 3, 12, "did you mean 'low-reservoir'?")]
    [InlineData("reservoir-too-big.yaml", 2, 15, "set pump: model: synchromed-ii-40")]
    [InlineData("duplicate-key.yaml", 3, 1, "duplicate key 'seed'")]
    [InlineData("bad-duration.yaml", 1, 11, "expected a duration")]
    [InlineData("step-too-long.yaml", 2, 7, "'step' must be 1s to 1h")]
    [InlineData("duration-too-long.yaml", 1, 11, "must be 1s to 50 years")]
    [InlineData("not-a-mapping.yaml", 1, 1, "expected a mapping of scenario keys")]
    [InlineData("two-documents.yaml", 2, 1, "only one YAML document")]
    [InlineData("missing-duration.yaml", 1, 1, "missing 'duration'")]
    [InlineData("steps-on-continuous.yaml", 2, 53, "'steps' does not apply to mode: continuous")]
    [InlineData("diathermy-not-bool.yaml", 3, 42, "'motor_damage' expects true or false, got 'maybe'")]
    [InlineData("programmed-concentration-zero.yaml", 2, 77, "'programmed_concentration_mcg_per_ml' must be between 0.001 and 100000")]
    [InlineData("pump-flip-unknown-key.yaml", 3, 28, "did you mean 'corrected'?")]
    // The program after a refill that entered 5 mcg/mL is checked at what the pump converts with.
    public void BadFile_PointsAtTheMistake(string file, int line, int column, string phrase)
    {
        var load = () => ScenarioLoader.Load(Bad(file));
        var error = load.Should().Throw<ScenarioException>().Which;
        error.Reason.Should().Contain(phrase);
        (error.Line, error.Column).Should().Be((line, column), because: error.Message);
        error.File.Should().Be(Bad(file));
        error.Errors[0].ToString().Should().StartWith($"{Bad(file)}:{line}:{column}: error: ");
    }

    [Fact]
    public void BadFiles_EveryFile_IsCoveredByACase()
    {
        var cases = typeof(BadFileTests).GetMethod(nameof(BadFile_PointsAtTheMistake))!
            .GetCustomAttributes(typeof(InlineDataAttribute), false).Cast<InlineDataAttribute>()
            .Select(a => (string)a.GetData(null!).First()[0]).ToHashSet();
        var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Data", "bad")).Select(Path.GetFileName);
        files.Should().BeSubsetOf(cases);
    }

    [Fact]
    public void Loader_SeveralIndependentMistakes_AreAllReportedInFileOrder()
    {
        const string yaml = "duration: 3d\nstep: 2h\npump:\n  modle: synchromed-ii-40\nevents:\n  - { at: 1d, interogate: {} }\n";
        var error = FluentActions.Invoking(() => ScenarioLoader.Parse(yaml, "multi.yaml")).Should().Throw<ScenarioException>().Which;
        error.Errors.Select(e => (e.Line, e.Column)).Should().Equal((2, 7), (4, 3), (6, 15));
        error.Errors[2].Message.Should().Contain("did you mean 'interrogate'?");
        error.Message.Should().Contain("multi.yaml:4:3: error: unknown key 'modle'");
    }

    [Fact]
    public void Loader_AFileOverOneMegabyte_IsRefusedBeforeParsing()
    {
        var big = "duration: 3d\n" + new string('#', 1024 * 1024);
        var error = FluentActions.Invoking(() => ScenarioLoader.Parse(big, "big.yaml")).Should().Throw<ScenarioException>().Which;
        (error.Line, error.Column).Should().Be((1, 1));
        error.Reason.Should().Contain("1 MB");
    }

    [Fact]
    public void Loader_DeepNesting_IsRefused()
    {
        var deep = "duration: 3d\ntitle: " + new string('[', 100) + new string(']', 100) + "\n";
        var error = FluentActions.Invoking(() => ScenarioLoader.Parse(deep, "deep.yaml")).Should().Throw<ScenarioException>().Which;
        error.Reason.Should().Contain("nesting is deeper than 32");
        error.Line.Should().Be(2);
    }

    [Fact]
    public void Loader_AMissingFile_IsALocatedError()
    {
        var error = FluentActions.Invoking(() => ScenarioLoader.Load(Bad("does-not-exist.yaml"))).Should().Throw<ScenarioException>().Which;
        error.Reason.Should().Contain("cannot read the file");
    }
}
