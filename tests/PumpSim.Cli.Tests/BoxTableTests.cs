using Spectre.Console;
using Spectre.Console.Rendering;
using Spectre.Console.Testing;

namespace PumpSim.Cli.Tests;

/// <summary>`run`'s summary is drawn by <see cref="BoxTable"/> (cheap to start) instead of Spectre's
/// Table; it must draw exactly what Table draws, colours included, at any width.</summary>
public class BoxTableTests
{
    private static readonly Style Bold = new(decoration: Decoration.Bold);
    private static Segment[] C(string text, Style? style = null) => BoxTable.Cell(text, style);
    private static Segment[] Runs(params (string Text, Style? Style)[] runs) => runs.Select(r => new Segment(r.Text, r.Style ?? Style.Plain)).ToArray();

    public static TheoryData<Segment[], string[], Segment[][][]> Tables => new()
    {
        { C("One day", Bold), ["What", "Value"], [[C("Scenario"), C("one-day (seed 0)")], [C("Period"), C("2026-01-01 → 2026-01-02 (1 days)")]] },
        { C("Colours", Bold), ["What", "Value"], [[C("alarm empty-reservoir", new Style(Color.Red)), C("day 3.00, still active, 12 tones")],
            [C("Delivered"), Runs(("2000.0 mcg (400.0 % of prescribed)", null), (" ", null), ("OVERDOSE", new Style(Color.Red, decoration: Decoration.Bold)))]] },
        { C("Expectations", Bold), ["Result", "Expectation", "Actual"], [[C("PASS", new Style(Color.Green)), C("alarm low-reservoir never raised"), C("never raised")],
            [C("FAIL", new Style(Color.Red)), C("state at 5d: [catheter kink] :fire:"), C("x")]] },
        { C("幅の広いタイトル", Bold), ["What", "Value"], [[C("a"), C("b")]] },
        { C("A title far wider than the little table that it stands above", Bold), ["What", "Value"], [[C("a"), C("b")]] },
        { C("Wide cells", Bold), ["What", "Value"], [[C("a"), C(new string('x', 150))]] },
        { C("Accents ünïcödé", Bold), ["What", "Value"], [[C("naïve — µg"), C("漢字 wide")]] },
    };

    [Theory]
    [MemberData(nameof(Tables))]
    public void BoxTable_DrawsWhatSpectreTableDraws(Segment[] title, string[] headers, Segment[][][] rows)
    {
        foreach (var width in new[] { 200, 60 })
        {
            var box = new BoxTable(title, headers);
            var table = new Table().Border(TableBorder.Rounded).Title(BoxTable.ToMarkup(title));
            foreach (var h in headers) table.AddColumn(Markup.Escape(h));
            foreach (var row in rows)
            {
                box.AddRow(row);
                // Cells as Spectre's own renderables (no markup, so no emoji codes), as a user of Table would.
                table.AddRow(row.Select(cell => (Spectre.Console.Rendering.IRenderable)BoxTable.Text(cell)));
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
