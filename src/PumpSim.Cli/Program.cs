using PumpSim.Cli;
using Spectre.Console;

// Piped into a file or a CI log there is no terminal width, and Spectre would wrap every line at
// 80 columns, mid-field; a log line should stay one line (tables still size to their content).
if (Console.IsOutputRedirected) AnsiConsole.Console.Profile.Width = 512;
return PumpSimApp.Run(args, AnsiConsole.Console, Console.Error);
