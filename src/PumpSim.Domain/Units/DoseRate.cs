using System.Globalization;

namespace PumpSim.Core.Units;

/// <summary>A drug dose rate in whole nanograms per day (what clinicians program as mcg/day).</summary>
public readonly record struct DoseRate : IComparable<DoseRate>
{
    public long NanogramsPerDay { get; }

    private DoseRate(long ngPerDay) => NanogramsPerDay = ngPerDay;

    public static DoseRate Zero => default;
    public static DoseRate FromNanogramsPerDay(long value) => new(value);

    public static DoseRate FromMcgPerDay(double mcgPerDay)
    {
        Preconditions.CheckRange(mcgPerDay, 0, 1e8, "rate", "mcg/day");
        return new((long)Math.Round(mcgPerDay * 1000, MidpointRounding.AwayFromZero));
    }

    public double McgPerDay => NanogramsPerDay / 1000.0;

    public int CompareTo(DoseRate other) => NanogramsPerDay.CompareTo(other.NanogramsPerDay);

    public override string ToString() => McgPerDay.ToString("0.###", CultureInfo.InvariantCulture) + " mcg/day";
}
