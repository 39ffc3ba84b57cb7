using System.Runtime.InteropServices;

namespace PumpSim.Scenarios.Files;

/// <summary>What a path names on disk.</summary>
public enum NodeKind { Missing, Regular, Directory, SymbolicLink, CharacterDevice, BlockDevice, Fifo, Socket, Other }

/// <summary>The few filesystem facts .NET's public API does not give: the type of a node (a FIFO or a
/// device looks like a file to <see cref="File.Exists"/>, and opening a FIFO blocks), a rename that
/// never falls back to copying (File.Move copies across filesystems, and the copy follows links),
/// and a read with a hard byte cap (FileInfo.Length is 0 for /dev/zero and for a FIFO).
/// On Unix these call the runtime's own native shim (libSystem.Native, shipped with every .NET),
/// whose FileStatus struct keeps <c>Mode</c> at byte offset 4 on every architecture.</summary>
public static class FileNode
{
    private const int S_IFMT = 0xF000, S_IFIFO = 0x1000, S_IFCHR = 0x2000, S_IFDIR = 0x4000, S_IFBLK = 0x6000,
        S_IFREG = 0x8000, S_IFLNK = 0xA000, S_IFSOCK = 0xC000;

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", SetLastError = true)]
    private static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, [Out] byte[] status);

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_LStat", SetLastError = true)]
    private static extern int LStat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, [Out] byte[] status);

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Rename", SetLastError = true)]
    private static extern int NativeRename([MarshalAs(UnmanagedType.LPUTF8Str)] string from, [MarshalAs(UnmanagedType.LPUTF8Str)] string to);

    /// <summary>The kind of node at <paramref name="path"/>; with <paramref name="followLinks"/> a
    /// link reports what it points to (Missing when it dangles), without it a link is SymbolicLink.</summary>
    public static NodeKind KindOf(string path, bool followLinks)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0) return NodeKind.Missing;
        if (OperatingSystem.IsWindows()) return KindOfManaged(path, followLinks);
        // FileStatus is 120-odd bytes in .NET 8-10; the buffer leaves room for growth.
        var status = new byte[512];
        var rc = followLinks ? Stat(path, status) : LStat(path, status);
        if (rc != 0) return NodeKind.Missing;
        return (BitConverter.ToInt32(status, 4) & S_IFMT) switch
        {
            S_IFREG => NodeKind.Regular,
            S_IFDIR => NodeKind.Directory,
            S_IFLNK => NodeKind.SymbolicLink,
            S_IFCHR => NodeKind.CharacterDevice,
            S_IFBLK => NodeKind.BlockDevice,
            S_IFIFO => NodeKind.Fifo,
            S_IFSOCK => NodeKind.Socket,
            _ => NodeKind.Other,
        };
    }

    private static NodeKind KindOfManaged(string path, bool followLinks)
    {
        FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
        if (!info.Exists && info.LinkTarget is null) return NodeKind.Missing;
        if (info.LinkTarget is not null)
        {
            if (!followLinks) return NodeKind.SymbolicLink;
            var final = info.ResolveLinkTarget(returnFinalTarget: true);
            return final is null || !final.Exists ? NodeKind.Missing : final is DirectoryInfo ? NodeKind.Directory : NodeKind.Regular;
        }
        return info is DirectoryInfo ? NodeKind.Directory : NodeKind.Regular;
    }

    /// <summary>A plain rename(2): atomic, and it fails (IOException) rather than copying when the
    /// two paths are on different filesystems. A link at <paramref name="to"/> is replaced, never followed.</summary>
    public static void Rename(string from, string to)
    {
        if (OperatingSystem.IsWindows())
        {
            // MoveFileEx without MOVEFILE_COPY_ALLOWED: never a copy either.
            if (Directory.Exists(from)) Directory.Move(from, to); else File.Move(from, to, overwrite: true);
            return;
        }
        if (NativeRename(from, to) == 0) return;
        var errno = Marshal.GetLastPInvokeError();
        var message = Marshal.GetPInvokeErrorMessage(errno);
        if (errno is 13 or 1) throw new UnauthorizedAccessException($"cannot rename {from} to {to}: {message}");
        throw new IOException($"cannot rename {from} to {to}: {message}");
    }

    /// <summary>Reads a regular file (links resolved) of at most <paramref name="maxBytes"/> bytes.
    /// Anything else — a folder, a FIFO, a device, a socket — is refused without being opened, so
    /// it can neither block nor stream forever. Returns null when the file is larger than the cap
    /// (reading stops one byte past it: the length the filesystem reports is not trusted).</summary>
    public static byte[]? ReadCapped(string path, int maxBytes)
    {
        var kind = KindOf(path, followLinks: true);
        if (kind == NodeKind.Missing) throw new FileNotFoundException($"no such file: {path}", path);
        if (kind != NodeKind.Regular) throw new IOException($"{path} is {Describe(kind)}, not a regular file");
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.None);
        var buffer = new byte[Math.Min(maxBytes + 1, 64 * 1024)];
        using var kept = new MemoryStream();
        int n;
        while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            kept.Write(buffer, 0, n);
            if (kept.Length > maxBytes) return null;
        }
        return kept.ToArray();
    }

    /// <summary>"a FIFO", "a folder", … for messages.</summary>
    public static string Describe(NodeKind kind) => kind switch
    {
        NodeKind.Missing => "missing",
        NodeKind.Regular => "a regular file",
        NodeKind.Directory => "a folder",
        NodeKind.SymbolicLink => "a symbolic link",
        NodeKind.CharacterDevice => "a character device",
        NodeKind.BlockDevice => "a block device",
        NodeKind.Fifo => "a FIFO (named pipe)",
        NodeKind.Socket => "a socket",
        _ => "a special file",
    };
}
