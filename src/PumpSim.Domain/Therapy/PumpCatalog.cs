namespace PumpSim.Core.Therapy;

/// <summary>The pump models and drugs a run may name: the only list of them. The loader, the scenario
/// format, the schema and the docs enumerate a catalog; <see cref="Standard"/> is the built-in one,
/// and a test (or a tool embedding PumpSim) may build another with a model of its own.</summary>
public sealed class PumpCatalog
{
    public PumpCatalog(IReadOnlyList<PumpProfile> models, IReadOnlyList<DrugProfile> drugs)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(drugs);
        if (models.Count == 0 || drugs.Count == 0) throw new ArgumentException("a catalog needs at least one pump model and one drug");
        if (models.Select(m => m.Model).Distinct(StringComparer.Ordinal).Count() != models.Count) throw new ArgumentException("pump model ids must be unique");
        if (drugs.Select(d => d.Name).Distinct(StringComparer.Ordinal).Count() != drugs.Count) throw new ArgumentException("drug names must be unique");
        Models = models;
        Drugs = drugs;
    }

    /// <summary>Models in the order the docs and the schema list them; the first is the default.</summary>
    public IReadOnlyList<PumpProfile> Models { get; }
    /// <summary>Drugs; the first is the default.</summary>
    public IReadOnlyList<DrugProfile> Drugs { get; }

    public PumpProfile DefaultModel => Models[0];
    public DrugProfile DefaultDrug => Drugs[0];

    public PumpProfile? Find(string model) => Models.FirstOrDefault(p => p.Model == model);
    public DrugProfile? FindDrug(string name) => Drugs.FirstOrDefault(d => d.Name == name);

    /// <summary>This catalog with one more model (a test's, or a tool's).</summary>
    public PumpCatalog With(PumpProfile model) => new([.. Models, model], Drugs);

    public static PumpCatalog Standard { get; } = new([PumpProfile.SynchroMedII20, PumpProfile.SynchroMedII40], [DrugProfile.Baclofen]);
}
