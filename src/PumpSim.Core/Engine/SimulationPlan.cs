using PumpSim.Core.Patient;
using PumpSim.Core.Plant;
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

    /// <summary>The pump model. Its defaults (LRA, catheter volume, discrepancy limit) are this plan's
    /// defaults: the loader applies a chosen model's before it reads the scenario's own values.</summary>
    public PumpProfile Profile { get; init; } = PumpCatalog.Standard.DefaultModel;
    public Volume LowReservoirAlarm { get; init; } = PumpCatalog.Standard.DefaultModel.DefaultLowReservoirAlarm;
    public double AccuracyPct { get; init; }
    /// <summary>Battery life left at the initial program, in days; null = a new pump.</summary>
    public double? BatteryLifeRemainingDays { get; init; }
    /// <summary>The true dead volume: pump tubing + catheter.</summary>
    public Volume CatheterVolume { get; init; } = PumpCatalog.Standard.DefaultModel.DefaultCatheterVolume;
    /// <summary>The dead volume the clinician entered (tubing + catheter), which the firmware sizes
    /// priming and bridge boluses by; null = the true volume. A wrong entry over-delivers a priming
    /// bolus (the 2017 SynchroMed II tubing-volume correction) or mis-sizes a bridge.</summary>
    public Volume? ProgrammedCatheterVolume { get; init; }
    public CatheterContents CatheterContents { get; init; } = CatheterContents.Drug;
    public Volume RefillDiscrepancyLimit { get; init; } = PumpCatalog.Standard.DefaultModel.DefaultRefillDiscrepancyLimit;
    public SimDuration NonCriticalToneRepeat { get; init; } = SimDuration.FromHours(1);
    public SimDuration CriticalToneRepeat { get; init; } = SimDuration.FromMinutes(10);

    public DrugProfile Drug { get; init; } = PumpCatalog.Standard.DefaultDrug;
    public string DrugName => Drug.Name;
    public Concentration Concentration { get; init; } = PumpCatalog.Standard.DefaultDrug.DefaultConcentration;
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
        var half = Profile.MaxLowReservoirAlarm;
        if (LowReservoirAlarm < Profile.MinLowReservoirAlarm || LowReservoirAlarm > half)
            throw new ProgramRejectedException($"low_reservoir_alarm_ml must be {Profile.MinLowReservoirAlarm.Ml:0.##} to {half.Ml:0.##} mL for {Profile.Model}, got {LowReservoirAlarm.Ml:0.###}.");
        if (!(AccuracyPct >= PlanLimits.MinAccuracyPct && AccuracyPct <= PlanLimits.MaxAccuracyPct))
            throw new ProgramRejectedException($"accuracy_pct must be {PlanLimits.MinAccuracyPct} to {PlanLimits.MaxAccuracyPct}, got {AccuracyPct}.");
        foreach (var (name, v) in new[] { ("volume_ml", CatheterVolume), ("programmed_volume_ml", ProgrammedCatheterVolume ?? CatheterVolume) })
            if (v.Picolitres < 0 || v > Profile.MaxCatheterVolume)
                throw new ProgramRejectedException($"catheter {name} must be 0 to {Profile.MaxCatheterVolume.Ml:0.###} mL, got {v.Ml:0.###}.");
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
