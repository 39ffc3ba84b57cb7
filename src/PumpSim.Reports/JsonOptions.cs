using System.Text.Json;

namespace PumpSim.Reports;

/// <summary>Shared Utf8JsonWriter settings. The relaxed encoder keeps "+", "'", "&lt;" and
/// non-ASCII narration readable (these files are never embedded in HTML unescaped; the HTML
/// writer escapes on its own); <see cref="LazyRelaxedEncoder"/> builds it only when a string needs it. "\n" is fixed so Windows and Linux runs are byte-identical.</summary>
internal static class JsonOptions
{
    public static JsonWriterOptions Compact { get; } = new()
    {
        Encoder = LazyRelaxedEncoder.Instance,
        Indented = false,
        NewLine = "\n",
    };

    public static JsonWriterOptions Pretty { get; } = new()
    {
        Encoder = LazyRelaxedEncoder.Instance,
        Indented = true,
        IndentSize = 2,
        IndentCharacter = ' ',
        NewLine = "\n",
    };
}
