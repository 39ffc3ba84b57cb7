using System.Text.RegularExpressions;
using CsCheck;
using PumpSim.Scenarios.Loading;

namespace PumpSim.Scenarios.Tests;

/// <summary>The loader's kebab-case check is the schema's IdPattern read as JSON Schema reads it
/// ($ is the very end of the text, not "before a final newline" as in .NET).</summary>
public class KebabTests
{
    private static readonly Regex Pattern = new(ScenarioSchema.IdPattern.Replace("$", @"\z", StringComparison.Ordinal));

    [Theory]
    [InlineData("kinked-catheter", true)]
    [InlineData("a", true)]
    [InlineData("9-lives-2", true)]
    [InlineData("", false)]
    [InlineData("-a", false)]
    [InlineData("a-", false)]
    [InlineData("a--b", false)]
    [InlineData("A-b", false)]
    [InlineData("a_b", false)]
    [InlineData("a\n", false)]
    [InlineData("é", false)]
    public void IsKebab_MatchesThePattern(string value, bool expected)
    {
        ScenarioReader.IsKebab(value).Should().Be(expected);
        Pattern.IsMatch(value).Should().Be(expected);
    }

    [Theory]
    [InlineData("scenario: \"one-day\\n\"\nduration: 1d\n", 1, 11, "'scenario' expects a kebab-case id")]
    [InlineData("scenario: one-day\ncovers: [\"catheter-kink\\n\"]\nduration: 1d\n", 2, 10, "'covers' expects kebab-case topics")]
    public void Loader_RefusesAnIdWithAFinalNewline(string yaml, int line, int column, string message)
    {
        // .NET's $ matched before a final newline, so "one-day\n" was once an id (and an output folder name).
        var error = FluentActions.Invoking(() => ScenarioLoader.Parse(yaml, "f.yaml")).Should().Throw<ScenarioException>().Which.Errors.Single();
        (error.Line, error.Column).Should().Be((line, column));
        error.Message.Should().StartWith(message);
    }

    [Fact]
    public void IsKebab_AgreesWithThePattern_OnGeneratedText()
    {
        // Pinned: case i comes from its own fixed PCG stream, so every run checks the same 5000 texts
        // (CsCheck's own seed pins only the first case of a Sample).
        var gen = Gen.Char["az09-\nA_ "].Array[0, 8].Select(c => new string(c));
        for (var i = 0u; i < 5000; i++)
        {
            var s = gen.Generate(new PCG(i, 0x9E3779B97F4A7C15UL), null!, out _);
            ScenarioReader.IsKebab(s).Should().Be(Pattern.IsMatch(s), $"case {i}: \"{s}\"");
        }
    }
}
