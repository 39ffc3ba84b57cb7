using PumpSim.Core.Engine;
using PumpSim.Core.Therapy;
using PumpSim.Core.Units;

namespace PumpSim.Scenarios.Lessons;

/// <summary>What the trainee did in a session, read from its actions: every programmer action (a
/// lesson holds none of its own), and the settings the pump holds after the last of them (or after
/// the last one up to an instant: what the web programmer shows as "current").</summary>
public sealed class TraineeSession
{
    public List<TimedAction> Actions { get; } = [];
    public List<(SimInstant At, string Kind)> Boluses { get; } = [];
    public List<(SimInstant At, RefillAction Refill)> Refills { get; } = [];
    public Concentration Entered { get; private set; }
    public Concentration Real { get; private set; }
    public TherapyProgram Program { get; private set; }
    /// <summary>The alarm and patient-bolus settings: the header's, then the trainee's last change.</summary>
    public Volume LowReservoirAlarm { get; private set; }
    public PtmSettings? Ptm { get; private set; }

    public TraineeSession(SimulationPlan plan, SimInstant? upTo = null)
    {
        Entered = plan.ProgrammedConcentration ?? plan.Concentration;
        Real = plan.Concentration;
        Program = plan.Program;
        LowReservoirAlarm = plan.LowReservoirAlarm;
        Ptm = plan.Ptm;
        foreach (var t in plan.Actions)
        {
            if (!IsTrainees(t.Action) || t.At > upTo) continue;
            Actions.Add(t);
            switch (t.Action)
            {
                case RefillAction r:
                    Refills.Add((t.At, r));
                    // The pump sees a pocket fill as a refill too: it is programmed with what the clinician believes.
                    Real = r.Into == RefillTarget.Reservoir ? r.NewConcentration ?? Real : Real;
                    Entered = r.ProgrammedConcentration ?? r.NewConcentration ?? Real;
                    if (r.BridgeBolus) Boluses.Add((t.At, "bridge"));
                    break;
                case ProgramAction p:
                    Program = p.Program;
                    if (p.ProgrammedConcentration is { } c) Entered = c;
                    break;
                case BolusAction: Boluses.Add((t.At, "single")); break;
                case PrimingBolusAction: Boluses.Add((t.At, "priming")); break;
                case BridgeBolusAction: Boluses.Add((t.At, "bridge")); break;
                case AlarmSettingsAction a: LowReservoirAlarm = a.LowReservoirAlarm; break;
                case PtmSettingsAction p: Ptm = p.Ptm; break;
            }
        }
    }

    /// <summary>Where the assessed window starts: the trainee's last change (or the start).</summary>
    public SimInstant LastChange(SimInstant start) => Actions.Count == 0 ? start : Actions[^1].At;

    /// <summary>Actions done at the programmer (<see cref="Format.LessonFormat.TraineeActions"/>).</summary>
    public static bool IsTrainees(ScenarioAction a) =>
        a is RefillAction or ProgramAction or BolusAction or PrimingBolusAction or BridgeBolusAction or InterrogateAction or SilenceAction
        or AlarmSettingsAction or PtmSettingsAction;
}
