using System.Diagnostics;
using System.Security.Cryptography;
using PumpSim.Scenarios.Files;

namespace PumpSim.Reports;

/// <summary>Atomic outputs (SCENARIOS.md §3: "a failed run leaves no half-written file behind"),
/// on any filesystem, never through a link. The design (docs/scale.md, "Output folders"):
/// <list type="number">
/// <item>Every byte is first written into a hidden staging folder <c>.pumpsim-stage-PID-RANDOM</c>
/// that is on the same filesystem as the place the files end up, so publishing is only rename(2)
/// calls, which are atomic and never turn into a copy (a copy across filesystems is what followed
/// planted links and left truncated files). <see cref="FileNode.Rename"/> fails instead of copying.</item>
/// <item>A new output folder is staged beside it (in its parent) and published with one rename of
/// the whole folder: the set appears all at once or not at all.</item>
/// <item>An existing output folder — which may be a mount point (a Docker/Kubernetes volume) whose
/// parent is another filesystem, so it can never be renamed — is staged inside itself. Once every
/// file is written and flushed, a commit marker is written (atomically) into the staging folder;
/// then each file is renamed over its old version, which is first moved aside into the stage. If
/// one file cannot be replaced (EBUSY of a bind-mounted file, EPERM of an immutable one), the files
/// already replaced are put back: the old set stays. If the process dies between those renames, the
/// next pumpsim write to the same folder finds the committed staging folder and finishes it (roll
/// forward); a staging folder without the marker is deleted (roll back). A complete publish strikes
/// the names it wrote from every stage committed before it began, so a killed run's stage never
/// rolls forward over a newer set. So the folder always ends as the complete old set or the
/// complete new set; only during the few renames of a publish (or after a crash, until the next
/// write) can a reader see a mix.</item>
/// <item>Nothing is written through a link: staging files are created with O_EXCL (CreateNew) in a
/// folder we just made, and before publishing, a destination that is a symbolic link or not a
/// regular file is refused (exit 2), so a planted <c>events.jsonl -&gt; victim</c> is never followed
/// nor replaced. The output folder itself may be a link the user named; it is resolved first.</item>
/// <item>Staging folders left by killed runs are removed (or finished) by the next write to the same
/// place, once they are an hour old and the process that made them no longer runs. The name carries
/// a hash of the host name and the PID; a stage from another host (pods sharing a volume, each with
/// its own PID namespace) is never judged by PID, only by age (a day), so a live shard's stage on a
/// shared volume is never taken away.</item>
/// </list></summary>
public static class OutputDirectory
{
    /// <summary>The prefix of every staging folder this class makes (and may clean up).</summary>
    public const string StagePrefix = ".pumpsim-stage-";

    /// <summary>The marker written once every staged file is complete.</summary>
    public const string CommitMarker = ".commit";

    /// <summary>Writes <paramref name="files"/> into <paramref name="targetDirectory"/>.
    /// If any writer throws, the staging folder is deleted and the target is untouched (a new
    /// target is not even created). Files already in the target that this run does not write are
    /// left alone: the target may be a folder the user also keeps other things in.</summary>
    public static void WriteAll(string targetDirectory, IReadOnlyList<OutputFile> files)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(targetDirectory);
        ArgumentNullException.ThrowIfNull(files);
        CheckNames(files);

        var target = ResolveFolder(targetDirectory);
        switch (FileNode.KindOf(target, followLinks: true))
        {
            case NodeKind.Missing:
                WriteNew(target, files);
                return;
            case NodeKind.Directory:
                WriteExisting(target, files);
                return;
            case var kind:
                throw new IOException($"{targetDirectory} is {FileNode.Describe(kind)}, not a folder");
        }
    }

    /// <summary>Finishes or removes what killed runs left in <paramref name="folder"/> (see the class comment).</summary>
    public static void Recover(string folder)
    {
        foreach (var stage in Stages(folder))
        {
            if (FileNode.KindOf(stage, followLinks: false) != NodeKind.Directory || OwnerIsAlive(stage)) continue;
            var names = CommittedNames(stage);
            if (names is not null)
            {
                try { Publish(stage, folder, names.Where(n => FileNode.KindOf(Path.Combine(stage, n), false) == NodeKind.Regular).ToArray()); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { continue; } // leave it for a later run
            }
            TryDelete(stage);
        }
    }

    private static string[] Stages(string folder)
    {
        if (FileNode.KindOf(folder, followLinks: true) != NodeKind.Directory) return [];
        try { return Directory.GetDirectories(folder, StagePrefix + "*").Order(StringComparer.Ordinal).ToArray(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return []; }
    }

    /// <summary>The names a stage's commit marker lists, or null when it has none (not committed).</summary>
    private static string[]? CommittedNames(string stage)
    {
        var marker = Path.Combine(stage, CommitMarker);
        if (FileNode.KindOf(marker, followLinks: false) != NodeKind.Regular) return null;
        try { return File.ReadAllLines(marker).Where(IsPlainName).ToArray(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    /// <summary>After a complete publish, a stage committed before this run began (a run killed in
    /// its publish window, too young to be recovered yet) must never later put its files over ours:
    /// the names we wrote are struck from its marker, so recovery finishes at most the files we did
    /// not write (and, with none left, only deletes it). A stage committed while we ran belongs to a
    /// concurrent writer and is left alone.</summary>
    private static void Supersede(IEnumerable<string> earlierStages, IReadOnlyCollection<string> written)
    {
        foreach (var stage in earlierStages)
        {
            if (CommittedNames(stage) is not { } names) continue;
            var left = names.Where(n => !written.Contains(n)).ToArray();
            try
            {
                if (left.Length == 0) File.Delete(Path.Combine(stage, CommitMarker));
                else WriteMarker(stage, left, FileMode.Create);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { } // its folder vanished: nothing to supersede
        }
    }

    private static void WriteNew(string target, IReadOnlyList<OutputFile> files)
    {
        var parent = Path.GetDirectoryName(target) ?? throw new IOException("the output folder cannot be a filesystem root");
        Directory.CreateDirectory(parent);
        Recover(parent);
        var stage = NewStage(parent);
        try
        {
            WriteFiles(stage, files);
            // One rename publishes the whole set; rename(2) onto a folder someone just created fails (not empty).
            FileNode.Rename(stage, target);
        }
        finally
        {
            if (Directory.Exists(stage)) TryDelete(stage);
        }
    }

    private static void WriteExisting(string target, IReadOnlyList<OutputFile> files)
    {
        Recover(target);
        var earlier = Stages(target).Where(st => CommittedNames(st) is not null).ToArray();
        var stage = NewStage(target);
        var keepStage = false;
        try
        {
            WriteFiles(stage, files);
            var names = files.Select(f => f.Name).ToArray();
            foreach (var name in names)
            {
                var kind = FileNode.KindOf(Path.Combine(target, name), followLinks: false);
                if (kind is not (NodeKind.Missing or NodeKind.Regular))
                    throw new IOException($"{Path.Combine(target, name)} is {FileNode.Describe(kind)}; refusing to replace it (remove it or choose another --out)");
            }
            WriteMarker(stage, names, FileMode.CreateNew);
            try { Publish(stage, target, names); }
            catch (PublishUndoFailedException) { keepStage = true; throw; }
            Supersede(earlier, names);
        }
        finally
        {
            if (!keepStage && Directory.Exists(stage)) TryDelete(stage);
        }
    }

    /// <summary>The commit marker appears atomically: written aside, flushed, then renamed.</summary>
    private static void WriteMarker(string stage, IReadOnlyList<string> names, FileMode mode)
    {
        var pending = Path.Combine(stage, CommitMarker + ".tmp");
        using (var s = new FileStream(pending, mode, FileAccess.Write, FileShare.None))
        {
            s.Write(System.Text.Encoding.UTF8.GetBytes(string.Join("\n", names) + "\n"));
            s.Flush(flushToDisk: true);
        }
        FileNode.Rename(pending, Path.Combine(stage, CommitMarker));
    }

    /// <summary>The folder inside a stage that holds the old versions of the files a publish has
    /// replaced so far: until the publish ends, each one can be put back.</summary>
    private const string Previous = ".previous";

    /// <summary>Called before each rename of a publish (tests make one fail, as a bind-mounted or
    /// immutable file does); local to the calling flow, so parallel tests do not see it.</summary>
    internal static readonly AsyncLocal<Action<string>?> BeforeReplaceForTests = new();

    /// <summary>Moves each staged file over its old version, keeping the old one aside in the stage.
    /// If one cannot be replaced, the ones already replaced are put back, so the folder holds the
    /// old set, never a mix; only if even that fails is the stage kept (the next write finishes it).</summary>
    private static void Publish(string stage, string target, IReadOnlyList<string> names)
    {
        var previous = Path.Combine(stage, Previous);
        Directory.CreateDirectory(previous);
        var touched = new List<(string Name, bool HadOld, bool Placed)>();
        try
        {
            foreach (var name in names)
            {
                var to = Path.Combine(target, name);
                var kind = FileNode.KindOf(to, followLinks: false);
                if (kind is not (NodeKind.Missing or NodeKind.Regular))
                    throw new IOException($"{to} is {FileNode.Describe(kind)}; refusing to replace it");
                BeforeReplaceForTests.Value?.Invoke(to);
                var hadOld = kind == NodeKind.Regular;
                if (hadOld) FileNode.Rename(to, Path.Combine(previous, name));
                touched.Add((name, hadOld, false));
                FileNode.Rename(Path.Combine(stage, name), to);
                touched[^1] = (name, hadOld, true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (!Undo(previous, target, touched))
                throw new PublishUndoFailedException($"{e.Message}; the previous outputs could not all be put back: the next pumpsim write to {target} finishes the new set", e);
            throw new IOException($"{e.Message}; the previous outputs in {target} are kept unchanged", e);
        }
    }

    /// <summary>Puts back, last first, the old version of every file a failed publish moved aside
    /// (or removes the new file where there was none). True when every one is back.</summary>
    private static bool Undo(string previous, string target, List<(string Name, bool HadOld, bool Placed)> touched)
    {
        var ok = true;
        for (var i = touched.Count - 1; i >= 0; i--)
        {
            var (name, hadOld, placed) = touched[i];
            var to = Path.Combine(target, name);
            try
            {
                if (hadOld) FileNode.Rename(Path.Combine(previous, name), to);
                else if (placed) File.Delete(to);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { ok = false; }
        }
        return ok;
    }

    private sealed class PublishUndoFailedException(string message, Exception inner) : IOException(message, inner);

    private static void WriteFiles(string stage, IReadOnlyList<OutputFile> files)
    {
        foreach (var f in files)
            WhenTooLarge(f.Name, () =>
            {
                using var stream = new FileStream(Path.Combine(stage, f.Name), FileMode.CreateNew, FileAccess.Write, FileShare.None);
                f.Write(stream);
                stream.Flush(flushToDisk: true);
            });
    }

    /// <summary>.NET reports EFBIG (a write past `ulimit -f` with SIGXFSZ ignored, or past the
    /// filesystem's largest file) as an ArgumentOutOfRangeException; it is the environment, not a bug.</summary>
    private static void WhenTooLarge(string name, Action write)
    {
        try { write(); }
        catch (ArgumentOutOfRangeException e) when (e.ParamName == "value" && e.StackTrace?.Contains("System.IO.", StringComparison.Ordinal) == true)
        {
            throw new IOException($"cannot write {name}: file too large (the limit on file size, ulimit -f, or the filesystem's)", e);
        }
    }

    /// <summary>A fresh staging folder in <paramref name="parent"/>. Its name is short and fixed in
    /// length (an id of 255 characters must not make it too long), and carries our PID so that a
    /// later run can tell a dead run's leftovers from a live one's. The random part only names the
    /// scratch folder; it never reaches an output, so determinism holds.</summary>
    private static string NewStage(string parent)
    {
        var stage = Path.Combine(parent, StageName());
        // CreateDirectory succeeds on an existing folder; the random name makes that a non-event,
        // and a planted link of the same name would have to guess 64 random bits.
        Directory.CreateDirectory(stage);
        if (FileNode.KindOf(stage, followLinks: false) != NodeKind.Directory)
            throw new IOException($"{stage} is not a folder we created");
        return stage;
    }

    /// <summary>How old an abandoned stage must be before it is cleaned (its folder's last write).</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromHours(1);

    /// <summary>A stage from another host is judged by age only, and later.</summary>
    public static readonly TimeSpan ForeignStaleAfter = TimeSpan.FromDays(1);

    /// <summary>8 hex digits naming the host (FNV-1a of its name): which PID namespace a stage's PID
    /// belongs to. Not a secret and not a security check, so not SHA-256: loading OpenSSL for it cost
    /// a one-day `run` a twentieth of its time. (A stage named by an older version reads as foreign
    /// and is cleaned after a day instead of an hour.)</summary>
    public static string HostTag { get; } = Fnv1a(System.Text.Encoding.UTF8.GetBytes(Environment.MachineName)).ToString("x8", System.Globalization.CultureInfo.InvariantCulture);

    private static uint Fnv1a(ReadOnlySpan<byte> bytes)
    {
        var hash = 2166136261u;
        foreach (var b in bytes) hash = unchecked((hash ^ b) * 16777619u);
        return hash;
    }

    private static bool OwnerIsAlive(string stage)
    {
        // Name: .pumpsim-stage-<host tag>-<pid>-<random>
        var parts = Path.GetFileName(stage)[StagePrefix.Length..].Split('-');
        if (parts.Length != 3 || !int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid))
            return true; // not a name we make: leave it alone
        // Cleanup is the only use of the clock here; nothing of it reaches an output.
        var age = DateTime.UtcNow - Directory.GetLastWriteTimeUtc(stage);
        if (parts[0] != HostTag) return age < ForeignStaleAfter;
        if (age < StaleAfter) return true;
        if (pid == Environment.ProcessId) return true; // ours, possibly another thread's publish in progress
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException) { return false; }
        catch (InvalidOperationException) { return false; }
    }

    private static string StageName() =>
        StagePrefix + HostTag + "-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)
        + "-" + RandomHex();

    /// <summary>16 hex digits from the kernel's CSPRNG. Read from /dev/urandom where there is one:
    /// RandomNumberGenerator loads OpenSSL on Linux, a twentieth of a one-day `run`.</summary>
    private static string RandomHex()
    {
        Span<byte> bytes = stackalloc byte[8];
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            using var source = new FileStream("/dev/urandom", FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
            source.ReadExactly(bytes);
        }
        else OtherRandom(bytes);
        return Convert.ToHexString(bytes).ToLowerInvariant();
    }

    // Its own method, so the cryptography assembly loads only where it is used.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void OtherRandom(Span<byte> bytes) => RandomNumberGenerator.Fill(bytes);

    /// <summary>The folder the user named, with links in its own path resolved (the user chose that
    /// path; links inside the folder are what is never followed).</summary>
    private static string ResolveFolder(string targetDirectory)
    {
        var full = Path.GetFullPath(targetDirectory);
        var trimmed = full.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        if (trimmed.Length == 0 || Path.GetDirectoryName(full) is null)
            throw new IOException($"the output folder cannot be a filesystem root ({targetDirectory})");
        if (FileNode.KindOf(trimmed, followLinks: false) == NodeKind.SymbolicLink)
        {
            // Only a link to an existing folder is followed: a dangling one would make us create
            // a folder wherever it points.
            if (FileNode.KindOf(trimmed, followLinks: true) != NodeKind.Directory)
                throw new IOException($"{targetDirectory} is a symbolic link that does not lead to a folder; refusing to write through it");
            var final = new DirectoryInfo(trimmed).ResolveLinkTarget(returnFinalTarget: true);
            if (final is not null) return final.FullName.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        }
        return trimmed;
    }

    /// <summary>Writes one file atomically: into a temp file in the same folder, then a rename
    /// over the target. On failure the temp file is deleted and any old file is untouched.
    /// Only a regular file (or nothing) is replaced: a character device, a FIFO or a socket — such
    /// as /dev/stdout or a pipe from the shell — is written through instead, and a folder is refused.
    /// A link the user named is resolved and its target replaced.</summary>
    public static void WriteFile(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        if (FileNode.KindOf(full, followLinks: false) == NodeKind.SymbolicLink)
        {
            if (FileNode.KindOf(full, followLinks: true) == NodeKind.Missing)
                throw new IOException($"{path} is a symbolic link that leads nowhere; refusing to create a file where it points");
            var final = new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true);
            if (final is not null) full = final.FullName;
        }
        var kind = FileNode.KindOf(full, followLinks: true);
        if (kind is NodeKind.CharacterDevice or NodeKind.Fifo or NodeKind.Socket)
        {
            // FileMode.Open: never create or truncate a node; write straight through it.
            using var through = new FileStream(full, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 1);
            write(through);
            through.Flush();
            return;
        }
        if (kind is not (NodeKind.Missing or NodeKind.Regular))
            throw new IOException($"{path} is {FileNode.Describe(kind)}, not a file");
        if (full.EndsWith(Path.DirectorySeparatorChar) || full.EndsWith(Path.AltDirectorySeparatorChar))
            throw new IOException($"{path} names a folder, not a file");
        var dir = Path.GetDirectoryName(full) ?? throw new IOException($"{path} is not a file path");
        Directory.CreateDirectory(dir);
        var temp = Path.Combine(dir, StageName() + ".tmp");
        try
        {
            WhenTooLarge(Path.GetFileName(full), () =>
            {
                using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None);
                write(stream);
                stream.Flush(flushToDisk: true);
            });
            FileNode.Rename(temp, full);
        }
        finally
        {
            if (File.Exists(temp)) TryDeleteFile(temp);
        }
    }

    /// <summary>Text variant of <see cref="WriteFile(string, Action{Stream})"/> (UTF-8, no BOM, "\n").</summary>
    public static void WriteTextFile(string path, Action<TextWriter> write) =>
        WriteFile(path, OutputFile.Text(Path.GetFileName(path), write).Write);

    private static bool IsPlainName(string name) =>
        !string.IsNullOrWhiteSpace(name) && name == Path.GetFileName(name) && name is not ("." or "..") && !name.StartsWith('.');

    private static void CheckNames(IReadOnlyList<OutputFile> files)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var f in files)
        {
            // Plain names only: a "../x" would escape the folder we clean up on failure, and a
            // leading dot could collide with the staging folder and its marker.
            if (!IsPlainName(f.Name))
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
