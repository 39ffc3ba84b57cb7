using PumpSim.Core.Patient;
using PumpSim.Core.Units;

namespace PumpSim.Core.Tests;

/// <summary>The illustrative patient the patient tests work by hand: maintenance 450 mcg/day, CSF
/// half-life 1 h and effect half-life 2 h (k = 2·ke0, so the exponentials are powers of one half),
/// 70 mL of CSF.</summary>
internal static class PatientFixtures
{
    public const double M = 450;  // maintenance dose, mcg/day

    public static readonly PatientParameters Fast = new()
    {
        MaintenanceMcgPerDay = M,
        CsfHalfLife = SimDuration.FromHours(1),
        EffectHalfLife = SimDuration.FromHours(2),
        CsfVolumeMl = 70,
    };
}
