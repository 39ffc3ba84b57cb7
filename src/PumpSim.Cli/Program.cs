using PumpSim.Cli;
using PumpSim.Cli.Infrastructure;
using Spectre.Console;

ProcessLimits.IgnoreFileSizeSignal();
// Piped into a file or a CI log there is no terminal width, and Spectre would wrap every line at
// 80 columns, mid-field; a log line should stay one line (tables still size to their content).
// Nor is there a height (nothing piped pages or redraws); asking the terminal for one loads and
// parses the terminfo database, a few milliseconds of every piped run.
try
{
    if (Console.IsOutputRedirected)
    {
        AnsiConsole.Console.Profile.Width = 512;
        AnsiConsole.Console.Profile.Height = 24;
    }
    return PumpSimApp.Run(args, AnsiConsole.Console, Console.Error);
}
catch (Exception e) when (e is IOException or System.ComponentModel.Win32Exception)
{
    // The console itself failed (every descriptor in use, `ulimit -n`): say so without it.
    ProcessLimits.RawErrorLine("error: " + e.Message + " (the process ran out of a system resource; check ulimit -n, -f and -v)");
    return ExitCodes.InvalidInput;
}
