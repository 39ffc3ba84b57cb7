namespace PumpSim.Reports;

/// <summary>Atomic outputs (SCENARIOS.md §3: "a failed run leaves no half-written file behind").
/// Files are written into a hidden temp folder beside the target (same parent, so the same
/// volume and moves are renames), and moved into place only after every file was written.</summary>
public static class OutputDirectory
{
    /// <summary>Writes <paramref name="files"/> into <paramref name="targetDirectory"/>.
    /// If any writer throws, the temp folder is deleted and the target is untouched (a new
    /// target is not even created). Files already in the target that this run does not write are
    /// left alone: the target may be a folder the user also keeps other things in.
    /// Each file replaces its old version with a rename, so a reader never sees a partial file;
    /// the set of files is replaced one file at a time (a crash between two renames can leave a
    /// mix of old and new files, which no filesystem API here lets us avoid).</summary>
    public static void WriteAll(string targetDirectory, IReadOnlyList<OutputFile> files)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(targetDirectory);
        ArgumentNullException.ThrowIfNull(files);
        CheckNames(files);

        var target = Path.GetFullPath(targetDirectory).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        var parent = Path.GetDirectoryName(target) ?? throw new ArgumentException("The output directory cannot be a filesystem root.", nameof(targetDirectory));
        Directory.CreateDirectory(parent);
        // Guid only names the scratch folder; it never reaches an output, so determinism holds.
        var temp = Path.Combine(parent, "." + Path.GetFileName(target) + ".tmp-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(temp);
        try
        {
            foreach (var f in files)
            {
                using var stream = new FileStream(Path.Combine(temp, f.Name), FileMode.CreateNew, FileAccess.Write, FileShare.None);
                f.Write(stream);
                stream.Flush(flushToDisk: true);
            }

            if (!Directory.Exists(target))
            {
                // The common case: one rename publishes the whole set at once.
                Directory.Move(temp, target);
                return;
            }
            foreach (var f in files)
                File.Move(Path.Combine(temp, f.Name), Path.Combine(target, f.Name), overwrite: true);
        }
        finally
        {
            if (Directory.Exists(temp)) TryDelete(temp);
        }
    }

    /// <summary>Writes one file atomically: into a temp file in the same folder, then a rename
    /// over the target. On failure the temp file is deleted and any old file is untouched.</summary>
    public static void WriteFile(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full) ?? throw new ArgumentException("Not a file path.", nameof(path));
        Directory.CreateDirectory(dir);
        var temp = Path.Combine(dir, "." + Path.GetFileName(full) + ".tmp-" + Guid.NewGuid().ToString("N"));
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) TryDeleteFile(temp);
        }
    }

    /// <summary>Text variant of <see cref="WriteFile(string, Action{Stream})"/> (UTF-8, no BOM, "\n").</summary>
    public static void WriteTextFile(string path, Action<TextWriter> write) =>
        WriteFile(path, OutputFile.Text(Path.GetFileName(path), write).Write);

    private static void CheckNames(IReadOnlyList<OutputFile> files)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var f in files)
        {
            // Plain names only: a "../x" would escape the folder we clean up on failure.
            if (string.IsNullOrWhiteSpace(f.Name) || f.Name != Path.GetFileName(f.Name) || f.Name is "." or "..")
                throw new ArgumentException($"Output file name '{f.Name}' must be a plain file name.", nameof(files));
            if (!seen.Add(f.Name))
                throw new ArgumentException($"Output file name '{f.Name}' is given twice.", nameof(files));
        }
    }

    // Cleanup must not mask the exception that got us here.
    private static void TryDelete(string dir)
    {
        try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static void TryDeleteFile(string file)
    {
        try { File.Delete(file); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
