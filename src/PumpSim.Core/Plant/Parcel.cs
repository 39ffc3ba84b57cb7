using PumpSim.Core.Units;

namespace PumpSim.Core.Plant;

/// <summary>A body of fluid: its volume and the drug it carries. Splitting moves integer
/// attograms from one parcel to another, so drug is conserved exactly by construction.</summary>
public struct Parcel
{
    public Volume Volume;
    public Mass Mass;

    public Parcel(Volume volume, Mass mass) { Volume = volume; Mass = mass; }

    public static Parcel Of(Volume v, Concentration c) => new(v, v * c);

    public readonly bool IsEmpty => Volume.Picolitres == 0;

    /// <summary>Concentration in attograms per picolitre when the parcel is uniform at a whole
    /// number of them (the usual case), else -1. Lets plug flow merge and split without division.</summary>
    public readonly long ExactConcentration
    {
        get
        {
            if (Volume.Picolitres == 0) return -1;
            var c = Mass.Attograms / Volume.Picolitres;
            return c * Volume.Picolitres == Mass.Attograms && c <= long.MaxValue ? (long)c : -1;
        }
    }

    public readonly double ConcentrationMcgPerMl => Volume.Picolitres == 0 ? 0 : Mass.Mcg / Volume.Ml;

    /// <summary>Takes <paramref name="v"/> out of this parcel (at most all of it) and returns it.</summary>
    public Parcel Take(Volume v)
    {
        if (v >= Volume) { var all = this; this = default; return all; }
        if (v.Picolitres <= 0) return default;
        var m = Mass.FromAttograms(Mass.Attograms * v.Picolitres / Volume.Picolitres);
        Volume -= v;
        Mass -= m;
        return new Parcel(v, m);
    }

    public void Add(Parcel p) { Volume += p.Volume; Mass += p.Mass; }

    public override readonly string ToString() => $"{Volume} carrying {Mass}";
}
