using PumpSim.Core.Units;

namespace PumpSim.Core.Therapy;

/// <summary>One drug a pump may hold: its name (the word scenario files use), the unit its dose is
/// counted in, and the concentrations the programmer accepts as an entry. Room is left here for
/// stability limits (days in the reservoir) when a scenario needs them.</summary>
public sealed record DrugProfile(string Name, string DoseUnit, double MinConcentrationMcgPerMl, double MaxConcentrationMcgPerMl)
{
    /// <summary>The concentration when a scenario does not give one (PUMP.md's examples: 500 mcg/mL).</summary>
    public Concentration DefaultConcentration { get; init; } = Concentration.FromMcgPerMl(500);

    /// <summary>Intrathecal baclofen (Lioresal/Gablofen). The programmer's entry range is kept wide
    /// (0.001–100 000 mcg/mL) so training files can plant a decimal or unit slip the pump accepts.</summary>
    public static DrugProfile Baclofen { get; } = new("baclofen", "mcg", 0.001, 100_000);

    public bool Accepts(double mcgPerMl) => mcgPerMl >= MinConcentrationMcgPerMl && mcgPerMl <= MaxConcentrationMcgPerMl;
}
