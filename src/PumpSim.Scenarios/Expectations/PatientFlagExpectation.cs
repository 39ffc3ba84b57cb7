using PumpSim.Core.Events;
using PumpSim.Core.Units;

namespace PumpSim.Scenarios;

/// <summary><c>patient: {flag, raised | never}</c>: a risk flag of the illustrative patient model,
/// judged from patient-flag-raised events and their "flag" field.</summary>
public sealed class PatientFlagExpectation(SimInstant origin, string flag, TimeWindow? raised, bool never = false)
    : Expectation(origin)
{
    public string Flag { get; } = flag;
    public TimeWindow Raised { get; } = raised ?? TimeWindow.Any;
    public bool Never { get; } = never;

    public override string Text => Never ? $"patient flag {Flag} never raised" : $"patient flag {Flag} raised {Raised.Describe(Offset)}";

    public override ExpectationOutcome Evaluate(SimulationResult result)
    {
        var raises = result.Events.OfType<PatientFlagRaised>().Where(e => e.Flag == Flag).ToArray();
        if (Never) return raises.Length == 0 ? Pass("never raised") : Fail($"raised at {Stamp(raises[0].At)}");
        var hit = raises.FirstOrDefault(e => Raised.Contains(e.At));
        if (hit is not null) return Pass($"raised at {Stamp(hit.At)}");
        return Fail(raises.Length == 0 ? "never raised" : $"raised at {Stamp(raises[0].At)}, outside the window");
    }
}
