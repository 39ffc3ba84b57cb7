using PumpSim.Core.Therapy;
using PumpSim.Core.Units;

namespace PumpSim.Core.Programmer;

/// <summary>What the programmer forecasts for a reservoir volume at a mean flow: days until the
/// low-reservoir alarm and until the estimate reaches empty. Infinity when nothing flows.</summary>
public sealed record ReservoirForecast(Volume Volume, FlowRate MeanFlow, double DaysToLowReservoirAlarm, double DaysToEmpty)
{
    public static ReservoirForecast Of(Volume volume, Volume lowReservoirAlarm, FlowRate meanFlow) =>
        new(volume, meanFlow, Days(volume - Volume.Min(volume, lowReservoirAlarm), meanFlow), Days(volume, meanFlow));

    /// <summary>How long <paramref name="volume"/> lasts at <paramref name="flow"/>, in days.</summary>
    public static double Days(Volume volume, FlowRate flow) =>
        flow.IsZero ? double.PositiveInfinity : volume.Picolitres / (double)flow.PicolitresPerDay;
}

/// <summary>The alarm settings screen: the low-reservoir alarm volume, the range the pump model
/// allows (its <see cref="PumpProfile"/>), and how long the pump runs between that alarm and empty.</summary>
public sealed record AlarmSettingsView(Volume LowReservoirAlarm, Volume Min, Volume Max, bool InRange, double DaysFromAlarmToEmpty)
{
    public static AlarmSettingsView Of(Volume lowReservoirAlarm, PumpProfile profile, FlowRate meanFlow)
    {
        var (min, max) = (profile.MinLowReservoirAlarm, profile.MaxLowReservoirAlarm);
        return new(lowReservoirAlarm, min, max, lowReservoirAlarm >= min && lowReservoirAlarm <= max,
            ReservoirForecast.Days(lowReservoirAlarm, meanFlow));
    }
}
