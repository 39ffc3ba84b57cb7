using System.Diagnostics;

namespace PumpSim.Cli.Tests;

/// <summary>The real pumpsim under a shell's ulimit: a PumpSim message and exit 2, never a signal or
/// a runtime abort. (`ulimit -v` of 1 GB or less is not here: the runtime cannot reserve its GC heap
/// and stops before any PumpSim code runs; docs/scale.md, "Resource limits".)</summary>
public class ResourceLimitTests
{
    private static (int Code, string Err) UnderLimit(string limit, string outDir, params string[] extra)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "pumpsim.dll");
        var scenario = Repo.Path("scenarios", "training", "kinked-catheter.yaml");
        var psi = new ProcessStartInfo("sh", ["-c", $"ulimit {limit} && exec dotnet \"$0\" run \"$1\" --out \"$2\" {string.Join(' ', extra)}", dll, scenario, outDir])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // Under a small `ulimit -f` the runtime's W^X double mapping faults before Main (SIGSEGV);
        // with it off the runtime starts (docs/scale.md says so to users).
        psi.Environment["DOTNET_EnableWriteXorExecute"] = "0";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var err = p.StandardError.ReadToEnd();
        p.WaitForExit(TimeSpan.FromMinutes(2)).Should().BeTrue();
        _ = stdout.Result;
        return (p.ExitCode, err);
    }

    [Fact]
    public void A_file_size_limit_is_a_message_and_exit_2_with_nothing_half_written()
    {
        if (OperatingSystem.IsWindows()) return;
        var dir = Cli.TempDir();
        var outDir = Path.Combine(dir, "out");
        // 8 blocks of 1 KiB (bash) or 512 B (dash): telemetry.csv of this scenario is far larger.
        var (code, err) = UnderLimit("-f 8", outDir);
        code.Should().Be(2, "before the fix SIGXFSZ killed the process (exit 153): " + err);
        err.Should().Contain("file too large").And.NotContain("   at ");
        Directory.GetFileSystemEntries(dir).Should().BeEmpty("the staging folder is removed and no output appears");
    }

    [Fact]
    public void Too_few_file_descriptors_is_a_message_and_exit_2_not_an_abort()
    {
        if (OperatingSystem.IsWindows()) return;
        var (code, err) = UnderLimit("-n 40", Path.Combine(Cli.TempDir(), "out"), "--html");
        code.Should().Be(2, "before the fix the error message itself failed and the runtime aborted (exit 134): " + err);
        err.Should().StartWith("error: ").And.Contain("ulimit -n").And.NotContain("   at ");
    }
}
