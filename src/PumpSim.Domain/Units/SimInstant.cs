using System.Globalization;

namespace PumpSim.Core.Units;

/// <summary>A point on the simulated clock: whole seconds since 1970-01-01T00:00:00Z.
/// Separate from <see cref="SimDuration"/> so that adding two instants does not compile.</summary>
public readonly record struct SimInstant : IComparable<SimInstant>
{
    public long UnixSeconds { get; }

    private SimInstant(long unixSeconds) => UnixSeconds = unixSeconds;

    public static SimInstant FromUnixSeconds(long seconds) => new(seconds);
    public static SimInstant FromDateTimeOffset(DateTimeOffset value) => new(value.ToUnixTimeSeconds());
    public static SimInstant MaxValue => new(long.MaxValue / 4);

    public DateTimeOffset ToDateTimeOffset() => DateTimeOffset.FromUnixTimeSeconds(UnixSeconds);

    /// <summary>Seconds since the last midnight UTC: the pump's clock for daily flex steps.</summary>
    public long SecondOfDay => Mod(UnixSeconds, SimDuration.SecondsPerDay);

    /// <summary>Seconds since Monday 00:00 UTC: the pump's clock for weekly flex steps.</summary>
    public long SecondOfWeek => Mod(UnixSeconds + 3 * SimDuration.SecondsPerDay, 7 * SimDuration.SecondsPerDay); // 1970-01-01 was a Thursday

    private static long Mod(long a, long m) => ((a % m) + m) % m;

    public static SimInstant operator +(SimInstant a, SimDuration d) => new(checked(a.UnixSeconds + d.Seconds));
    public static SimInstant operator -(SimInstant a, SimDuration d) => new(checked(a.UnixSeconds - d.Seconds));
    public static SimDuration operator -(SimInstant a, SimInstant b) => SimDuration.FromSeconds(checked(a.UnixSeconds - b.UnixSeconds));
    public static bool operator <(SimInstant a, SimInstant b) => a.UnixSeconds < b.UnixSeconds;
    public static bool operator >(SimInstant a, SimInstant b) => a.UnixSeconds > b.UnixSeconds;
    public static bool operator <=(SimInstant a, SimInstant b) => a.UnixSeconds <= b.UnixSeconds;
    public static bool operator >=(SimInstant a, SimInstant b) => a.UnixSeconds >= b.UnixSeconds;
    public static SimInstant Min(SimInstant a, SimInstant b) => a.UnixSeconds <= b.UnixSeconds ? a : b;
    public static SimInstant Max(SimInstant a, SimInstant b) => a.UnixSeconds >= b.UnixSeconds ? a : b;

    public int CompareTo(SimInstant other) => UnixSeconds.CompareTo(other.UnixSeconds);

    /// <summary>ISO-8601 UTC to the second, the one time format of every output.</summary>
    public override string ToString() =>
        ToDateTimeOffset().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
