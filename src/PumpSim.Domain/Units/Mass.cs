using System.Globalization;

namespace PumpSim.Core.Units;

/// <summary>An amount of drug in attograms (1 mcg = 10^12 ag). At that unit one picolitre of a
/// concentration given to 0.001 mcg/mL carries a whole number of attograms, so plug flow moves
/// drug without rounding. 128 bits: a decade of totals cannot overflow.</summary>
public readonly record struct Mass : IComparable<Mass>
{
    public static readonly Int128 AttogramsPerMcg = 1_000_000_000_000;

    public Int128 Attograms { get; }

    private Mass(Int128 attograms) => Attograms = attograms;

    public static Mass Zero => default;
    public static Mass FromAttograms(Int128 attograms) => new(attograms);

    public static Mass FromMcg(double mcg)
    {
        Preconditions.CheckRange(mcg, -1e9, 1e9, nameof(mcg), "mcg");
        return new((Int128)Math.Round(mcg * 1e12, MidpointRounding.AwayFromZero));
    }

    public double Mcg => (double)Attograms / 1e12;
    public bool IsZero => Attograms == 0;

    // 128 bits hold 10^26 mcg: no pump can overflow them, so the hot path skips the overflow check.
    public static Mass operator +(Mass a, Mass b) => new(unchecked(a.Attograms + b.Attograms));
    public static Mass operator -(Mass a, Mass b) => new(unchecked(a.Attograms - b.Attograms));
    public static bool operator <(Mass a, Mass b) => a.Attograms < b.Attograms;
    public static bool operator >(Mass a, Mass b) => a.Attograms > b.Attograms;
    public static bool operator <=(Mass a, Mass b) => a.Attograms <= b.Attograms;
    public static bool operator >=(Mass a, Mass b) => a.Attograms >= b.Attograms;

    public int CompareTo(Mass other) => Attograms.CompareTo(other.Attograms);

    public override string ToString() => Mcg.ToString("0.######", CultureInfo.InvariantCulture) + " mcg";
}
