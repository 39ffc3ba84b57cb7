using PumpSim.Core.Plant;
using PumpSim.Core.Therapy;
using PumpSim.Core.Units;

namespace PumpSim.Core.Engine;

/// <summary>Something that happens to the pump, body or patient at an instant of a scenario.
/// Actions at the same instant apply in the order given (<see cref="TimedAction.Order"/>).</summary>
public abstract record ScenarioAction;


/// <summary><see cref="ProgrammedVolume"/>: for a revision, the dead volume the clinician enters for the
/// new catheter (null = the true new volume).</summary>
public sealed record CatheterFaultAction(CatheterFaultKind Fault, double? Fraction = null, Volume? NewVolume = null,
    Volume? ProgrammedVolume = null) : ScenarioAction;

public enum RefillTarget { Reservoir, Pocket }

/// <summary>The refill procedure of PUMP.md §6. <see cref="WithdrawMl"/> null means withdraw all.</summary>
public sealed record RefillAction(
    Volume Add,
    Volume? Withdraw = null,
    Volume? ProgramVolume = null,
    Concentration? NewConcentration = null,
    RefillTarget Into = RefillTarget.Reservoir,
    bool BridgeBolus = false,
    Concentration? ProgrammedConcentration = null) : ScenarioAction;

/// <summary>A new program. <see cref="ProgrammedConcentration"/>: the concentration the clinician
/// re-enters with it (a correction of a wrong entry); null keeps the one the pump has.</summary>
public sealed record ProgramAction(TherapyProgram Program, Concentration? ProgrammedConcentration = null) : ScenarioAction;
public sealed record BolusAction(double DoseMcg, SimDuration Duration) : ScenarioAction;
public sealed record PrimingBolusAction : ScenarioAction;
public sealed record BridgeBolusAction : ScenarioAction;
public sealed record PtmRequestAction : ScenarioAction;
public sealed record MriAction(SimDuration Duration, SimDuration Recovery) : ScenarioAction;
public sealed record InterrogateAction : ScenarioAction;
public sealed record SilenceAction(SimDuration Duration) : ScenarioAction;

/// <summary>The clinician sets the low-reservoir alarm at the programmer.</summary>
public sealed record AlarmSettingsAction(Volume LowReservoirAlarm) : ScenarioAction;

/// <summary>The clinician sets up (or changes) the patient's bolus (myPTM) at the programmer.</summary>
public sealed record PtmSettingsAction(PtmSettings Ptm) : ScenarioAction;

/// <summary>A motor stall: for <see cref="Duration"/>, or for good when <see cref="Permanent"/>;
/// repeated <see cref="Count"/> times every <see cref="Every"/> when intermittent.</summary>
public sealed record MotorStallAction(SimDuration Duration, bool Permanent = false, SimDuration? Every = null, int Count = 1) : ScenarioAction;
public sealed record MemoryErrorAction(bool Critical) : ScenarioAction;
public sealed record BatteryResetAction : ScenarioAction;
/// <summary>Pump replaced: new battery, firmware reset, reservoir filled to <see cref="Reservoir"/>
/// (default: the scenario's starting volume); the catheter and the program stay.</summary>
public sealed record ReplacePumpAction(Volume? Reservoir = null) : ScenarioAction;
/// <summary>Changes the pump's true accuracy from this instant (a pump that starts to over-infuse).</summary>
/// <summary>Diathermy over the implant (PUMP.md §4): by default the motor is damaged for good.</summary>
public sealed record DiathermyAction(bool MotorDamage = true) : ScenarioAction;
/// <summary>The pump turns over in its pocket (or, <see cref="Corrected"/>, surgery turns it back).</summary>
public sealed record PumpFlipAction(bool Corrected = false) : ScenarioAction;
public sealed record AccuracyAction(double AccuracyPct) : ScenarioAction;
public sealed record NarrationAction(string Text) : ScenarioAction;

public sealed record TimedAction(SimInstant At, int Order, ScenarioAction Action);
