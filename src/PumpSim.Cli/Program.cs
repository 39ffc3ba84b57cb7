// The Spectre.Console.Cli application is wired up in the CLI issue; this keeps the solution building.
return 0;
