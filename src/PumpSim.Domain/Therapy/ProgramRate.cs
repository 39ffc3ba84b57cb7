using PumpSim.Core.Units;

namespace PumpSim.Core.Therapy;

/// <summary>A programmed rate, as the clinician typed it: a dose (mcg/day) or a volume flow (mL/day).
/// The firmware turns a dose into a flow with the concentration it was told the reservoir holds.</summary>
public readonly record struct ProgramRate
{
    public DoseRate? Dose { get; }
    public FlowRate? Flow { get; }

    private ProgramRate(DoseRate? dose, FlowRate? flow) { Dose = dose; Flow = flow; }

    public static ProgramRate OfDose(DoseRate dose) => new(dose, null);
    public static ProgramRate OfFlow(FlowRate flow) => new(null, flow);
    public static ProgramRate McgPerDay(double mcg) => OfDose(DoseRate.FromMcgPerDay(mcg));
    public static ProgramRate MlPerDay(double ml) => OfFlow(FlowRate.FromMlPerDay(ml));

    public FlowRate ToFlow(Concentration c) => Flow ?? FlowRate.From(Dose!.Value, c);
    public DoseRate ToDose(Concentration c) => Dose ?? Flow!.Value * c;

    public override string ToString() => Dose is { } d ? d.ToString() : Flow!.Value.ToString();
}
