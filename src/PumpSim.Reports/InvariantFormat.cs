using System.Buffers.Text;
using System.Globalization;

namespace PumpSim.Reports;

/// <summary>The one place numbers become text. Every output goes through here so that a
/// culture, a negative zero or an exponent can never make two runs differ.</summary>
public static class InvariantFormat
{
    /// <summary>Decimals used for doubles in JSON outputs. A fixed cap (rather than "R") keeps
    /// float noise such as 0.30000000000000004 out of files that people diff and assert on;
    /// 6 decimals is 1 nL / 1 pg resolution, finer than anything the pump or a test can see.</summary>
    public const int JsonDecimals = 6;

    /// <summary>A double for JSON: rounded to <see cref="JsonDecimals"/>, trailing zeros dropped,
    /// never an exponent, never "-0". Non-finite values are a contract breach and throw, because
    /// JSON has no spelling for them and silently writing null would hide an engine bug.</summary>
    public static string JsonNumber(double value, string what)
    {
        if (!double.IsFinite(value))
            throw new ArgumentOutOfRangeException(what, value, $"{what} must be a finite number to be written to JSON.");
        var rounded = Math.Round(value, JsonDecimals, MidpointRounding.AwayFromZero);
        if (rounded == 0) rounded = 0; // turns -0 into +0
        return rounded.ToString("0.######", CultureInfo.InvariantCulture);
    }

    /// <summary>A double with a fixed number of decimals (CSV columns, tables), "-0" normalised.
    /// Non-finite values print as NaN / Infinity in tables rather than throwing: the HTML and CSV
    /// are for reading, and the JSON writers already refuse them.</summary>
    public static string Fixed(double value, int decimals)
    {
        if (!double.IsFinite(value)) return value.ToString(CultureInfo.InvariantCulture);
        var rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        if (rounded == 0) rounded = 0;
        return rounded.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    public static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);

    // ---- The same text as UTF-8 bytes, for the line writers (events.jsonl, telemetry.csv) ----
    // A rounded value below 1e9 in magnitude is k / 10^d for an integer k with at most 15 digits, and
    // the double nearest it prints as k's digits with the point put back (fifteen significant digits
    // always distinguish doubles, and the double's error is far below half the last decimal): so k
    // is printed as an integer instead of through the custom and "F" formats, at a tenth of the cost.
    // Anything else takes the string methods above, which stay the definition
    // (InvariantFormatUtf8Tests compares the two over generated doubles).

    private const double FastLimit = 1e9;
    private static readonly long[] Pow10 = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000];

    /// <summary><see cref="JsonNumber"/> written into <paramref name="destination"/>; the bytes written.</summary>
    public static int JsonNumber(double value, string what, Span<byte> destination)
    {
        if (!double.IsFinite(value)) return JsonNumber(value, what).Length; // throws
        var rounded = Math.Round(value, JsonDecimals, MidpointRounding.AwayFromZero);
        if (!(Math.Abs(rounded) < FastLimit)) return Ascii(JsonNumber(value, what), destination);
        return Scaled(rounded, JsonDecimals, trimZeros: true, destination);
    }

    /// <summary><see cref="Fixed(double, int)"/> written into <paramref name="destination"/>; the bytes written.</summary>
    public static int Fixed(double value, int decimals, Span<byte> destination)
    {
        if (!double.IsFinite(value) || decimals is < 0 or > JsonDecimals) return Ascii(Fixed(value, decimals), destination);
        var rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        if (!(Math.Abs(rounded) < FastLimit)) return Ascii(Fixed(value, decimals), destination);
        return Scaled(rounded, decimals, trimZeros: false, destination);
    }

    /// <summary>Room enough for either: "F6" of -double.MaxValue is 317 characters.</summary>
    public const int MaxNumberBytes = 330;

    private static int Scaled(double rounded, int decimals, bool trimZeros, Span<byte> destination)
    {
        var k = (long)Math.Round(rounded * Pow10[decimals]);
        var n = 0;
        if (k < 0) { destination[n++] = (byte)'-'; k = -k; }
        var whole = k / Pow10[decimals];
        var frac = k - whole * Pow10[decimals];
        Utf8Formatter.TryFormat(whole, destination[n..], out var w);
        n += w;
        var digits = decimals;
        if (trimZeros)
            while (digits > 0 && frac % 10 == 0) { frac /= 10; digits--; }
        if (digits == 0) return n;
        destination[n++] = (byte)'.';
        for (var i = n + digits - 1; i >= n; i--) { destination[i] = (byte)('0' + frac % 10); frac /= 10; }
        return n + digits;
    }

    private static int Ascii(string text, Span<byte> destination)
    {
        for (var i = 0; i < text.Length; i++) destination[i] = (byte)text[i];
        return text.Length;
    }
}
