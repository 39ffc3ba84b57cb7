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

    public static string Normalise(string svg, string prefix)
    {
        svg = XmlDeclaration().Replace(svg, "");
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
