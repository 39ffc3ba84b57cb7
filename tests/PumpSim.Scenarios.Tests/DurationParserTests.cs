using PumpSim.Core.Units;
using PumpSim.Scenarios;

namespace PumpSim.Scenarios.Tests;

public class DurationParserTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData("90s", 90)]
    [InlineData("15m", 900)]
    [InlineData("6h", 21_600)]
    [InlineData("3d", 259_200)]
    [InlineData("2w", 1_209_600)]
    [InlineData("2d6h", 194_400)]
    [InlineData("1d2h30m", 95_400)]
    [InlineData("1h0m5s", 3605)]
    [InlineData("P3DT4H", 273_600)]
    [InlineData("PT30M", 1800)]
    [InlineData("P2W", 1_209_600)]
    [InlineData("PT90S", 90)]
    [InlineData("P1D", 86_400)]
    [InlineData(" 15m ", 900)]
    public void Parse_AcceptsEveryForm(string text, long seconds) =>
        DurationParser.Parse(text).Should().Be(SimDuration.FromSeconds(seconds));

    [Theory]
    [InlineData("", "expected a duration")]
    [InlineData("15", "expected a duration")]
    [InlineData("15 m", "expected a duration")]
    [InlineData("3 days", "expected a duration")]
    [InlineData("1m2h", "expected a duration")]      // largest unit first
    [InlineData("2h2h", "expected a duration")]      // each unit once
    [InlineData("-1d", "cannot be negative")]
    [InlineData("1.5h", "fraction")]
    [InlineData("P1Y", "years or months")]
    [InlineData("P1M", "years or months")]
    [InlineData("P", "expected a duration")]
    [InlineData("PT", "expected a duration")]
    [InlineData("P1DT", "expected a duration")]
    [InlineData("999999999999999w", "too long")]
    [InlineData("9999999999999999w", "expected a duration")]
    public void Parse_RefusesBadText(string text, string phrase)
    {
        DurationParser.TryParse(text, out _, out var error).Should().BeFalse();
        error.Should().Contain(phrase);
        var parse = () => DurationParser.Parse(text);
        parse.Should().Throw<FormatException>().WithMessage($"*{phrase}*");
    }

    [Fact]
    public void Parse_PT1MIsAMinute_ButP1MIsRefused()
    {
        DurationParser.Parse("PT1M").Should().Be(SimDuration.FromMinutes(1));
        DurationParser.TryParse("P1M", out _, out _).Should().BeFalse();
    }
}
