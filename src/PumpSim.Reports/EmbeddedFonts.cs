using ScottPlot;
using SkiaSharp;

namespace PumpSim.Reports;

/// <summary>The charts' font, carried inside this assembly (DejaVu Sans, regular and bold; licence in
/// Fonts/LICENSE-DejaVu.txt, which allows embedding and redistribution). Without it a machine with no
/// fonts installed (a slim container) drew every chart with no words: Skia found no typeface, and
/// ScottPlot's SVG lost its text (197 &lt;text&gt; elements of a report became 11).</summary>
internal sealed class EmbeddedFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";

    private static readonly Lazy<SKTypeface> Regular = new(() => Load("DejaVuSans.ttf"));
    private static readonly Lazy<SKTypeface> Bold = new(() => Load("DejaVuSans-Bold.ttf"));
    private static readonly Lazy<bool> Registered = new(() =>
    {
        Fonts.FontResolvers.Insert(0, new EmbeddedFonts());
        return true;
    });

    /// <summary>Puts the embedded font first among ScottPlot's resolvers (once; thread-safe).</summary>
    public static void Register() => _ = Registered.Value;

    private static SKTypeface Load(string file)
    {
        var name = "PumpSim.Reports.Fonts." + file;
        using var stream = typeof(EmbeddedFonts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded font {name} is missing from the build");
        return SKTypeface.FromStream(stream) ?? throw new InvalidOperationException($"embedded font {name} cannot be read");
    }

    public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing spacing) =>
        CreateTypeface(fontName, weight >= FontWeight.SemiBold, slant != FontSlant.Upright);

    public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
        fontName == Family && !italic ? (bold ? Bold : Regular).Value : null;
}
