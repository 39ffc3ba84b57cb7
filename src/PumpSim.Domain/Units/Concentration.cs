using System.Globalization;

namespace PumpSim.Core.Units;

/// <summary>Drug concentration in mcg per litre (0.001 mcg/mL resolution). Numerically that is
/// attograms per picolitre, so <c>volume × concentration</c> is an exact integer mass.</summary>
public readonly record struct Concentration : IComparable<Concentration>
{
    public long McgPerLitre { get; }

    private Concentration(long mcgPerLitre) => McgPerLitre = mcgPerLitre;

    public static Concentration Zero => default;

    /// <summary>Positive, at most 100 000 mcg/mL (labelled baclofen strengths are 50–2000).</summary>
    public static Concentration FromMcgPerMl(double mcgPerMl)
    {
        Preconditions.CheckRange(mcgPerMl, 0.001, 100_000, "concentration", "mcg/mL");
        return new((long)Math.Round(mcgPerMl * 1000, MidpointRounding.AwayFromZero));
    }

    public double McgPerMl => McgPerLitre / 1000.0;

    public static Mass operator *(Volume v, Concentration c) => Mass.FromAttograms(Math.BigMul(v.Picolitres, c.McgPerLitre));

    public int CompareTo(Concentration other) => McgPerLitre.CompareTo(other.McgPerLitre);

    public override string ToString() => McgPerMl.ToString("0.###", CultureInfo.InvariantCulture) + " mcg/mL";
}
