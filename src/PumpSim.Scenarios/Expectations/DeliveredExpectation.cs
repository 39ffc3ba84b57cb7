using PumpSim.Core.Engine;
using PumpSim.Core.Events;
using PumpSim.Core.Units;

namespace PumpSim.Scenarios;

/// <summary><c>delivered_mcg</c>: drug that reached the CSF between two instants, from the
/// cumulative <see cref="Snapshot.DeliveredCsfMcg"/> at each end. The tolerance is relative
/// (<c>tolerance_pct</c>) or absolute (<c>tolerance</c>, mcg; default 0.001 mcg).</summary>
public sealed class DeliveredExpectation(SimInstant origin, SimInstant from, SimInstant to, double equalsMcg, double? tolerancePct = null, double? toleranceMcg = null)
    : Expectation(origin)
{
    public const double DefaultToleranceMcg = 0.001;

    public SimInstant From { get; } = from;
    public SimInstant To { get; } = to;
    public double EqualsMcg { get; } = equalsMcg;
    public double? TolerancePct { get; } = tolerancePct;
    public double ToleranceMcg { get; } = tolerancePct is { } p ? Math.Abs(equalsMcg) * p / 100 : toleranceMcg ?? DefaultToleranceMcg;

    public override string Text =>
        $"delivered to CSF from {Offset(From)} to {Offset(To)} = {Num(EqualsMcg)} mcg ± " +
        (TolerancePct is { } p ? $"{Num(p)}%" : $"{Num(ToleranceMcg)} mcg");

    public override IEnumerable<SimInstant> Probes(SimulationPlan plan) => [From, To];

    public override ExpectationOutcome Evaluate(SimulationResult result)
    {
        if (SnapshotAt(result, From) is not { } a) return Fail(NoSnapshot(From));
        if (SnapshotAt(result, To) is not { } b) return Fail(NoSnapshot(To));
        var actual = b.DeliveredCsfMcg - a.DeliveredCsfMcg;
        var diff = actual - EqualsMcg;
        var detail = $"delivered {Num(Math.Round(actual, 6))} mcg (difference {(diff >= 0 ? "+" : "")}{Num(Math.Round(diff, 6))} mcg)";
        return Math.Abs(diff) <= ToleranceMcg ? Pass(detail) : Fail(detail);
    }
}
