using System.Text.RegularExpressions;

namespace PumpSim.Reports;

/// <summary>Makes ScottPlot's SVG fit for inlining. ScottPlot numbers clip paths from a
/// process-wide counter ("cl_4", then "cl_9" for the same plot rendered again), so the raw SVG is
/// not byte-stable, and two inlined charts could even reuse each other's ids. We renumber every id
/// in order of first appearance under a per-chart prefix, and drop the XML declaration, which is
/// not allowed inside HTML.</summary>
internal static partial class SvgNormaliser
{
    [GeneratedRegex(@"<\?xml[^>]*\?>\s*")]
    private static partial Regex XmlDeclaration();

    [GeneratedRegex(@"(?<lead>\bid=""|url\(#|href=""#)(?<id>[^"")\s]+)")]
    private static partial Regex IdOrReference();

    [GeneratedRegex(@"^<svg\b(?<attrs>[^>]*?)\bwidth=""(?<w>[0-9.]+)""\s+height=""(?<h>[0-9.]+)""(?<rest>[^>]*)>")]
    private static partial Regex RootWithSize();

    public static string Normalise(string svg, string prefix, string? label = null)
    {
        svg = XmlDeclaration().Replace(svg, "").TrimStart();
        if (label is not null && svg.StartsWith("<svg", StringComparison.Ordinal))
            svg = "<svg role=\"img\" aria-label=\"" + System.Net.WebUtility.HtmlEncode(label) + "\"" + svg[4..];
        // ScottPlot gives a fixed width and height but no viewBox; without one, the page's
        // "max-width: 100%" would crop the chart on a narrow screen instead of scaling it.
        var rootEnd = svg.IndexOf('>', StringComparison.Ordinal);
        if (rootEnd > 0 && !svg.AsSpan(0, rootEnd).Contains("viewBox", StringComparison.Ordinal))
            svg = RootWithSize().Replace(svg, m =>
            {
                string w = m.Groups["w"].Value, h = m.Groups["h"].Value;
                return $"<svg{m.Groups["attrs"].Value}width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\"{m.Groups["rest"].Value}>";
            }, 1);
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        // Lookups only; the numbering follows the text order, never the dictionary's.
        svg = IdOrReference().Replace(svg, m =>
        {
            var id = m.Groups["id"].Value;
            if (!map.TryGetValue(id, out var renamed))
            {
                renamed = prefix + map.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
                map.Add(id, renamed);
            }
            return m.Groups["lead"].Value + renamed;
        });
        return svg.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\t', ' ').Trim();
    }
}
