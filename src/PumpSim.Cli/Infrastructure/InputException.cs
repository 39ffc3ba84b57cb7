namespace PumpSim.Cli.Infrastructure;

/// <summary>A user's mistake found by a command (a missing file, a bad option value): exit code 2,
/// the message and no stack trace.</summary>
public sealed class InputException(string message) : Exception(message);
