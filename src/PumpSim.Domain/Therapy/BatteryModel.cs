using PumpSim.Core.Units;

namespace PumpSim.Core.Therapy;

/// <summary>A pump model's battery, shared by the cell (plant) and the firmware's ERI rule. Consumption:
/// a base drain per day plus a drain per mL pumped, calibrated from two labelled lives (SynchroMed II:
/// 7 years at 0.5 mL/day and 5 years at 2 mL/day, PUMP.md §2). Charge is an integer count of units so
/// the ERI and EOS instants are exact. Each <see cref="PumpProfile"/> carries its own.</summary>
public sealed class BatteryModel
{
    public const long FullCharge = 10_000_000_000_000; // 10^13 units

    /// <summary>The SynchroMed II's figures: 7 years at 0.5 mL/day, 5 years at 2 mL/day.</summary>
    public static BatteryModel SynchroMedII { get; } = new(7 * 365.0, 5 * 365.0);

    /// <param name="daysAtHalfMl">A new battery's life at 0.5 mL/day, in days.</param>
    /// <param name="daysAtTwoMl">A new battery's life at 2 mL/day, in days (shorter).</param>
    public BatteryModel(double daysAtHalfMl, double daysAtTwoMl)
    {
        if (!(daysAtTwoMl > 0) || !double.IsFinite(daysAtHalfMl))
            throw new ArgumentOutOfRangeException(nameof(daysAtTwoMl), "battery lives are positive, finite days");
        if (!(daysAtHalfMl > daysAtTwoMl))
            throw new ArgumentOutOfRangeException(nameof(daysAtHalfMl), "a battery lasts longer at 0.5 mL/day than at 2 mL/day");
        DaysAtHalfMl = daysAtHalfMl;
        DaysAtTwoMl = daysAtTwoMl;
        PerMl = (1 / daysAtTwoMl - 1 / daysAtHalfMl) / 1.5;
        BasePerDay = 1 / daysAtHalfMl - 0.5 * PerMl;
    }

    public double DaysAtHalfMl { get; }
    public double DaysAtTwoMl { get; }

    /// <summary>Fraction of a full charge used per mL pumped.</summary>
    public double PerMl { get; }
    /// <summary>Fraction of a full charge used per day whatever the flow.</summary>
    public double BasePerDay { get; }

    /// <summary>Units drained per day at a flow of <paramref name="picolitresPerDay"/>.</summary>
    public long DrainPerDay(long picolitresPerDay) =>
        (long)Math.Round(FullCharge * (BasePerDay + PerMl * picolitresPerDay / (double)Volume.PicolitresPerMl));

    public double DaysLeft(long charge, long picolitresPerDay) => charge / (double)DrainPerDay(picolitresPerDay);

    public long ChargeFor(double days, long picolitresPerDay) =>
        Math.Min(FullCharge, (long)Math.Round(days * DrainPerDay(picolitresPerDay)));
}
