using System.Globalization;

namespace PumpSim.Core.Units;

/// <summary>A volume flow in whole picolitres per day (1 mL/day = 10^9 pL/day).</summary>
public readonly record struct FlowRate : IComparable<FlowRate>
{
    public long PicolitresPerDay { get; }

    private FlowRate(long picolitresPerDay) => PicolitresPerDay = picolitresPerDay;

    public static FlowRate Zero => default;
    public static FlowRate FromPicolitresPerDay(long value) => new(value);

    public static FlowRate FromMlPerDay(double mlPerDay)
    {
        Preconditions.CheckRange(mlPerDay, 0, 1e6, "rate", "mL/day");
        return new((long)Math.Round(mlPerDay * Volume.PicolitresPerMl, MidpointRounding.AwayFromZero));
    }

    /// <summary>The volume flow that gives <paramref name="dose"/> at <paramref name="concentration"/>.</summary>
    public static FlowRate From(DoseRate dose, Concentration concentration)
    {
        if (concentration.McgPerLitre <= 0) throw new ArgumentOutOfRangeException(nameof(concentration), "concentration must be positive.");
        // pL/day = (ng/day ÷ mcg/L) × 10^9, rounded to the nearest picolitre per day.
        var num = (Int128)dose.NanogramsPerDay * Volume.PicolitresPerMl;
        var c = (Int128)concentration.McgPerLitre;
        return new((long)((num + c / 2) / c));
    }

    public double MlPerDay => PicolitresPerDay / (double)Volume.PicolitresPerMl;
    public bool IsZero => PicolitresPerDay == 0;

    /// <summary>Scales by a factor such as (1 + accuracy) or a fault's passing fraction, to the nearest pL/day.</summary>
    public FlowRate Scale(double factor)
    {
        Preconditions.CheckRange(factor, 0, 1e6, nameof(factor), "");
        return new((long)Math.Round(PicolitresPerDay * factor, MidpointRounding.AwayFromZero));
    }

    public static FlowRate operator +(FlowRate a, FlowRate b) => new(checked(a.PicolitresPerDay + b.PicolitresPerDay));
    public static FlowRate operator -(FlowRate a, FlowRate b) => new(checked(a.PicolitresPerDay - b.PicolitresPerDay));
    public static DoseRate operator *(FlowRate f, Concentration c) =>
        DoseRate.FromNanogramsPerDay((long)((Int128)f.PicolitresPerDay * c.McgPerLitre / Volume.PicolitresPerMl));
    public static bool operator <(FlowRate a, FlowRate b) => a.PicolitresPerDay < b.PicolitresPerDay;
    public static bool operator >(FlowRate a, FlowRate b) => a.PicolitresPerDay > b.PicolitresPerDay;
    public static bool operator <=(FlowRate a, FlowRate b) => a.PicolitresPerDay <= b.PicolitresPerDay;
    public static bool operator >=(FlowRate a, FlowRate b) => a.PicolitresPerDay >= b.PicolitresPerDay;
    public static FlowRate Min(FlowRate a, FlowRate b) => a <= b ? a : b;
    public static FlowRate Max(FlowRate a, FlowRate b) => a >= b ? a : b;

    public int CompareTo(FlowRate other) => PicolitresPerDay.CompareTo(other.PicolitresPerDay);

    public override string ToString() => MlPerDay.ToString("0.######", CultureInfo.InvariantCulture) + " mL/day";
}
