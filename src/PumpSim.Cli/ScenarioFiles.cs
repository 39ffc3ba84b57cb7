using PumpSim.Cli.Infrastructure;

namespace PumpSim.Cli;

/// <summary>Finds scenario files under the paths a user gives, in a stable order (ordinal by path),
/// so `verify` output and JUnit files do not depend on the filesystem's listing order.</summary>
public static class ScenarioFiles
{
    public static IReadOnlyList<string> Find(IEnumerable<string> paths)
    {
        var found = new List<string>();
        foreach (var p in paths)
        {
            if (File.Exists(p)) { found.Add(p); continue; }
            if (!Directory.Exists(p)) throw new InputException($"no such file or folder: {p}");
            found.AddRange(Directory.EnumerateFiles(p, "*.*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal));
        }
        return found;
    }
}
