using PumpSim.Core.Units;

namespace PumpSim.Core.Therapy;

/// <summary>Patient-activated bolus settings (myPTM-style). The daily maximum counts accepted
/// requests in the 24 hours before a request (a rolling day, so midnight is no loophole).</summary>
public sealed record PtmSettings(double DoseMcg, SimDuration Duration, SimDuration Lockout, int MaxPerDay)
{
    public static PtmSettings Create(double doseMcg, SimDuration duration, SimDuration lockout, int maxPerDay)
    {
        Preconditions.CheckRange(doseMcg, 0.001, 10_000, "ptm dose", "mcg");
        if (duration.Seconds < 1) throw new ProgramRejectedException("a PTM bolus needs a duration of at least 1 s.");
        if (lockout.Seconds < 0) throw new ProgramRejectedException("a PTM lockout cannot be negative.");
        if (maxPerDay < 1 || maxPerDay > 24) throw new ProgramRejectedException("a PTM maximum per day must be 1 to 24.");
        return new PtmSettings(doseMcg, duration, lockout, maxPerDay);
    }

    /// <summary>As the Finish screen and the event log word them: "50 mcg over 10m, lockout 3h, at most 4 a day".</summary>
    public string Describe() =>
        $"{DoseMcg.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} mcg over {Duration}, lockout {Lockout}, at most {MaxPerDay} a day";

    /// <summary>The settings' words, or "none" when the pump has no patient bolus set up.</summary>
    public static string Describe(PtmSettings? ptm) => ptm?.Describe() ?? "none";
}
