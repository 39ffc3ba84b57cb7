using PumpSim.Cli;
using Spectre.Console;

return PumpSimApp.Run(args, AnsiConsole.Console, Console.Error);
