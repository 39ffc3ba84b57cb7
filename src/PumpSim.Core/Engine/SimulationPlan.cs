using PumpSim.Core.Plant;
using PumpSim.Core.Patient;
using PumpSim.Core.Therapy;
using PumpSim.Core.Units;

namespace PumpSim.Core.Engine;

/// <summary>Everything one simulation needs, already checked: the loader builds it from YAML,
/// tests build it in code. Defaults follow PUMP.md §2.</summary>
public sealed record SimulationPlan
{
    public string Id { get; init; } = "scenario";
    public SimInstant Start { get; init; } = PlanLimits.DefaultStart;
    public SimDuration Duration { get; init; } = SimDuration.FromDays(1);
    public SimDuration Step { get; init; } = PlanLimits.DefaultStep;
    public SimDuration Sample { get; init; } = PlanLimits.DefaultSample;
    public ulong Seed { get; init; }

    public PumpProfile Profile { get; init; } = PumpProfile.SynchroMedII20;
    public Volume LowReservoirAlarm { get; init; } = Volume.FromMl(2.0);
    public double AccuracyPct { get; init; }
    /// <summary>Battery life left at the initial program, in days; null = a new pump.</summary>
    public double? BatteryLifeRemainingDays { get; init; }
    public Volume CatheterVolume { get; init; } = Volume.FromMl(0.20);
    public CatheterContents CatheterContents { get; init; } = CatheterContents.Drug;
    public Volume RefillDiscrepancyLimit { get; init; } = Volume.FromMl(2.0);
    public SimDuration NonCriticalToneRepeat { get; init; } = SimDuration.FromHours(1);
    public SimDuration CriticalToneRepeat { get; init; } = SimDuration.FromMinutes(10);

    public string DrugName { get; init; } = "baclofen";
    public Concentration Concentration { get; init; } = Concentration.FromMcgPerMl(500);
    /// <summary>The concentration the clinician entered into the pump; null = the real one. A wrong
    /// entry is the classic programming error (PUMP.md §3): the firmware converts mcg/day with it.</summary>
    public Concentration? ProgrammedConcentration { get; init; }
    public Volume Reservoir { get; init; } = Volume.FromMl(20);

    public TherapyProgram Program { get; init; } = TherapyProgram.Continuous(ProgramRate.McgPerDay(500));
    public PtmSettings? Ptm { get; init; }
    public PatientParameters? Patient { get; init; }

    public IReadOnlyList<TimedAction> Actions { get; init; } = [];

    /// <summary>Instants at which the engine records a <see cref="Events.Snapshot"/> (for expectations).</summary>
    public IReadOnlyList<SimInstant> Probes { get; init; } = [];

    public SimInstant End => Start + Duration;

    /// <summary>The last instant outputs can show (DateTimeOffset's maximum, 9999-12-31T23:59:59Z).</summary>
    public static SimInstant LatestEnd { get; } = SimInstant.FromUnixSeconds(DateTimeOffset.MaxValue.ToUnixTimeSeconds());

    /// <summary>Checks the domain limits; throws <see cref="ProgramRejectedException"/> with a plain reason.</summary>
    public void Validate()
    {
        if (!PlanLimits.IsStep(Step)) throw new ProgramRejectedException($"step must be {PlanLimits.StepRange}, got {Step}.");
        if (Sample < PlanLimits.MinSample) throw new ProgramRejectedException($"sample must be at least {PlanLimits.MinSample}.");
        if (Duration < PlanLimits.MinDuration) throw new ProgramRejectedException($"duration must be at least {PlanLimits.MinDuration}.");
        if (Duration > PlanLimits.MaxDuration) throw new ProgramRejectedException($"duration must be at most {PlanLimits.MaxDurationText}.");
        if (Start.UnixSeconds < DateTimeOffset.MinValue.ToUnixTimeSeconds() || Start.UnixSeconds > LatestEnd.UnixSeconds - Duration.Seconds)
            throw new ProgramRejectedException($"the scenario must start and end between 0001-01-01T00:00:00Z and {LatestEnd}.");
        if (Reservoir > Profile.Capacity || Reservoir.Picolitres < 0)
            throw new ProgramRejectedException($"reservoir_ml must be 0 to {Profile.Capacity.Ml:0.##} mL for {Profile.Model}, got {Reservoir.Ml:0.###}.");
        var half = PlanLimits.MaxLowReservoirAlarm(Profile);
        if (LowReservoirAlarm < PlanLimits.MinLowReservoirAlarm || LowReservoirAlarm > half)
            throw new ProgramRejectedException($"low_reservoir_alarm_ml must be {PlanLimits.MinLowReservoirAlarm.Ml:0.##} to {half.Ml:0.##} mL for {Profile.Model}, got {LowReservoirAlarm.Ml:0.###}.");
        if (AccuracyPct <= -100 || AccuracyPct > 100 || double.IsNaN(AccuracyPct))
            throw new ProgramRejectedException($"accuracy_pct must be above -100 and at most 100, got {AccuracyPct}.");
        if (CatheterVolume.Picolitres < 0 || CatheterVolume > Volume.FromMl(5))
            throw new ProgramRejectedException($"catheter volume_ml must be 0 to 5 mL, got {CatheterVolume.Ml:0.###}.");
        if (BatteryLifeRemainingDays is { } d && (d < 0 || d > PlanLimits.MaxBatteryLifeDays || double.IsNaN(d)))
            throw new ProgramRejectedException($"battery life_remaining_days must be 0 to {PlanLimits.MaxBatteryLifeDays}, got {d}.");
        // The pump converts with what it was told (PUMP.md §3): a wrong entry is checked as the pump
        // would check it, so "real 50, entered 500" runs, as the same mistake at a refill does.
        Profile.Check(Program, ProgrammedConcentration ?? Concentration);
    }

    /// <summary>The instants of <paramref name="instants"/> (only those from <paramref name="from"/>
    /// to <paramref name="to"/>, when given), sorted, each once. Sorted as longs, not with LINQ: LINQ keyed by a
    /// PumpSim struct is generic code the JIT compiles in every process (docs/startup.md).</summary>
    public static IReadOnlyList<SimInstant> SortedDistinct(IEnumerable<SimInstant> instants, SimInstant? from = null, SimInstant? to = null)
    {
        var seconds = new List<long>();
        foreach (var t in instants)
            if ((from is null || t >= from) && (to is null || t <= to)) seconds.Add(t.UnixSeconds);
        seconds.Sort();
        var result = new List<SimInstant>(seconds.Count);
        for (var i = 0; i < seconds.Count; i++)
            if (i == 0 || seconds[i] != seconds[i - 1]) result.Add(SimInstant.FromUnixSeconds(seconds[i]));
        return result;
    }
}
