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

    /// <summary>A .NET stack frame ("   at Some.Type.Method(") anywhere in the text; a wrapped
    /// table cell such as "... at line 13" is not one.</summary>
    public static bool HasStackTrace(string text) =>
        System.Text.RegularExpressions.Regex.IsMatch(text, @"\bat [A-Za-z_][\w.`]*\.[\w`<>|]+\(");

    public static string TempDir()
    {
        var d = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "pumpsim-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(d);
        return d;
    }
}
