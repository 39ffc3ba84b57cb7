namespace PumpSim.Core.Therapy;

/// <summary>A program or bolus the pump would refuse (out of its limits). The loader turns it into
/// a located error message; the engine never throws it for something the user cannot fix.</summary>
public sealed class ProgramRejectedException(string message) : Exception(message);
