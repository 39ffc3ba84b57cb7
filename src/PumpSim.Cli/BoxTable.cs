using System.Text;
using Spectre.Console;

namespace PumpSim.Cli;

/// <summary>A table with a rounded border and a centred title, drawn as markup lines: the same
/// characters and widths Spectre.Console's <see cref="Table"/> draws for content that fits. Every
/// `run` prints one, and measuring a <see cref="Table"/> is generic code the JIT compiles afresh
/// in each process — about a fifth of a one-day run (docs/startup.md). A table wider than the
/// console, or a title wider than the table, goes to <see cref="Table"/>, which wraps them.</summary>
internal sealed class BoxTable(string titleMarkup, params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public void AddRow(params string[] cellsMarkup)
    {
        if (cellsMarkup.Length != headers.Length) throw new ArgumentException($"a row needs {headers.Length} cells");
        _rows.Add(cellsMarkup);
    }

    public void Write(IAnsiConsole console)
    {
        var widths = new int[headers.Length];
        for (var c = 0; c < widths.Length; c++)
        {
            widths[c] = Width(headers[c]);
            foreach (var row in _rows) widths[c] = Math.Max(widths[c], Width(row[c]));
        }
        // Each cell has a space either side, and there is one border more than columns.
        var total = widths.Sum() + 3 * widths.Length + 1;
        var title = Width(titleMarkup);
        // Table wraps a title wider than the table, and cells wider than the console.
        if (total > console.Profile.Width || title > total)
        {
            console.Write(AsSpectreTable());
            return;
        }
        var text = new StringBuilder();
        var left = (total - title) / 2;
        // Table draws its title in silver under the title's own style.
        text.Append(' ', Math.Max(left, 0)).Append("[silver]").Append(titleMarkup).Append("[/]")
            .Append(' ', Math.Max(total - title - left, 0)).Append('\n');
        Rule(text, widths, '╭', '┬', '╮');
        Row(text, widths, headers.Select(Markup.Escape).ToArray());
        Rule(text, widths, '├', '┼', '┤');
        foreach (var row in _rows) Row(text, widths, row);
        Rule(text, widths, '╰', '┴', '╯');
        console.Markup(text.ToString());
    }

    // Terminal cells, not chars: a wide (East Asian) character in a title takes two.
    private static int Width(string markup) => new Spectre.Console.Rendering.Segment(markup.RemoveMarkup()).CellCount();

    private static void Rule(StringBuilder text, int[] widths, char left, char middle, char right)
    {
        text.Append(left);
        for (var c = 0; c < widths.Length; c++)
        {
            if (c > 0) text.Append(middle);
            text.Append('─', widths[c] + 2);
        }
        text.Append(right).Append('\n');
    }

    private static void Row(StringBuilder text, int[] widths, string[] cells)
    {
        text.Append('│');
        for (var c = 0; c < widths.Length; c++)
            text.Append(' ').Append(cells[c]).Append(' ', widths[c] - Width(cells[c]) + 1).Append('│');
        text.Append('\n');
    }

    private Table AsSpectreTable()
    {
        var table = new Table().Border(TableBorder.Rounded).Title(titleMarkup);
        foreach (var h in headers) table.AddColumn(Markup.Escape(h));
        foreach (var row in _rows) table.AddRow(row);
        return table;
    }
}
