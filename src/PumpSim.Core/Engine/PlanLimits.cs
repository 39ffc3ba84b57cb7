using PumpSim.Core.Therapy;
using PumpSim.Core.Units;

namespace PumpSim.Core.Engine;

/// <summary>The limits and defaults of a plan, in one place. The loader, the format table (and so
/// the JSON Schema), sweep key domains, <see cref="SimulationPlan.Validate"/> and the CLI options all
/// read them from here, so a limit cannot be 1h in one place and 2h in another. The texts are
/// constants because the CLI puts them in option descriptions (attributes); a test pins each text
/// to its value.</summary>
public static class PlanLimits
{
    /// <summary>The engine step: the grid `play` paces on. Outputs do not depend on it.</summary>
    public static SimDuration MinStep { get; } = SimDuration.FromSeconds(1);
    public static SimDuration MaxStep { get; } = SimDuration.FromHours(1);
    public const string StepRange = "1s to 1h";
    public static SimDuration DefaultStep { get; } = SimDuration.FromMinutes(1);

    /// <summary>The telemetry sample interval.</summary>
    public static SimDuration MinSample { get; } = SimDuration.FromSeconds(1);
    public static SimDuration DefaultSample { get; } = SimDuration.FromMinutes(15);

    /// <summary>The length of a run: 50 years of 366 days, longer than any pump's service life.</summary>
    public static SimDuration MinDuration { get; } = SimDuration.FromSeconds(1);
    public static SimDuration MaxDuration { get; } = SimDuration.FromDays(50L * 366);
    public const string MaxDurationText = "50 years";

    /// <summary>When a scenario starts if it does not say.</summary>
    public static SimInstant DefaultStart { get; } = SimInstant.FromDateTimeOffset(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    /// <summary>The systematic flow error a scenario may give, %: above −100 (a pump that pumps
    /// nothing is a stall, not an accuracy) to +100. One range for the format, the plan and sweeps.</summary>
    public const double MinAccuracyPct = -99.999, MaxAccuracyPct = 100;

    /// <summary>Battery life left at the initial program: 0 to 20 years of 366 days.</summary>
    public const int MaxBatteryLifeDays = 20 * 366;

    public static bool IsStep(SimDuration step) => step >= MinStep && step <= MaxStep;
    public static bool IsDuration(SimDuration duration) => duration >= MinDuration && duration <= MaxDuration;
}
