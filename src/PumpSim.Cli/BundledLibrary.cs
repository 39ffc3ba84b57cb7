using PumpSim.Cli.Infrastructure;

namespace PumpSim.Cli;

/// <summary>The bundled scenarios travel with the tool (copied beside pumpsim.dll at build, publish
/// and pack), so `pumpsim list` works in any folder, and `list --copy-to DIR` gives a user their own copy.</summary>
public static class BundledLibrary
{
    public const string FolderName = "scenarios";

    /// <summary>The library installed with pumpsim.</summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, FolderName);

    /// <summary>./scenarios when the current folder has one (a clone of the repository), else the installed library.</summary>
    public static string DefaultFolder() => Directory.Exists(FolderName) || !Directory.Exists(Folder) ? FolderName : Folder;

    /// <summary>Copies every file of the installed library into <paramref name="target"/>, which must be
    /// new or empty (nothing of the user's is ever overwritten). The copy is made in a sibling folder
    /// and renamed into place, so the target appears complete or not at all. Returns the file count.</summary>
    public static int CopyTo(string target)
    {
        if (!Directory.Exists(Folder)) throw new InputException($"no scenario library installed with pumpsim (expected {Folder})");
        var full = Path.GetFullPath(target).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        if (File.Exists(full)) throw new InputException($"--copy-to {target} is a file; name a new or empty folder");
        if (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any())
            throw new InputException($"--copy-to {target} is not empty; name a new or empty folder (nothing is overwritten)");
        var parent = Path.GetDirectoryName(full) ?? throw new InputException("--copy-to cannot be a filesystem root");
        Directory.CreateDirectory(parent);
        var stage = Path.Combine(parent, "." + Path.GetFileName(full) + ".pumpsim-copy-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var files = Directory.GetFiles(Folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
        try
        {
            foreach (var file in files)
            {
                var to = Path.Combine(stage, Path.GetRelativePath(Folder, file));
                Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                File.Copy(file, to, overwrite: false);
            }
            if (Directory.Exists(full)) Directory.Delete(full); // empty, checked above
            Directory.Move(stage, full);
        }
        finally
        {
            if (Directory.Exists(stage)) Directory.Delete(stage, recursive: true);
        }
        return files.Length;
    }
}
