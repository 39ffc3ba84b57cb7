using PumpSim.Core.Units;

namespace PumpSim.Core.Events;

// Programs, boluses and patient-therapy-manager requests.

/// <summary>Old and new mcg/day are the pump's belief: the program converted at the concentration it
/// was told. Where the drug really in the reservoir differs, the engine (which sees both worlds)
/// adds <see cref="RealNewMcgPerDay"/>, what the new program really gives; null otherwise, and left
/// out of events.jsonl.</summary>
public sealed record ProgramChanged(string Program, double OldMcgPerDay, double NewMcgPerDay, string Reason,
    double? RealNewMcgPerDay = null) : PumpEvent;

/// <summary>A program the pump refused. When a concentration change pushes the running program out
/// of the flow range, or a new program is out of it, the program, the concentration the pump was
/// told (<see cref="ConcentrationMcgPerMl"/>, written twice: as concentration_mcg_per_ml, its old
/// name, and as programmed_concentration_mcg_per_ml, the name every other event gives what was
/// entered) and the rates the pump then runs are given too; otherwise they are null and left out.</summary>
public sealed record ProgramRejected(string Reason, string? Program = null, double? ConcentrationMcgPerMl = null,
    double? RunsMlPerDay = null, double? RunsMcgPerDay = null) : PumpEvent;

/// <summary><see cref="Kind"/> is single, priming, bridge or ptm.</summary>
public sealed record BolusStarted(string Kind, double DoseMcg, double VolumeMl, SimDuration Duration, bool Capped) : PumpEvent;

public sealed record BolusFinished(string Kind, double DoseMcg, double VolumeMl, SimDuration Duration, bool Capped) : PumpEvent;

public sealed record BolusDenied(string Kind, string Reason) : PumpEvent;

public sealed record PtmRequestAccepted(double DoseMcg, SimDuration Duration, long AcceptedLast24h) : PumpEvent;

public sealed record PtmRequestDenied(string Reason, long AcceptedLast24h) : PumpEvent;
