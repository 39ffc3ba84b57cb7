using PumpSim.Core.Units;

namespace PumpSim.Core.Therapy;

/// <summary>The pump model's battery figures, shared by the cell (plant) and the firmware's ERI rule. Consumption: a base drain per day plus a drain per mL pumped, calibrated so a
/// new battery lasts 7 years at 0.5 mL/day and 5 years at 2 mL/day (PUMP.md §2). Charge is an
/// integer count of units so the ERI and EOS instants are exact.</summary>
public static class BatteryModel
{
    public const long FullCharge = 10_000_000_000_000; // 10^13 units
    private const double DaysAt05 = 7 * 365.0, DaysAt2 = 5 * 365.0;

    /// <summary>Fraction of a full charge used per mL pumped.</summary>
    public static readonly double PerMl = (1 / DaysAt2 - 1 / DaysAt05) / 1.5;
    /// <summary>Fraction of a full charge used per day whatever the flow.</summary>
    public static readonly double BasePerDay = 1 / DaysAt05 - 0.5 * PerMl;

    /// <summary>Units drained per day at a flow of <paramref name="picolitresPerDay"/>.</summary>
    public static long DrainPerDay(long picolitresPerDay) =>
        (long)Math.Round(FullCharge * (BasePerDay + PerMl * picolitresPerDay / (double)Volume.PicolitresPerMl));

    public static double DaysLeft(long charge, long picolitresPerDay) => charge / (double)DrainPerDay(picolitresPerDay);

    public static long ChargeFor(double days, long picolitresPerDay) =>
        Math.Min(FullCharge, (long)Math.Round(days * DrainPerDay(picolitresPerDay)));
}
