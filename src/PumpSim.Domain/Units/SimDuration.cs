using System.Globalization;

namespace PumpSim.Core.Units;

/// <summary>An amount of simulated time, in whole seconds (the engine's tick).</summary>
public readonly record struct SimDuration : IComparable<SimDuration>
{
    public const long SecondsPerDay = 86_400;

    public long Seconds { get; }

    private SimDuration(long seconds) => Seconds = seconds;

    public static SimDuration Zero => default;
    public static SimDuration FromSeconds(long seconds) => new(seconds);
    public static SimDuration FromMinutes(long minutes) => new(checked(minutes * 60));
    public static SimDuration FromHours(long hours) => new(checked(hours * 3600));
    public static SimDuration FromDays(long days) => new(checked(days * SecondsPerDay));

    /// <summary>Rounds a fractional number of days to the nearest second.</summary>
    public static SimDuration FromDays(double days)
    {
        Preconditions.CheckFinite(days, nameof(days));
        return new(checked((long)Math.Round(days * SecondsPerDay, MidpointRounding.AwayFromZero)));
    }

    public double TotalDays => Seconds / (double)SecondsPerDay;
    public double TotalHours => Seconds / 3600.0;

    public static SimDuration operator +(SimDuration a, SimDuration b) => new(checked(a.Seconds + b.Seconds));
    public static SimDuration operator -(SimDuration a, SimDuration b) => new(checked(a.Seconds - b.Seconds));
    public static SimDuration operator *(SimDuration a, long k) => new(checked(a.Seconds * k));
    public static bool operator <(SimDuration a, SimDuration b) => a.Seconds < b.Seconds;
    public static bool operator >(SimDuration a, SimDuration b) => a.Seconds > b.Seconds;
    public static bool operator <=(SimDuration a, SimDuration b) => a.Seconds <= b.Seconds;
    public static bool operator >=(SimDuration a, SimDuration b) => a.Seconds >= b.Seconds;
    public static SimDuration Min(SimDuration a, SimDuration b) => a.Seconds <= b.Seconds ? a : b;

    public int CompareTo(SimDuration other) => Seconds.CompareTo(other.Seconds);

    /// <summary>Compact form used in outputs and messages: 2d6h, 15m, 90s.</summary>
    public override string ToString()
    {
        if (Seconds == 0) return "0s";
        var s = Math.Abs(Seconds);
        var parts = new System.Text.StringBuilder(Seconds < 0 ? "-" : "");
        void Part(long unit, string suffix)
        {
            if (s >= unit) { parts.Append((s / unit).ToString(CultureInfo.InvariantCulture)).Append(suffix); s %= unit; }
        }
        Part(SecondsPerDay, "d"); Part(3600, "h"); Part(60, "m"); Part(1, "s");
        return parts.ToString();
    }
}
