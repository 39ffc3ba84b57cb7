using PumpSim.Core.Units;

namespace PumpSim.Core.Plant;

/// <summary>A body of fluid: its volume and the drug it carries. Splitting moves integer
/// attograms from one parcel to another, so drug is conserved exactly by construction.
/// A parcel filled at one concentration remembers it, so the hot path splits it with one
/// multiplication instead of a 128-bit division.</summary>
public struct Parcel
{
    private const long Mixed = -1;

    private long _concentration; // attograms per picolitre when uniform, else Mixed (unset for an empty parcel)

    public Volume Volume { readonly get; private set; }
    public Mass Mass { readonly get; private set; }

    /// <summary>A parcel of any make-up (for sums and imbalances); uniform if the numbers say so.</summary>
    public Parcel(Volume volume, Mass mass)
    {
        Volume = volume;
        Mass = mass;
        _concentration = Mixed;
        if (volume.Picolitres > 0 && mass.Attograms >= 0)
        {
            var c = mass.Attograms / volume.Picolitres;
            if (c * volume.Picolitres == mass.Attograms && c <= long.MaxValue) _concentration = (long)c;
        }
    }

    public static Parcel Of(Volume v, Concentration c) =>
        new() { Volume = v, Mass = v * c, _concentration = c.McgPerLitre };

    public readonly bool IsEmpty => Volume.Picolitres == 0;

    /// <summary>Concentration in attograms per picolitre when the parcel is uniform, else -1.</summary>
    public readonly long ExactConcentration => IsEmpty ? Mixed : _concentration;

    public readonly double ConcentrationMcgPerMl => Volume.Picolitres == 0 ? 0 : Mass.Mcg / Volume.Ml;

    /// <summary>Takes <paramref name="v"/> out of this parcel (at most all of it) and returns it.</summary>
    public Parcel Take(Volume v)
    {
        if (v >= Volume) { var all = this; this = default; return all; }
        if (v.Picolitres <= 0) return default;
        var m = _concentration >= 0
            ? Mass.FromAttograms(Math.BigMul(v.Picolitres, _concentration))
            : Mass.FromAttograms(Mass.Attograms * v.Picolitres / Volume.Picolitres);
        Volume -= v;
        Mass -= m;
        return new Parcel { Volume = v, Mass = m, _concentration = _concentration };
    }

    public void Add(Parcel p)
    {
        if (p.IsEmpty) return;
        if (IsEmpty) { this = p; return; }
        if (_concentration != p._concentration) _concentration = Mixed;
        Volume += p.Volume;
        Mass += p.Mass;
    }

    public override readonly string ToString() => $"{Volume} carrying {Mass}";
}
