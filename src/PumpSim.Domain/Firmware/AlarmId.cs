namespace PumpSim.Core.Firmware;

public enum AlarmPriority { NonCritical, Critical }

/// <summary>The alarms of PUMP.md §5 with their priority. Ids are the kebab-case names users write.</summary>
public static class AlarmIds
{
    public const string LowReservoir = "low-reservoir";
    public const string EmptyReservoir = "empty-reservoir";
    public const string ElectiveReplacement = "elective-replacement";
    public const string EndOfService = "end-of-service";
    public const string MotorStall = "motor-stall";
    public const string CriticalMemoryError = "critical-memory-error";
    public const string NonCriticalMemoryError = "noncritical-memory-error";
    public const string LowBatteryReset = "low-battery-reset";

    public static IReadOnlyList<(string Id, AlarmPriority Priority)> All { get; } =
    [
        (LowReservoir, AlarmPriority.NonCritical),
        (EmptyReservoir, AlarmPriority.Critical),
        (ElectiveReplacement, AlarmPriority.NonCritical),
        (EndOfService, AlarmPriority.Critical),
        (MotorStall, AlarmPriority.Critical),
        (CriticalMemoryError, AlarmPriority.Critical),
        (NonCriticalMemoryError, AlarmPriority.NonCritical),
        (LowBatteryReset, AlarmPriority.Critical),
    ];

    public static bool IsKnown(string id) => All.Any(a => a.Id == id);

    public static string Text(AlarmPriority p) => p == AlarmPriority.Critical ? "critical" : "non-critical";
    public static string Tone(AlarmPriority p) => p == AlarmPriority.Critical ? "3-s dual tone" : "1-s single tone";
}
