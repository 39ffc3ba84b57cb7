using System.Runtime.InteropServices;

namespace PumpSim.Cli.Infrastructure;

/// <summary>What the process needs to meet resource limits (ulimit) with a message instead of a signal.</summary>
internal static class ProcessLimits
{
    /// <summary>SIGXFSZ (25 on Linux and macOS): sent when a write passes `ulimit -f`. Its default action
    /// kills the process with no word and leaves the staging folder; ignored, the write fails with EFBIG,
    /// an IOException, and the run ends with exit 2, "File too large", and nothing half written.</summary>
    private const int SigXfsz = 25;

    private static readonly IntPtr Ignore = 1; // SIG_IGN

    public static void IgnoreFileSizeSignal()
    {
        if (!(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())) return;
        try { _ = Signal(SigXfsz, Ignore); }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { } // no libc: nothing to ignore
    }

    // DllImport as FileNode does: LibraryImport would need unsafe code for this one call.
#pragma warning disable SYSLIB1054
    [DllImport("libc", EntryPoint = "signal")]
    private static extern IntPtr Signal(int signal, IntPtr handler);
#pragma warning restore SYSLIB1054

    /// <summary>Writes a line to descriptor 2 directly. Console.Error first initialises the terminal
    /// (terminfo), which opens a file, and a new assembly opens one too: with every descriptor in use
    /// (`ulimit -n 64`) the message of the failure would itself fail and the runtime abort. Only
    /// types of the core library, already loaded, are used here.</summary>
    public static void RawErrorLine(string line)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(line + "\n");
        using var stream = new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle(2, ownsHandle: false), FileAccess.Write, bufferSize: 0);
        stream.Write(bytes);
    }
}
