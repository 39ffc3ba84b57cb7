using PumpSim.Core.Therapy;
using PumpSim.Core.Units;

namespace PumpSim.Core.Programmer;

/// <summary>What the interrogated pump tells the programmer before a refill.</summary>
public sealed record PumpReading(
    PumpProfile Profile,
    Volume Estimate,
    Concentration Entered,
    TherapyProgram Program,
    Volume LowReservoirAlarm,
    Volume DiscrepancyLimit,
    Volume CatheterVolume);

/// <summary>The clinician's refill entries: what was withdrawn, what was added, and the
/// concentration entered for the new drug.</summary>
public sealed record RefillEntry(Volume Withdrawn, Volume Added, Concentration Entered);

/// <summary>The refill screen's numbers. <see cref="Discrepancy"/> is withdrawn − expected (the
/// estimate); over the limit the pump logs it (PUMP.md §6). <see cref="NewVolume"/> is what the
/// programmer proposes to program: what it believes is left plus what was added, held to the
/// capacity (<see cref="Excess"/> is refused). <see cref="Bridge"/> is set when the concentration
/// changes and there is a dose to bridge.</summary>
public sealed record RefillView(
    Volume Discrepancy,
    bool DiscrepancyOverLimit,
    Volume NewVolume,
    Volume Excess,
    RateView Rate,
    ReservoirForecast Forecast,
    bool ConcentrationChanged,
    BolusView? Bridge,
    FlushWithoutBridge? WithoutBridge);

public static class RefillCalculator
{
    public static RefillView Calculate(PumpReading pump, RefillEntry entry)
    {
        var discrepancy = entry.Withdrawn - pump.Estimate;
        var left = pump.Estimate - Volume.Min(entry.Withdrawn, pump.Estimate);
        var total = left + entry.Added;
        var newVolume = Volume.Min(total, pump.Profile.Capacity);
        var rate = RateCalculator.Mean(pump.Program, entry.Entered, pump.Profile);
        var changed = entry.Entered != pump.Entered;
        // The bridge keeps the current dose with the old drug: the dose the program gives now, at the old concentration.
        var dose = RateCalculator.Mean(pump.Program, pump.Entered, pump.Profile).Dose;
        return new RefillView(
            discrepancy,
            Math.Abs(discrepancy.Picolitres) > pump.DiscrepancyLimit.Picolitres,
            newVolume,
            total - newVolume,
            rate,
            ReservoirForecast.Of(newVolume, pump.LowReservoirAlarm, rate.Flow),
            changed,
            changed ? BolusCalculator.Bridge(pump.CatheterVolume, dose, pump.Entered) : null,
            changed ? BolusCalculator.WithoutBridge(pump.CatheterVolume, dose, pump.Entered, entry.Entered) : null);
    }
}
