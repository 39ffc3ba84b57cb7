using System.Text.Json;
using PumpSim.Scenarios.Files;

namespace PumpSim.Reports;

/// <summary>`pumpsim check DIR`: reads DIR/manifest.json and recomputes the SHA-256 of every file it lists
/// (and of each scenario file, where it is still found at the path recorded). <see cref="Differences"/> lists
/// what no longer matches; <see cref="Notes"/> what could not be checked.</summary>
public sealed record ManifestCheck(int FilesChecked, IReadOnlyList<string> Differences, IReadOnlyList<string> Notes)
{
    /// <summary>A manifest is small; a bigger file is not one of ours.</summary>
    public const int MaxManifestBytes = 4 * 1024 * 1024;

    /// <exception cref="InvalidDataException">No readable manifest.json in <paramref name="folder"/>.</exception>
    public static ManifestCheck Of(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var path = Path.Combine(folder, RunManifest.FileName);
        if (FileNode.KindOf(path, followLinks: false) != NodeKind.Regular)
            throw new InvalidDataException($"{path}: no manifest (run, verify --out and sweep write one)");
        var bytes = FileNode.ReadCapped(path, MaxManifestBytes) ?? throw new InvalidDataException($"{path}: larger than {MaxManifestBytes} bytes; not a manifest");
        var differences = new List<string>();
        var notes = new List<string>();
        var checkedFiles = 0;
        try
        {
            using var doc = JsonDocument.Parse(bytes);
            foreach (var f in doc.RootElement.GetProperty("files").EnumerateArray())
            {
                var name = f.GetProperty("name").GetString() ?? "";
                var expected = f.GetProperty("sha256").GetString() ?? "";
                // Only plain names inside the folder: a manifest must not make us read elsewhere.
                if (name.Length == 0 || name != Path.GetFileName(name) || name is "." or ".." || name == RunManifest.FileName)
                    throw new InvalidDataException($"{path}: '{name}' is not a plain file name");
                checkedFiles++;
                var file = Path.Combine(folder, name);
                var kind = FileNode.KindOf(file, followLinks: false);
                if (kind == NodeKind.Missing) { differences.Add($"{name}: missing"); continue; }
                if (kind != NodeKind.Regular) { differences.Add($"{name}: is {FileNode.Describe(kind)}, not the regular file recorded"); continue; }
                var actual = HashFile(file);
                if (actual != expected) differences.Add($"{name}: SHA-256 {actual}, manifest says {expected}");
            }
            foreach (var s in doc.RootElement.GetProperty("scenarios").EnumerateArray())
            {
                var file = s.GetProperty("file").GetString() ?? "";
                var expected = s.GetProperty("sha256").GetString() ?? "";
                if (FileNode.KindOf(file, followLinks: true) != NodeKind.Regular) { notes.Add($"scenario {file}: not found here; not checked"); continue; }
                var actual = HashFile(file);
                if (actual != expected) differences.Add($"scenario {file}: SHA-256 {actual}, manifest says {expected} (the file changed since the run)");
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidDataException($"{path}: not a PumpSim manifest ({e.Message})");
        }
        return new ManifestCheck(checkedFiles, differences, notes);
    }

    private static string HashFile(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(stream)).ToLowerInvariant();
    }
}
