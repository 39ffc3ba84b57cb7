using Spectre.Console;
using Spectre.Console.Rendering;

namespace PumpSim.Cli;

/// <summary>A table with a rounded border and a centred title: the same characters, widths and
/// colours Spectre.Console's <see cref="Table"/> draws for content that fits. Every `run` prints
/// one, and start-up is most of a short run (docs/startup.md): measuring a <see cref="Table"/> is
/// generic code the JIT compiles afresh in each process, and markup costs a parser, a colour
/// table and an emoji table. So cells are styled runs of plain text (<see cref="Segment"/>s), no
/// markup and nothing to escape, written as one <see cref="Paragraph"/>. A table wider than the
/// console, or a title wider than the table, goes to <see cref="Table"/>, which wraps them.</summary>
internal sealed class BoxTable(Segment[] title, params string[] headers)
{
    private static readonly Style TitleStyle = new(Color.Silver);
    private readonly List<Segment[][]> _rows = [];

    /// <summary>A cell of one run of text in one style.</summary>
    public static Segment[] Cell(string text, Style? style = null) => [new Segment(text, style ?? Style.Plain)];

    public void AddRow(params Segment[][] cells)
    {
        if (cells.Length != headers.Length) throw new ArgumentException($"a row needs {headers.Length} cells");
        _rows.Add(cells);
    }

    public void AddRow(params string[] cells) => AddRow(Array.ConvertAll(cells, c => Cell(c)));

    public void Write(IAnsiConsole console)
    {
        var head = Array.ConvertAll(headers, h => Cell(h));
        var widths = new int[headers.Length];
        for (var c = 0; c < widths.Length; c++)
        {
            widths[c] = Width(head[c]);
            foreach (var row in _rows) widths[c] = Math.Max(widths[c], Width(row[c]));
        }
        // Each cell has a space either side, and there is one border more than columns.
        var total = 3 * widths.Length + 1;
        foreach (var w in widths) total += w;
        var titleWidth = Width(title);
        // Table wraps a title wider than the table, and cells wider than the console.
        if (total > console.Profile.Width || titleWidth > total)
        {
            console.Write(AsSpectreTable());
            return;
        }
        var text = new Paragraph();
        var left = (total - titleWidth) / 2;
        text.Append(new string(' ', left));
        // Table draws its title in silver under the title's own style.
        foreach (var run in title) text.Append(run.Text, TitleStyle.Combine(run.Style));
        text.Append(new string(' ', total - titleWidth - left) + "\n");
        Rule(text, widths, '╭', '┬', '╮');
        Row(text, widths, head);
        Rule(text, widths, '├', '┼', '┤');
        foreach (var row in _rows) Row(text, widths, row);
        Rule(text, widths, '╰', '┴', '╯');
        console.Write(text);
    }

    /// <summary>Terminal cells, not chars: a wide (East Asian) character takes two. Printable ASCII,
    /// nearly all of it, is one cell a character without asking the Unicode tables.</summary>
    private static int Width(Segment[] runs)
    {
        var width = 0;
        foreach (var run in runs) width += IsPrintableAscii(run.Text) ? run.Text.Length : run.CellCount();
        return width;
    }

    private static bool IsPrintableAscii(string text)
    {
        foreach (var c in text)
            if (c is < ' ' or > '~') return false;
        return true;
    }

    private static void Rule(Paragraph text, int[] widths, char left, char middle, char right)
    {
        var line = new System.Text.StringBuilder().Append(left);
        for (var c = 0; c < widths.Length; c++)
        {
            if (c > 0) line.Append(middle);
            line.Append('─', widths[c] + 2);
        }
        text.Append(line.Append(right).Append('\n').ToString());
    }

    private static void Row(Paragraph text, int[] widths, Segment[][] cells)
    {
        text.Append("│");
        for (var c = 0; c < widths.Length; c++)
        {
            text.Append(" ");
            Append(text, cells[c]);
            text.Append(new string(' ', widths[c] - Width(cells[c]) + 1) + "│");
        }
        text.Append("\n");
    }

    /// <summary>The runs as one renderable, without markup.</summary>
    public static Paragraph Text(IEnumerable<Segment> runs) => Append(new Paragraph(), runs);

    private static Paragraph Append(Paragraph text, IEnumerable<Segment> runs)
    {
        foreach (var r in runs) text.Append(r.Text, r.Style);
        return text;
    }

    /// <summary>The runs as markup, for <see cref="Table"/>'s title.</summary>
    internal static string ToMarkup(Segment[] runs) =>
        string.Concat(runs.Select(r => r.Style == Style.Plain ? Markup.Escape(r.Text) : $"[{r.Style.ToMarkup()}]{Markup.Escape(r.Text)}[/]"));

    private Table AsSpectreTable()
    {
        var table = new Table().Border(TableBorder.Rounded).Title(ToMarkup(title));
        foreach (var h in headers) table.AddColumn(Markup.Escape(h));
        foreach (var row in _rows) table.AddRow(row.Select(cell => (IRenderable)Text(cell)));
        return table;
    }
}
