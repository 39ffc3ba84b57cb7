using PumpSim.Core.Therapy;
using PumpSim.Core.Units;

namespace PumpSim.Core.Programmer;

/// <summary>A bolus as the programmer shows it before it is sent: its volume, the flow it runs at,
/// how long it runs and the drug it carries. <see cref="Capped"/>: basal plus bolus would exceed the
/// pump's maximum flow, so it will run longer than <see cref="Duration"/> (PUMP.md §3).</summary>
public sealed record BolusView(Volume Volume, FlowRate Rate, SimDuration Duration, Mass Dose, bool Capped = false);

/// <summary>Without a bridge, after a concentration change the old drug in the catheter comes out at
/// the new, slower (or faster) flow: for <see cref="Duration"/> the patient receives
/// <see cref="DoseDuringFlush"/> instead of the prescribed dose; <see cref="Shortfall"/> is the drug
/// missing over that time (negative: an excess, when the new drug is weaker).</summary>
public sealed record FlushWithoutBridge(SimDuration Duration, DoseRate DoseDuringFlush, Mass Shortfall);

/// <summary>The programmer's bolus screens: priming, bridge, single and patient (PTM) boluses.
/// Durations round up to the whole second, as the firmware runs them.</summary>
public static class BolusCalculator
{
    /// <summary>After an implant or a catheter revision: the entered catheter volume pushed at the
    /// pump's highest flow; the drug it carries is that volume at the entered concentration.</summary>
    public static BolusView Priming(Volume catheterVolume, Concentration entered, PumpProfile profile) =>
        new(catheterVolume, profile.MaxFlow, RunTime(catheterVolume, profile.MaxFlow), catheterVolume * entered);

    /// <summary>After a concentration change: the old drug still in the tubing and catheter
    /// (<paramref name="oldDrugLeft"/>) at the flow that gives <paramref name="dose"/> at the old
    /// concentration. Null when there is nothing to bridge (no old drug left, or no dose).</summary>
    public static BolusView? Bridge(Volume oldDrugLeft, DoseRate dose, Concentration old)
    {
        if (oldDrugLeft.Picolitres <= 0 || dose.NanogramsPerDay <= 0) return null;
        var rate = FlowRate.From(dose, old);
        return new(oldDrugLeft, rate, RunTime(oldDrugLeft, rate), oldDrugLeft * old);
    }

    /// <summary>What the patient gets if no bridge is given: the old drug pushed out at the flow of
    /// the new concentration.</summary>
    public static FlushWithoutBridge WithoutBridge(Volume oldDrugLeft, DoseRate dose, Concentration old, Concentration @new)
    {
        var flow = FlowRate.From(dose, @new);
        return new(RunTime(oldDrugLeft, flow), flow * old, oldDrugLeft * @new - oldDrugLeft * old);
    }

    /// <summary>A clinician bolus of <paramref name="doseMcg"/> over <paramref name="duration"/> on top
    /// of <paramref name="basal"/>.</summary>
    public static BolusView Single(double doseMcg, SimDuration duration, Concentration entered, FlowRate basal, PumpProfile profile)
    {
        var volume = Volume.FromMl(doseMcg / entered.McgPerMl);
        var rate = FlowRate.FromPicolitresPerDay((long)Math.Round(volume.Picolitres * (double)SimDuration.SecondsPerDay / duration.Seconds));
        return new(volume, rate, duration, volume * entered, basal + rate > profile.MaxFlow);
    }

    /// <summary>Patient-bolus settings: one bolus, and the most the patient can add in a day.</summary>
    public static (BolusView One, Mass MaxPerDay) Ptm(PtmSettings settings, Concentration entered, FlowRate basal, PumpProfile profile)
    {
        var one = Single(settings.DoseMcg, settings.Duration, entered, basal, profile);
        return (one, Mass.FromAttograms(one.Dose.Attograms * settings.MaxPerDay));
    }

    /// <summary>Seconds to run <paramref name="volume"/> at <paramref name="rate"/>, rounded up, at least 1.</summary>
    public static SimDuration RunTime(Volume volume, FlowRate rate) =>
        rate.IsZero ? SimDuration.Zero
            : SimDuration.FromSeconds(Math.Max(1, (long)(((Int128)volume.Picolitres * SimDuration.SecondsPerDay + rate.PicolitresPerDay - 1) / rate.PicolitresPerDay)));
}
