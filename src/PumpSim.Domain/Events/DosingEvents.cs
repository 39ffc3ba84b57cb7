using PumpSim.Core.Units;

namespace PumpSim.Core.Events;

// Programs, boluses and patient-therapy-manager requests.

public sealed record ProgramChanged(string Program, double OldMcgPerDay, double NewMcgPerDay, string Reason) : PumpEvent;

/// <summary>A program the pump refused. When a concentration change pushes the running program out
/// of the flow range, the program, the concentration and the rates it would run at are given too;
/// otherwise they are null and left out of events.jsonl.</summary>
public sealed record ProgramRejected(string Reason, string? Program = null, double? ConcentrationMcgPerMl = null,
    double? RunsMlPerDay = null, double? RunsMcgPerDay = null) : PumpEvent;

/// <summary><see cref="Kind"/> is single, priming, bridge or ptm.</summary>
public sealed record BolusStarted(string Kind, double DoseMcg, double VolumeMl, SimDuration Duration, bool Capped) : PumpEvent;

public sealed record BolusFinished(string Kind, double DoseMcg, double VolumeMl, SimDuration Duration, bool Capped) : PumpEvent;

public sealed record BolusDenied(string Kind, string Reason) : PumpEvent;

public sealed record PtmRequestAccepted(double DoseMcg, SimDuration Duration, long AcceptedLast24h) : PumpEvent;

public sealed record PtmRequestDenied(string Reason, long AcceptedLast24h) : PumpEvent;
