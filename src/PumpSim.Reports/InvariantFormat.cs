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
}
