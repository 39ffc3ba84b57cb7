using System.Diagnostics;

namespace PumpSim.Cli.Tests;

/// <summary>The real process, stdout piped (a CI log, `| grep`): Spectre has no terminal width there
/// and used to wrap every line at 80 columns, mid-field.</summary>
public class PipedOutputTests
{
    [Fact]
    public async Task List_IntoAPipe_KeepsEachEntryOnItsLines()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "pumpsim.dll");
        var library = Repo.Path("scenarios");
        using var process = Process.Start(new ProcessStartInfo("dotnet", [dll, "list", library])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(120)); // a hang guard, not a timing assertion
        var output = await process.StandardOutput.ReadToEndAsync(guard.Token);
        await process.WaitForExitAsync(guard.Token);
        process.ExitCode.Should().Be(0);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // Each scenario: its path, then one indented line with its title and everything it covers.
        lines[..^1].Should().OnlyContain(l => l.StartsWith(library, StringComparison.Ordinal) || l.StartsWith("    ", StringComparison.Ordinal));
        lines.Where(l => l.StartsWith("    ", StringComparison.Ordinal)).Should().OnlyContain(l => l.Contains("covers: ", StringComparison.Ordinal));
        lines[^1].Should().MatchRegex(@"^\d+ scenarios\.$");
    }
}
