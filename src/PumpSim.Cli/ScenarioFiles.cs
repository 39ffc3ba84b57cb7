using PumpSim.Cli.Infrastructure;
using PumpSim.Scenarios.Files;

namespace PumpSim.Cli;

/// <summary>The scenario files under the paths a user gives, and what could not be looked at.</summary>
public sealed record ScenarioFileList(IReadOnlyList<string> Files, IReadOnlyList<string> Problems);

/// <summary>Finds scenario files under the paths a user gives, in a stable order (ordinal by path),
/// so `verify` output and JUnit files do not depend on the filesystem's listing order. A folder's
/// requirements.yaml is the catalog scenarios cite, not a scenario, and is skipped.
/// Hostile trees are safe: each folder is walked once by its real path (a link loop ends there),
/// a file reached twice through links is listed once, only regular files are listed (a FIFO named
/// x.yaml is reported, never opened, so nothing blocks), an unreadable folder is reported and the
/// walk goes on, and depth and count are bounded.</summary>
public static class ScenarioFiles
{
    public const int MaxDepth = 64;
    public const int MaxFiles = 100_000;

    public static IReadOnlyList<string> Find(IEnumerable<string> paths)
    {
        var list = FindAll(paths);
        if (list.Problems.Count > 0) throw new InputException(list.Problems[0]);
        return list.Files;
    }

    public static ScenarioFileList FindAll(IEnumerable<string> paths)
    {
        var found = new List<(string Path, string Real)>();
        var problems = new List<string>();
        foreach (var p in paths)
        {
            switch (FileNode.KindOf(p, followLinks: true))
            {
                case NodeKind.Regular:
                    found.Add((p, RealPath(p)));
                    break;
                case NodeKind.Directory:
                    var under = new List<(string, string)>();
                    Walk(p, RealPath(p), 0, new HashSet<string>(StringComparer.Ordinal), under, problems);
                    found.AddRange(under.OrderBy(f => f.Item1, StringComparer.Ordinal));
                    break;
                case NodeKind.Missing:
                    problems.Add($"no such file or folder: {p}");
                    break;
                case var kind:
                    problems.Add($"{p} is {FileNode.Describe(kind)}, not a scenario file or folder");
                    break;
            }
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return new ScenarioFileList(found.Where(f => seen.Add(f.Real)).Select(f => f.Path).ToArray(), problems);
    }

    private static void Walk(string dir, string real, int depth, HashSet<string> visited, List<(string, string)> found, List<string> problems)
    {
        if (!visited.Add(real)) return; // reached again through a link: already walked
        if (depth > MaxDepth) { problems.Add($"{dir}: folders nested deeper than {MaxDepth}; not searched"); return; }
        string[] entries;
        try { entries = Directory.GetFileSystemEntries(dir); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add($"cannot read the folder {dir}: {e.Message}");
            return;
        }
        foreach (var entry in entries.Order(StringComparer.Ordinal))
        {
            if (found.Count >= MaxFiles) { problems.Add($"{dir}: more than {MaxFiles} scenario files; the rest were not searched"); return; }
            var name = Path.GetFileName(entry);
            var kind = FileNode.KindOf(entry, followLinks: true);
            var entryReal = FileNode.KindOf(entry, followLinks: false) == NodeKind.SymbolicLink ? RealPath(entry) : Path.Combine(real, name);
            if (kind == NodeKind.Directory) { Walk(entry, entryReal, depth + 1, visited, found, problems); continue; }
            if (!(name.EndsWith(".yaml", StringComparison.Ordinal) || name.EndsWith(".yml", StringComparison.Ordinal))) continue;
            // The requirements catalog lives among the scenarios (issue 22) but is not one.
            if (name == Scenarios.Requirements.RequirementCatalog.FileName) continue;
            if (kind == NodeKind.Regular) found.Add((entry, entryReal));
            else if (kind != NodeKind.Missing) problems.Add($"{entry} is {FileNode.Describe(kind)}, not a regular file; skipped");
        }
    }

    /// <summary>The path with links resolved (the whole chain), for telling two paths to one node apart.</summary>
    private static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        try
        {
            FileSystemInfo info = Directory.Exists(full) ? new DirectoryInfo(full) : new FileInfo(full);
            if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } final) return final.FullName;
        }
        catch (IOException) { }
        return full;
    }
}
