using System.Diagnostics;

namespace PumpSim.Cli.Tests;

/// <summary>Charts keep their words on a machine with no fonts: the real pumpsim runs with the system's
/// font folder hidden (a private mount namespace with an empty tmpfs over /usr/share/fonts).</summary>
public class ChartFontTests
{
    [SkippableFact]
    public void Run_html_on_a_machine_without_fonts_keeps_every_chart_word()
    {
        Skip.If(OperatingSystem.IsWindows() || !Directory.Exists("/usr/share/fonts"), "needs Linux with a system font folder to hide");
        var dll = Path.Combine(AppContext.BaseDirectory, "pumpsim.dll");
        var scenario = Repo.Path("scenarios", "training", "kinked-catheter.yaml");
        var dir = Cli.TempDir();
        var bare = Path.Combine(dir, "bare");
        var psi = new ProcessStartInfo("unshare", ["-m", "sh", "-c",
            "mount -t tmpfs none /usr/share/fonts || exit 97; exec dotnet \"$0\" run \"$1\" --out \"$2\" --html", dll, scenario, bare])
        { RedirectStandardOutput = true, RedirectStandardError = true };
        Process p;
        try { p = Process.Start(psi)!; }
        catch (System.ComponentModel.Win32Exception) { throw new SkipException("unshare(1) is not installed"); }
        using (p)
        {
            var err = p.StandardError.ReadToEndAsync();
            p.StandardOutput.ReadToEnd();
            p.WaitForExit(TimeSpan.FromMinutes(2)).Should().BeTrue();
            Skip.If(p.ExitCode is 97 or 1 && !File.Exists(Path.Combine(bare, "report.html")), "no private mount namespace here (needs CAP_SYS_ADMIN): " + err.Result);
            p.ExitCode.Should().Be(0, err.Result);
        }
        var normal = Path.Combine(dir, "normal");
        Cli.Run("run", scenario, "--out", normal, "--html").ExitCode.Should().Be(0);

        static int Texts(string folder) => System.Text.RegularExpressions.Regex.Count(File.ReadAllText(Path.Combine(folder, "report.html")), "<text");
        // Before the embedded font: 197 <text> elements with fonts, 11 without.
        Texts(normal).Should().BeGreaterThan(150);
        Texts(bare).Should().Be(Texts(normal));
        File.ReadAllBytes(Path.Combine(bare, "report.html")).Should().Equal(File.ReadAllBytes(Path.Combine(normal, "report.html")));
    }
}
