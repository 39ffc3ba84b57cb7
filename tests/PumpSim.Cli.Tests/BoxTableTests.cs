using Spectre.Console;
using Spectre.Console.Testing;

namespace PumpSim.Cli.Tests;

/// <summary>`run`'s summary is drawn by <see cref="BoxTable"/> (cheap to start) instead of Spectre's
/// Table; it must draw exactly what Table draws, colours included, at any width.</summary>
public class BoxTableTests
{
    public static TheoryData<string, string[], string[][]> Tables => new()
    {
        { "[bold]One day[/]", ["What", "Value"], [["Scenario", "one-day (seed 0)"], ["Period", "2026-01-01 → 2026-01-02 (1 days)"]] },
        { "[bold]Colours[/]", ["What", "Value"], [["[red]alarm empty-reservoir[/]", "day 3.00, still active, 12 tones"], ["Delivered", "2000.0 mcg (400.0 % of prescribed) [red bold]OVERDOSE[/]"]] },
        { "[bold]Expectations[/]", ["Result", "Expectation", "Actual"], [["[green]PASS[/]", "alarm low-reservoir never raised", "never raised"], ["[red]FAIL[/]", Markup.Escape("state at 5d: [catheter kink]"), "x"]] },
        { "[bold]幅の広いタイトル[/]", ["What", "Value"], [["a", "b"]] },
        { "[bold]A title far wider than the little table that it stands above[/]", ["What", "Value"], [["a", "b"]] },
        { "[bold]Wide cells[/]", ["What", "Value"], [["a", new string('x', 150)]] },
    };

    [Theory]
    [MemberData(nameof(Tables))]
    public void Draws_what_spectre_table_draws(string title, string[] headers, string[][] rows)
    {
        foreach (var width in new[] { 200, 60 })
        {
            var box = new BoxTable(title, headers);
            var table = new Table().Border(TableBorder.Rounded).Title(title);
            foreach (var h in headers) table.AddColumn(h);
            foreach (var row in rows)
            {
                box.AddRow(row);
                table.AddRow(row);
            }
            var expected = new TestConsole().Width(width).Colors(ColorSystem.Standard).EmitAnsiSequences();
            expected.Write(table);
            var actual = new TestConsole().Width(width).Colors(ColorSystem.Standard).EmitAnsiSequences();
            box.Write(actual);
            actual.Output.Should().Be(expected.Output, $"at width {width}");
        }
    }
}

public class SummaryNumberTests
{
    [Theory]
    [InlineData(18.042, 18.0, "18.042 / 18.000")]
    [InlineData(19.0, 19.0, "19 / 19")]
    [InlineData(0.5, 12.25, "0.50 / 12.25")]
    [InlineData(1.23456, 2.0, "1.235 / 2.000")]   // at most 3 decimals, rounded
    public void Reservoir_pair_shares_its_decimals(double actual, double estimated, string expected) =>
        SummaryTable.Pair(actual, estimated).Should().Be(expected);
}
