using PumpSim.Cli;
using Spectre.Console;

// Piped into a file or a CI log there is no terminal width, and Spectre would wrap every line at
// 80 columns, mid-field; a log line should stay one line (tables still size to their content).
// Nor is there a height (nothing piped pages or redraws); asking the terminal for one loads and
// parses the terminfo database, a few milliseconds of every piped run.
if (Console.IsOutputRedirected)
{
    AnsiConsole.Console.Profile.Width = 512;
    AnsiConsole.Console.Profile.Height = 24;
}
return PumpSimApp.Run(args, AnsiConsole.Console, Console.Error);
