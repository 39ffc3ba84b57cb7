namespace PumpSim.Core.Events;

// Refills: the reservoir's, the pocket's by mistake, and the ones the pump or the body refused.

/// <summary><see cref="ConcentrationMcgPerMl"/> is the drug really in the reservoir;
/// <see cref="ProgrammedConcentrationMcgPerMl"/> what the clinician entered, given only when it
/// differs (a programming error; a concentration-mismatch event follows).</summary>
public sealed record Refill(double WithdrawnMl, double AddedMl, double ReservoirTrueMl, double ProgrammedMl,
    double ConcentrationMcgPerMl, double? ProgrammedConcentrationMcgPerMl = null) : PumpEvent;

public sealed record RefillDiscrepancy(double WithdrawnMl, double ExpectedMl, double DifferenceMl, double LimitMl) : PumpEvent;

public sealed record RefillOverfillRefused(double RequestedMl, double AcceptedMl, double RefusedMl) : PumpEvent;

/// <summary>A refill injected into the pocket instead of the reservoir.</summary>
public sealed record PocketFill(double InjectedMl, double InjectedMcg, double ProgrammedMl, double ReservoirTrueMl) : PumpEvent;

public sealed record RefillRefused(string Reason, double RequestedMl, double ReservoirTrueMl) : PumpEvent;

/// <summary>The body's truth after a refill: the drug in the reservoir is not the concentration the
/// pump was told.</summary>
public sealed record ProgrammedConcentrationMismatch(double ConcentrationMcgPerMl, double ProgrammedConcentrationMcgPerMl) : PumpEvent
{
    public string Note => "the body's truth; the firmware does not know";
}
