using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;
using PumpSim.Core.Units;

namespace PumpSim.Scenarios;

/// <summary>Durations as scenario authors write them: compact (<c>90s</c>, <c>15m</c>, <c>6h</c>,
/// <c>3d</c>, <c>2w</c>, combined largest unit first like <c>1d2h30m</c>), plain <c>0</c>, or
/// ISO-8601 (<c>P3DT4H</c>, <c>PT30M</c>, <c>P2W</c>). Whole numbers only: the engine counts whole
/// seconds, and "1.5h" is better written "1h30m" than rounded silently. Years and months are
/// refused because their length is ambiguous.</summary>
public static partial class DurationParser
{
    public const string Expected = "a duration such as 90s, 15m, 6h, 3d, 2w, 1d2h30m, 0 or ISO-8601 P3DT4H";

    public static SimDuration Parse(string text) =>
        TryParse(text, out var d, out var error) ? d : throw new FormatException(error);

    public static bool TryParse(string text, out SimDuration duration, [NotNullWhen(false)] out string? error)
    {
        duration = SimDuration.Zero;
        error = null;
        var s = text.Trim();
        if (s == "0") return true;
        try
        {
            var compact = Compact().Match(s);
            if (compact.Success && s.Length > 0)
            {
                duration = SimDuration.FromSeconds(
                    checked(Part(compact, "w", 7 * 86_400) + Part(compact, "d", 86_400) + Part(compact, "h", 3600) + Part(compact, "m", 60) + Part(compact, "s", 1)));
                return true;
            }
            var iso = Iso().Match(s);
            if (iso.Success && s != "P" && !s.EndsWith('T'))
            {
                duration = SimDuration.FromSeconds(
                    checked(Part(iso, "w", 7 * 86_400) + Part(iso, "d", 86_400) + Part(iso, "h", 3600) + Part(iso, "m", 60) + Part(iso, "s", 1)));
                return true;
            }
        }
        catch (OverflowException)
        {
            error = $"'{text}' is too long a duration";
            return false;
        }
        error = s.StartsWith('-') ? $"a duration cannot be negative, got '{text}'"
              : s.Contains('.') || s.Contains(',') ? $"'{text}' has a fraction; use whole units such as 1h30m"
              : s.StartsWith('P') && (s.Contains('Y') || (s.IndexOf('M') >= 0 && s.IndexOf('T') is var t && (t < 0 || s.IndexOf('M') < t)))
                  ? $"'{text}' uses years or months, whose length is ambiguous; use days or weeks"
              : $"expected {Expected}, got '{text}'";
        return false;
    }

    private static long Part(Match m, string group, long unitSeconds) =>
        m.Groups[group].Success ? checked(long.Parse(m.Groups[group].Value, NumberStyles.None, CultureInfo.InvariantCulture) * unitSeconds) : 0;

    // ASCII digits only: .NET's \d also matches Arabic-Indic and other Unicode digits, which
    // long.Parse then refuses (that was an exit 3). Each unit at most once, largest first; at least one part (checked by Length > 0 and the regex's alternation).
    [GeneratedRegex(@"^(?=[0-9])(?:(?<w>[0-9]{1,15})w)?(?:(?<d>[0-9]{1,15})d)?(?:(?<h>[0-9]{1,15})h)?(?:(?<m>[0-9]{1,15})m)?(?:(?<s>[0-9]{1,15})s)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Compact();

    [GeneratedRegex(@"^P(?:(?<w>[0-9]{1,15})W)?(?:(?<d>[0-9]{1,15})D)?(?:T(?:(?<h>[0-9]{1,15})H)?(?:(?<m>[0-9]{1,15})M)?(?:(?<s>[0-9]{1,15})S)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Iso();
}
