using PumpSim.Core.Engine;
using PumpSim.Core.Units;

namespace PumpSim.Core.Sweeps;

/// <summary>A scenario parameter a sweep can vary, with its domain. A drawn value outside the
/// domain is clamped to the nearest limit, and the run's row says so (column <c>clamped</c>).</summary>
public sealed record SweepKey(string Name, string Unit, string Meaning,
    Func<SimulationPlan, (double Min, double Max)> Domain,
    Func<SimulationPlan, double, SimulationPlan> Apply,
    Func<SimulationPlan, string?>? Applicable = null)
{
    public const string AccuracyPct = "pump.accuracy_pct";
    public const string BatteryDays = "pump.battery.life_remaining_days";
    public const string LowReservoirAlarmMl = "pump.low_reservoir_alarm_ml";
    public const string ReservoirMl = "reservoir_ml";
    public const string RefillDelay = "refill.delay";
    public const string CatheterFaultTime = "catheter.fault_time";

    /// <summary>Every key, in a fixed order (the order front ends list them in).</summary>
    public static IReadOnlyList<SweepKey> All { get; } =
    [
        new(AccuracyPct, "%", "the pump's true flow bias (+14.5 = over-infusion at the labelled limit)",
            _ => (PlanLimits.MinAccuracyPct, PlanLimits.MaxAccuracyPct), (p, v) => p with { AccuracyPct = v }),
        new(BatteryDays, "days", "battery life left at the initial program",
            _ => (0, PlanLimits.MaxBatteryLifeDays), (p, v) => p with { BatteryLifeRemainingDays = v }),
        new(LowReservoirAlarmMl, "mL", "the low-reservoir alarm threshold",
            p => (p.Profile.MinLowReservoirAlarm.Ml, p.Profile.MaxLowReservoirAlarm.Ml), (p, v) => p with { LowReservoirAlarm = Volume.FromMl(v) }),
        new(ReservoirMl, "mL", "the true (and estimated) reservoir volume at start",
            p => (0, p.Profile.Capacity.Ml), (p, v) => p with { Reservoir = Volume.FromMl(v) }),
        new(RefillDelay, "h", "every refill happens this many hours later (past the end = missed)",
            p => (0, p.Duration.TotalHours), (p, v) => Shift<RefillAction>(p, v),
            p => p.Actions.Any(a => a.Action is RefillAction) ? null : "the scenario has no refill event to delay"),
        new(CatheterFaultTime, "h", "every catheter fault happens this many hours later (negative = earlier, never before the start)",
            p => (-p.Duration.TotalHours, p.Duration.TotalHours), (p, v) => Shift<CatheterFaultAction>(p, v),
            p => p.Actions.Any(a => a.Action is CatheterFaultAction) ? null : "the scenario has no catheter fault event to move"),
    ];

    public static SweepKey Find(string name) =>
        All.FirstOrDefault(k => k.Name == name)
        ?? throw new SweepException($"unknown sweep key '{name}'; known keys: {string.Join(", ", All.Select(k => k.Name))}");

    /// <summary>Moves every action of type <typeparamref name="T"/> by <paramref name="hours"/>
    /// (rounded to the second), never before the start; actions are re-sorted by instant, then order.</summary>
    private static SimulationPlan Shift<T>(SimulationPlan plan, double hours) where T : ScenarioAction
    {
        var seconds = (long)Math.Round(hours * 3600, MidpointRounding.AwayFromZero);
        var actions = plan.Actions
            .Select(a => a.Action is T ? a with { At = SimInstant.Max(plan.Start, a.At + SimDuration.FromSeconds(seconds)) } : a)
            .OrderBy(a => a.At).ThenBy(a => a.Order)
            .ToArray();
        return plan with { Actions = actions };
    }
}
