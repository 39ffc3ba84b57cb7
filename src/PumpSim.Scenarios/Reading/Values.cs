using System.Globalization;
using PumpSim.Core.Units;
using PumpSim.Scenarios.Errors;
using PumpSim.Scenarios.Yaml;

namespace PumpSim.Scenarios.Reading;

/// <summary>Scalar conversions with located, "what was expected" errors. YAML typing is respected:
/// a quoted "500" is a string, so it is refused where a number is needed (a quoted number is
/// usually a mistake worth pointing at).</summary>
internal static class Values
{
    public static double Number(YNode node, string key)
    {
        if (node is YScalar { Plain: false } quoted && double.TryParse(quoted.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            throw new NodeError(node.At, $"'{key}' expects a number, got the string \"{quoted.Value}\" (remove the quotes)");
        if (node is not YScalar { Plain: true } s || s.IsNull)
            throw new NodeError(node.At, $"'{key}' expects a number, got {node.KindName}");
        var text = s.Value;
        if (TryYamlCoreInteger(text, out var whole)) return whole;
        if (text.StartsWith('.') && text.Length > 1 && char.IsLetter(text[1]) || text.Contains("inf", StringComparison.OrdinalIgnoreCase) || text.Contains("nan", StringComparison.OrdinalIgnoreCase))
            throw new NodeError(node.At, $"'{key}' expects a finite number, got '{text}'");
        if (!double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
            throw new NodeError(node.At, $"'{key}' expects a number, got '{text}'");
        return v;
    }

    public static long Integer(YNode node, string key)
    {
        if (node is not YScalar { Plain: true } s || s.IsNull)
            throw new NodeError(node.At, $"'{key}' expects a whole number, got {node.KindName}");
        if (TryYamlCoreInteger(s.Value, out var v)) return v;
        if (!long.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out v))
            throw new NodeError(node.At, $"'{key}' expects a whole number, got '{s.Value}'");
        return v;
    }

    /// <summary>YAML 1.2 core schema's hexadecimal (0x1F) and octal (0o17) integers: editors' YAML engines
    /// read them as numbers, so the loader does too and the JSON Schema verdict is the same.</summary>
    private static bool TryYamlCoreInteger(string text, out long value)
    {
        value = 0;
        if (text.Length > 2 && text[0] == '0' && text[1] == 'x')
            return long.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value) && value >= 0;
        if (text.Length <= 2 || text[0] != '0' || text[1] != 'o' || text.Length > 23) return false;
        foreach (var c in text.AsSpan(2))
        {
            if (c is < '0' or > '7') return false;
            value = checked(value * 8 + (c - '0'));
        }
        return true;
    }

    public static bool Boolean(YNode node, string key)
    {
        if (node is YScalar { Plain: true } s)
        {
            switch (s.Value)
            {
                case "true" or "True" or "TRUE": return true;
                case "false" or "False" or "FALSE": return false;
            }
        }
        throw new NodeError(node.At, $"'{key}' expects true or false, got {node.KindName}");
    }

    public static string Text(YNode node, string key)
    {
        if (node is not YScalar s || s.IsNull)
            throw new NodeError(node.At, $"'{key}' expects text, got {node.KindName}");
        return s.Value;
    }

    public static SimDuration Duration(YNode node, string key)
    {
        var text = Text(node, key);
        if (!DurationParser.TryParse(text, out var d, out var error))
            throw new NodeError(node.At, $"'{key}': {error}");
        return d;
    }

    private static readonly string[] TimestampFormats =
        ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd HH:mm:ssK"];

    public static bool TryTimestamp(string text, out SimInstant instant)
    {
        instant = default;
        var t = text.Trim();
        if (!(t.EndsWith('Z') || t.Length > 6 && t[^6] is '+' or '-' && t[^3] == ':')) return false;
        if (!DateTimeOffset.TryParseExact(t, TimestampFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var dto)) return false;
        instant = SimInstant.FromDateTimeOffset(dto);
        return true;
    }

    public static SimInstant Timestamp(YNode node, string key)
    {
        var text = Text(node, key);
        if (!TryTimestamp(text, out var instant))
            throw new NodeError(node.At, $"'{key}' expects an ISO-8601 UTC time such as 2026-01-05T08:00:00Z, got '{text}'");
        return instant;
    }

    /// <summary>"HH:MM" → seconds after midnight.</summary>
    public static long ClockTime(YNode node, string key)
    {
        var text = Text(node, key);
        if (text.Length == 5 && text[2] == ':'
            && int.TryParse(text.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var h)
            && int.TryParse(text.AsSpan(3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            && h < 24 && m < 60)
            return h * 3600L + m * 60L;
        throw new NodeError(node.At, $"'{key}' expects a clock time \"HH:MM\" from 00:00 to 23:59, got '{text}'");
    }

    public static string Format(double v) => v.ToString("0.######", CultureInfo.InvariantCulture);
}
