using PumpSim.Core.Units;

namespace PumpSim.Core.Patient;

/// <summary>The illustrative patient of PUMP.md §7. Not clinical: every figure drawn from it says so.</summary>
public sealed record PatientParameters
{
    /// <summary>The dose at which this patient is well maintained (spasticity index about 1).</summary>
    public double MaintenanceMcgPerDay { get; init; } = 450;
    /// <summary>CSF elimination half-life; sources report 0.9–5 h.</summary>
    public SimDuration CsfHalfLife { get; init; } = SimDuration.FromMinutes(90);
    public double CsfVolumeMl { get; init; } = 70;
    /// <summary>Effect-site equilibration half-life: a change is felt in 6–8 h, fully in 1–2 days.</summary>
    public SimDuration EffectHalfLife { get; init; } = SimDuration.FromHours(7);
    /// <summary>Pocket fill: half-life of absorption from the pocket into the circulation. Modelling
    /// choice: a small molecule injected subcutaneously is absorbed within hours (oral baclofen
    /// peaks at about 2 h, Lioresal label).</summary>
    public SimDuration PocketAbsorptionHalfLife { get; init; } = SimDuration.FromHours(1);
    /// <summary>Pocket fill: the fraction of absorbed drug that acts on the spinal cord as if given
    /// intrathecally. Modelling choice: daily oral doses (30–80 mg) are roughly 50–100 times the
    /// intrathecal doses (300–800 mcg) that give the same relief, so 2 %.</summary>
    public double SystemicCnsFactor { get; init; } = 0.02;
    /// <summary>Start at the steady state of the initial program (true) or with no drug on board.</summary>
    public bool StartAtSteadyState { get; init; } = true;

    public void Validate()
    {
        Preconditions.CheckRange(MaintenanceMcgPerDay, 1, 100_000, "maintenance_mcg_per_day", "mcg/day");
        Preconditions.CheckRange(CsfVolumeMl, 1, 1000, "csf_volume_ml", "mL");
        Preconditions.CheckRange(SystemicCnsFactor, 0, 1, "systemic_cns_factor", "");
        if (CsfHalfLife.Seconds < 60 || EffectHalfLife.Seconds < 60 || PocketAbsorptionHalfLife.Seconds < 60)
            throw new Therapy.ProgramRejectedException("patient half-lives must be at least 1 minute.");
    }
}
