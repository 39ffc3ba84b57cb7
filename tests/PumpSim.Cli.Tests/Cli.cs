using Spectre.Console.Testing;

namespace PumpSim.Cli.Tests;

/// <summary>Runs `pumpsim` in-process with a test console, capturing stdout and stderr.</summary>
internal sealed record CliResult(int ExitCode, string Out, string Error);

internal static class Cli
{
    public static CliResult Run(params string[] args)
    {
        var console = new TestConsole().Width(120);
        var error = new StringWriter();
        var code = PumpSimApp.Run(args, console, error);
        return new CliResult(code, console.Output, error.ToString());
    }

    public static string TempDir()
    {
        var d = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "pumpsim-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(d);
        return d;
    }
}
