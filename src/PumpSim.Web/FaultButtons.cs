using System.Globalization;
using PumpSim.Core.Engine;
using PumpSim.Core.Plant;
using PumpSim.Scenarios.Format;

namespace PumpSim.Web;

/// <summary>One fault button: the event it injects, written as a scenario file writes it.
/// <see cref="Action"/> null means a narration marker only (see missed refill).</summary>
public sealed record FaultButton(string Id, string Label, string? Action, string Settings, string Note);

/// <summary>The fault buttons of the console. Data, not code: a button whose action the scenario
/// format does not know is left out, so the page only ever
/// offers what a scenario file could say.</summary>
public static class FaultButtons
{
    public static IReadOnlyList<FaultButton> For(SimulationPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        // A refill fills the pump in place to its capacity, at the scenario's concentration.
        var full = plan.Profile.Capacity.Ml.ToString("0.###", CultureInfo.InvariantCulture);
        FaultButton[] all =
        [
            // One button per catheter fault or repair, words and narration from Core's descriptor
            // ("none" is the same as "repair" on a live run).
            .. CatheterFaultType.All.Where(f => f.Kind != CatheterFaultKind.None)
                .Select(f => new FaultButton(f.Name, f.Button, "catheter", $"{{ fault: {f.Name} }}", f.Narration)),
            new("mri", "MRI", "mri", "{ duration: 45m }", "an MRI scan stalls the motor for 45 minutes."),
            new("motor-stall", "Motor stall", "motor_stall", "{ duration: 2h }", "the motor stalls for 2 hours."),
            new("diathermy", "Diathermy", "diathermy", "{}", "diathermy over the pump damages the motor for good."),
            new("pump-flip", "Pump flip", "pump_flip", "{}", "the pump turns over in its pocket: refills cannot reach the port."),
            new("missed-refill", "Missed refill", null, "", "the refill appointment is missed (marker only: the pump simply keeps running down)."),
            new("pocket-fill", "Pocket fill", "refill", $"{{ add_ml: {full}, into: pocket }}", $"a refill of {full} mL goes into the pocket instead of the reservoir."),
            new("refill", "Refill", "refill", $"{{ add_ml: {full} }}", $"the pump is refilled with {full} mL."),
            new("interrogate", "Interrogate", "interrogate", "{}", "the clinician interrogates the pump."),
            new("silence", "Silence", "silence", "{ duration: 1h }", "the alarm is silenced for 1 hour."),
        ];
        var known = ScenarioFormat.Event.ExactlyOneOf ?? [];
        return all.Where(b => b.Action is null || known.Contains(b.Action)).ToArray();
    }
}
