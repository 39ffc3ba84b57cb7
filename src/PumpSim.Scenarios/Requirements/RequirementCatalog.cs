namespace PumpSim.Scenarios.Requirements;

/// <summary>One requirement of the pump's behaviour with a stable id, its wording and where it comes from
/// (a PUMP.md section, the labelling, a field notice).</summary>
public sealed record Requirement(string Id, string Text, string Source);

/// <summary>One hazard, ISO 14971 style: the hazard, the hazardous situation it leads to, and the harm.</summary>
public sealed record Hazard(string Id, string Title, string Situation, string Harm, string Source);

/// <summary>An FDA device problem code a scenario may name (<c>codes:</c>), with its term as the catalog states it.</summary>
public sealed record ProblemCode(int Code, string Term, string Source);

/// <summary>scenarios/requirements.yaml, read and checked: the ids scenarios may cite, in file order.</summary>
public sealed record RequirementCatalog(string File, IReadOnlyList<Requirement> Requirements, IReadOnlyList<Hazard> Hazards, IReadOnlyList<ProblemCode> Codes)
{
    /// <summary>The file name the loader and `pumpsim trace` look for; scenario folder walks skip it.</summary>
    public const string FileName = "requirements.yaml";

    public bool HasRequirement(string id) => Requirements.Any(r => r.Id == id);
    public bool HasHazard(string id) => Hazards.Any(h => h.Id == id);
    public bool HasCode(int code) => Codes.Any(c => c.Code == code);

    /// <summary>The nearest requirements.yaml in <paramref name="folder"/> or a folder above it; null when there is none.
    /// The path keeps the form of the one given (relative stays relative), so messages read like the command line.</summary>
    public static string? FindAbove(string folder)
    {
        var full = Path.GetFullPath(folder.Length == 0 ? "." : folder);
        for (var dir = new DirectoryInfo(full); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, FileName);
            if (Files.FileNode.KindOf(candidate, followLinks: true) == Files.NodeKind.Regular)
                return Path.IsPathRooted(folder) ? candidate : Path.GetRelativePath(Directory.GetCurrentDirectory(), candidate);
        }
        return null;
    }
}
