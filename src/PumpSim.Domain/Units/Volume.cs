using System.Globalization;

namespace PumpSim.Core.Units;

/// <summary>A volume of fluid in whole picolitres (1 mL = 10^9 pL), so stored state never rounds.</summary>
public readonly record struct Volume : IComparable<Volume>
{
    public const long PicolitresPerMl = 1_000_000_000;

    public long Picolitres { get; }

    private Volume(long picolitres) => Picolitres = picolitres;

    public static Volume Zero => default;
    public static Volume FromPicolitres(long picolitres) => new(picolitres);

    /// <summary>Rounds to the nearest picolitre.</summary>
    public static Volume FromMl(double ml)
    {
        Preconditions.CheckRange(ml, -1e6, 1e6, nameof(ml), "mL");
        return new((long)Math.Round(ml * PicolitresPerMl, MidpointRounding.AwayFromZero));
    }

    public double Ml => Picolitres / (double)PicolitresPerMl;
    public bool IsZero => Picolitres == 0;

    public static Volume operator +(Volume a, Volume b) => new(checked(a.Picolitres + b.Picolitres));
    public static Volume operator -(Volume a, Volume b) => new(checked(a.Picolitres - b.Picolitres));
    public static bool operator <(Volume a, Volume b) => a.Picolitres < b.Picolitres;
    public static bool operator >(Volume a, Volume b) => a.Picolitres > b.Picolitres;
    public static bool operator <=(Volume a, Volume b) => a.Picolitres <= b.Picolitres;
    public static bool operator >=(Volume a, Volume b) => a.Picolitres >= b.Picolitres;
    public static Volume Min(Volume a, Volume b) => a.Picolitres <= b.Picolitres ? a : b;
    public static Volume Max(Volume a, Volume b) => a.Picolitres >= b.Picolitres ? a : b;

    public int CompareTo(Volume other) => Picolitres.CompareTo(other.Picolitres);

    public override string ToString() => Ml.ToString("0.######", CultureInfo.InvariantCulture) + " mL";
}
