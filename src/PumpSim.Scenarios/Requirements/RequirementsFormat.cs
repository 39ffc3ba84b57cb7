using PumpSim.Scenarios.Format;

namespace PumpSim.Scenarios.Requirements;

/// <summary>The keys of requirements.yaml, as one table the reader checks against (unknown keys are errors
/// with a suggestion, as in scenario files).</summary>
internal static class RequirementsFormat
{
    private static Field F(string name, Shape shape, bool required = true) => new(name, shape, required);
    private static ScalarShape Str(string doc) => new(ScalarKind.String, doc);

    public static readonly MapShape Requirement = new("a requirement", [
        F("id", new ScalarShape(ScalarKind.RequirementId, "stable id, REQ- and upper-case words")),
        F("text", Str("what the pump (or PumpSim) shall do")),
        F("source", Str("where it comes from: a PUMP.md section, the labelling, a notice")),
    ]);

    public static readonly MapShape Hazard = new("a hazard (ISO 14971: hazard, hazardous situation, harm)", [
        F("id", new ScalarShape(ScalarKind.HazardId, "stable id, HAZ- and upper-case words")),
        F("hazard", Str("the hazard")),
        F("situation", Str("the hazardous situation it leads to")),
        F("harm", Str("the harm to the patient")),
        F("source", Str("where it comes from")),
    ]);

    public static readonly MapShape Code = new("an FDA device problem code", [
        F("code", new ScalarShape(ScalarKind.Integer, "the code", null, 1, 9999)),
        F("term", Str("its term")),
        F("source", Str("where it is cited")),
    ]);

    public static readonly MapShape Root = new("requirements, hazards and problem codes scenarios may cite", [
        F("requirements", new ListShape(Requirement, "the requirements")),
        F("hazards", new ListShape(Hazard, "the hazards"), required: false),
        F("problem_codes", new ListShape(Code, "FDA device problem codes"), required: false),
    ]);
}
