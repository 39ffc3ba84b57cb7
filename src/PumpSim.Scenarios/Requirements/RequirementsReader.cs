using PumpSim.Scenarios.Errors;
using PumpSim.Scenarios.Loading;
using PumpSim.Scenarios.Reading;
using PumpSim.Scenarios.Yaml;

namespace PumpSim.Scenarios.Requirements;

/// <summary>Reads requirements.yaml (docs/scenario-format.md, "Requirements, hazards and known defects"). Every
/// problem is a <see cref="ScenarioException"/> naming the file, line and column, as for scenario files:
/// an unknown key, a malformed or repeated id, a missing text or source.</summary>
public static class RequirementsReader
{
    public static RequirementCatalog Load(string path)
    {
        byte[] bytes;
        try
        {
            bytes = Files.FileNode.ReadCapped(path, TextGuard.MaxBytes)
                ?? throw Single(path, $"the file is larger than {TextGuard.MaxBytes} bytes");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Single(path, $"cannot read the file: {e.Message}");
        }
        try { return Parse(TextGuard.Decode(bytes), path); }
        catch (NodeError e) { throw new ScenarioException([new ScenarioError(path, e.At.Line, e.At.Column, e.Message)]); }
    }

    public static RequirementCatalog Parse(string text, string file)
    {
        var diagnostics = new Diagnostics(file);
        var requirements = new List<Requirement>();
        var hazards = new List<Hazard>();
        var codes = new List<ProblemCode>();
        try
        {
            TextGuard.Check(text);
            var root = YamlTreeReader.Read(text) as YMap
                ?? throw new NodeError(Position.FileStart, "expected a mapping with 'requirements' (and optionally 'hazards', 'problem_codes')");
            var top = new MapReader(root, RequirementsFormat.Root, "requirements file", diagnostics);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            Items(top, "requirements", RequirementsFormat.Requirement, diagnostics, m =>
                requirements.Add(new Requirement(Id(m, seen), Words(m, "text"), Words(m, "source"))));
            Items(top, "hazards", RequirementsFormat.Hazard, diagnostics, m =>
                hazards.Add(new Hazard(Id(m, seen), Words(m, "hazard"), Words(m, "situation"), Words(m, "harm"), Words(m, "source"))));
            var numbers = new HashSet<long>();
            Items(top, "problem_codes", RequirementsFormat.Code, diagnostics, m =>
            {
                var code = m.Integer("code")!.Value;
                if (!numbers.Add(code)) throw new NodeError(m.PositionOf("code"), $"problem code {code} is listed twice");
                codes.Add(new ProblemCode((int)code, Words(m, "term"), Words(m, "source")));
            });
        }
        catch (NodeError e) { diagnostics.Add(e.At, e.Message); }
        diagnostics.ThrowIfAny();
        return new RequirementCatalog(file, requirements, hazards, codes);
    }

    private static void Items(MapReader top, string key, Format.MapShape shape, Diagnostics diagnostics, Action<MapReader> read)
    {
        if (top.List(key) is not { } list) return;
        foreach (var item in list.Items)
            diagnostics.Guard(() => read(new MapReader(item, shape, key, diagnostics)));
    }

    private static string Id(MapReader m, HashSet<string> seen)
    {
        var id = m.Text("id")!;
        var prefix = m.Name == "hazards" ? "HAZ-" : "REQ-";
        if (!EvidenceReader.IsId(id, prefix))
            throw new NodeError(m.PositionOf("id"), $"'{id}' is not a {(prefix == "HAZ-" ? "hazard" : "requirement")} id; write {prefix} and upper-case words joined by hyphens, e.g. {prefix}LOW-RESERVOIR");
        if (!seen.Add(id)) throw new NodeError(m.PositionOf("id"), $"'{id}' is listed twice; ids must be unique");
        return id;
    }

    /// <summary>A required text, trimmed; blank is refused (an empty source cites nothing).</summary>
    private static string Words(MapReader m, string key)
    {
        var text = m.Text(key)!.Trim();
        return text.Length > 0 ? text : throw new NodeError(m.PositionOf(key), $"'{key}' is empty");
    }

    private static ScenarioException Single(string file, string message) =>
        new([new ScenarioError(file, 1, 1, message)]);
}
