using PumpSim.Core.Engine;
using PumpSim.Core.Events;
using PumpSim.Core.Units;

namespace PumpSim.Scenarios;

/// <summary>Which part of the pump a <see cref="StateExpectation"/> looks at. Order is the order of
/// the keys in docs/scenario-format.md, and the order in texts and details.</summary>
public enum StateAspect { Therapy, Catheter, Motor, Reservoir, Battery }

/// <summary><c>state: {at, therapy, catheter, motor, reservoir, battery}</c>: each given aspect must
/// equal the snapshot's kebab-case state name at that instant.</summary>
public sealed class StateExpectation(SimInstant origin, SimInstant at, IReadOnlyList<(StateAspect Aspect, string Expected)> checks)
    : Expectation(origin)
{
    public SimInstant At { get; } = at;
    public IReadOnlyList<(StateAspect Aspect, string Expected)> Checks { get; } = checks;

    public override string Text => $"state at {Offset(At)}: " + string.Join(", ", Checks.Select(c => $"{Name(c.Aspect)} {c.Expected}"));

    public override IEnumerable<SimInstant> Probes(SimulationPlan plan) => [At];

    public override ExpectationOutcome Evaluate(SimulationResult result)
    {
        if (SnapshotAt(result, At) is not { } s) return Fail(NoSnapshot(At));
        var actual = Checks.Select(c => (c.Aspect, c.Expected, Actual: Read(s, c.Aspect))).ToArray();
        var detail = string.Join(", ", actual.Select(a => $"{Name(a.Aspect)} {a.Actual}")) + $" at {Stamp(At)}";
        return actual.All(a => a.Actual == a.Expected) ? Pass(detail) : Fail(detail);
    }

    public static string Name(StateAspect aspect) => aspect.ToString().ToLowerInvariant();

    public static string Read(Snapshot s, StateAspect aspect) => aspect switch
    {
        StateAspect.Therapy => s.Telemetry.TherapyState,
        StateAspect.Catheter => s.CatheterState,
        StateAspect.Motor => s.MotorState,
        StateAspect.Reservoir => s.ReservoirCondition,
        _ => s.BatteryState,
    };
}
