namespace PumpSim.Core.Sweeps;

/// <summary>A bad sweep request (an unknown key, a malformed distribution, a bad shard): the
/// command line turns it into exit code 2 with this message.</summary>
public sealed class SweepException(string message) : Exception(message);
