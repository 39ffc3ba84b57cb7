using PumpSim.Scenarios.Errors;
using PumpSim.Scenarios.Reading;
using PumpSim.Scenarios.Yaml;

namespace PumpSim.Scenarios.Loading;

/// <summary>What a cited id is: a requirement (<c>verifies:</c>), a hazard (<c>hazards:</c>) or an FDA problem code (<c>codes:</c>).</summary>
public enum ReferenceKind { Requirement, Hazard, Code }

/// <summary>One id a scenario cites and where, so an id requirements.yaml does not list is reported at its line and column.</summary>
public sealed record TraceReference(ReferenceKind Kind, string Id, Position At);

/// <summary>Reads the evidence keys of issue 22 (<c>verifies</c>, <c>hazards</c>, <c>codes</c>, <c>known_defect</c>).
/// Their form is checked here; whether an id exists is checked against requirements.yaml once the file is read
/// (<see cref="Requirements.TraceCheck"/>), so a file without these keys never looks for one.</summary>
internal static class EvidenceReader
{
    /// <summary>The id patterns of the schema, as a loop: <paramref name="prefix"/> then upper-case words joined by single hyphens.</summary>
    public static bool IsId(string value, string prefix)
    {
        if (!value.StartsWith(prefix, StringComparison.Ordinal)) return false;
        var rest = value[prefix.Length..];
        if (rest.Length == 0 || rest[0] == '-' || rest[^1] == '-') return false;
        for (var i = 0; i < rest.Length; i++)
        {
            var c = rest[i];
            if (c is (>= 'A' and <= 'Z') or (>= '0' and <= '9')) continue;
            if (c != '-' || rest[i - 1] == '-') return false;
        }
        return true;
    }

    public static IReadOnlyList<string> Ids(MapReader m, string key, ReferenceKind kind, List<TraceReference> references)
    {
        if (m.List(key) is not { } list) return [];
        var prefix = kind == ReferenceKind.Hazard ? "HAZ-" : "REQ-";
        var result = new List<string>();
        foreach (var item in list.Items)
        {
            var id = Values.Text(item, key);
            if (!IsId(id, prefix))
                throw new NodeError(item.At, $"'{key}' expects ids such as {prefix}LOW-RESERVOIR ({prefix} and upper-case words), got '{id}'");
            if (result.Contains(id)) throw new NodeError(item.At, $"'{id}' is listed twice in '{key}'");
            result.Add(id);
            references.Add(new TraceReference(kind, id, item.At));
        }
        return result;
    }

    public static IReadOnlyList<int> Codes(MapReader m, List<TraceReference> references)
    {
        if (m.List("codes") is not { } list) return [];
        var result = new List<int>();
        foreach (var item in list.Items)
        {
            var code = Values.Integer(item, "codes");
            if (code is < 1 or > 9999) throw new NodeError(item.At, $"'codes' expects FDA device problem codes (1 to 9999), got {code}");
            if (result.Contains((int)code)) throw new NodeError(item.At, $"code {code} is listed twice in 'codes'");
            result.Add((int)code);
            references.Add(new TraceReference(ReferenceKind.Code, code.ToString(System.Globalization.CultureInfo.InvariantCulture), item.At));
        }
        return result;
    }

    /// <summary>An expectation's <c>verifies</c> and <c>known_defect</c>, read from the same reader that checked its keys.</summary>
    public static void Expectation(MapReader m, Expectation e, List<TraceReference> references)
    {
        e.Verifies = Ids(m, "verifies", ReferenceKind.Requirement, references);
        if (m.Text("known_defect") is { } why)
        {
            if (why.Trim().Length == 0) throw new NodeError(m.PositionOf("known_defect"), "'known_defect' needs the reason (a defect id or a sentence)");
            e.KnownDefect = why.Trim();
        }
    }
}
