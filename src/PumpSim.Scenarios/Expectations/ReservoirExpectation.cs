using PumpSim.Core.Engine;
using PumpSim.Core.Events;
using PumpSim.Core.Units;

namespace PumpSim.Scenarios;

/// <summary><c>reservoir_ml</c>: the true (body) or estimated (firmware) reservoir volume at an
/// instant, within an absolute tolerance in mL (default 0.001 mL).</summary>
public sealed class ReservoirExpectation(SimInstant origin, SimInstant at, bool trueVolume, double approxMl, double? toleranceMl = null)
    : Expectation(origin)
{
    public const double DefaultToleranceMl = 0.001;

    public SimInstant At { get; } = at;
    public bool TrueVolume { get; } = trueVolume;
    public double ApproxMl { get; } = approxMl;
    public double ToleranceMl { get; } = toleranceMl ?? DefaultToleranceMl;

    private string Which => TrueVolume ? "true" : "estimated";

    public override string Text => $"{Which} reservoir at {Offset(At)} = {Num(ApproxMl)} mL ± {Num(ToleranceMl)} mL";

    public override IEnumerable<SimInstant> Probes(SimulationPlan plan) => [At];

    public override ExpectationOutcome Evaluate(SimulationResult result)
    {
        if (SnapshotAt(result, At) is not { } s) return Fail(NoSnapshot(At));
        var actual = TrueVolume ? s.Telemetry.ReservoirTrueMl : s.Telemetry.ReservoirEstimatedMl;
        var detail = $"{Which} reservoir {Num(Math.Round(actual, 9))} mL at {Stamp(At)}";
        return Math.Abs(actual - ApproxMl) <= ToleranceMl ? Pass(detail) : Fail(detail);
    }
}
