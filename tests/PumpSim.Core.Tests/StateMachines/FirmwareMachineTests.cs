using CsCheck;
using PumpSim.Core.Firmware;
using V = PumpSim.Core.Tests.StateMachines.MachineHarness;

namespace PumpSim.Core.Tests.StateMachines;

/// <summary>Model-based tests of the firmware's state machines (ARCHITECTURE.md: Stateless machines
/// wrapped in domain classes with verb methods). Each verb is fired in random order against a tiny
/// reference model written here from PUMP.md; every state must be reached and no verb may throw.</summary>
public class FirmwareMachineTests
{
    // ---- motor --------------------------------------------------------------------------------

    [Fact]
    public void Motor_FollowsItsModel_ReachesEveryState_AndHandlesEveryVerb()
    {
        var verbs = new V.Verb<MotorMachine, MotorState>[]
        {
            new("StallDetected", m => m.StallDetected(), _ => MotorState.Stalled),
            new("RotationDetected", m => m.RotationDetected(), _ => MotorState.Running),
            new("PumpReplaced", m => m.PumpReplaced(), _ => MotorState.Running),
        };
        var reached = V.Run(Gen.Const(((Func<MotorMachine>)(() => new MotorMachine()), MotorState.Running)), verbs,
            (r, m) => r.State == m ? null : $"state {r.State}, model {m}", r => r.State.ToString());
        reached.Should().BeEquivalentTo(Enum.GetNames<MotorState>());
        V.UnhandledTriggers(new MotorMachine().Info).Should().BeEmpty();
    }

    // ---- battery ------------------------------------------------------------------------------

    [Fact]
    public void Battery_FollowsItsModel_ReachesEveryState_AndHandlesEveryVerb()
    {
        var verbs = new V.Verb<BatteryMachine, BatteryState>[]
        {
            new("ReachedEri", m => m.ReachedEri(), s => s == BatteryState.Ok ? BatteryState.ElectiveReplacement : s),
            new("Exhausted", m => m.Exhausted(), _ => BatteryState.EndOfService),
            new("PumpReplaced", m => m.PumpReplaced(), _ => BatteryState.Ok),
        };
        var reached = V.Run(Gen.Const(((Func<BatteryMachine>)(() => new BatteryMachine()), BatteryState.Ok)), verbs,
            (r, m) => r.State == m ? null : $"state {r.State}, model {m}", r => r.State.ToString());
        reached.Should().BeEquivalentTo(Enum.GetNames<BatteryState>());
        V.UnhandledTriggers(new BatteryMachine().Info).Should().BeEmpty();
    }

    // ---- reservoir ----------------------------------------------------------------------------

    /// <summary>The real machine reads the estimate's condition through a callback; the test owns it.</summary>
    private sealed class ReservoirRig
    {
        public ReservoirCondition ByEstimate;
        public readonly ReservoirMachine Machine;
        public ReservoirRig(ReservoirCondition initial) { ByEstimate = initial; Machine = new ReservoirMachine(() => ByEstimate); }
    }

    private sealed record ReservoirModel(ReservoirCondition State, ReservoirCondition ByEstimate);

    [Fact]
    public void Reservoir_FollowsItsModel_ReachesEveryState_AndHandlesEveryVerb()
    {
        var verbs = new List<V.Verb<ReservoirRig, ReservoirModel>>
        {
            new("FellToAlarmLevel", r => r.Machine.FellToAlarmLevel(),
                m => m with { State = m.State == ReservoirCondition.Ok ? ReservoirCondition.Low : m.State }),
            new("ReachedEmpty", r => r.Machine.ReachedEmpty(), m => m with { State = ReservoirCondition.Empty }),
            new("Refilled", r => r.Machine.Refilled(), m => m with { State = m.ByEstimate }),
        };
        foreach (var c in Enum.GetValues<ReservoirCondition>())
            verbs.Add(new($"estimate reads {c}", r => r.ByEstimate = c, m => m with { ByEstimate = c }));
        var start = Gen.Enum<ReservoirCondition>().Select(c =>
            ((Func<ReservoirRig>)(() => new ReservoirRig(c)), new ReservoirModel(c, c)));
        var reached = V.Run(start, verbs,
            (r, m) => r.Machine.State == m.State ? null : $"state {r.Machine.State}, model {m.State}", r => r.Machine.State.ToString());
        reached.Should().BeEquivalentTo(Enum.GetNames<ReservoirCondition>());
        V.UnhandledTriggers(new ReservoirMachine(() => ReservoirCondition.Ok).Info).Should().BeEmpty();
    }

    // ---- therapy ------------------------------------------------------------------------------

    private sealed class TherapyRig
    {
        public TherapyState ProgramState;
        public int Changes;
        public TherapyState? LastFrom, LastTo;
        public readonly TherapyMachine Machine;
        public TherapyRig(TherapyState initial)
        {
            ProgramState = initial;
            Machine = new TherapyMachine(() => ProgramState, (f, t) => { Changes++; LastFrom = f; LastTo = t; });
        }
    }

    private sealed record TherapyModel(TherapyState State, TherapyState ProgramState, int Changes);

    private static TherapyModel Go(TherapyModel m, TherapyState to) =>
        m with { State = to, Changes = m.Changes + (to != m.State ? 1 : 0) };

    [Fact]
    public void Therapy_FollowsItsModel_ReachesEveryState_AndHandlesEveryVerb()
    {
        const TherapyState Eos = TherapyState.EndOfService;
        var verbs = new List<V.Verb<TherapyRig, TherapyModel>>
        {
            // PUMP.md §3/§5: a new program sets the state its mode calls for, except after end of service.
            new("Programmed", r => r.Machine.Programmed(), m => m.State == Eos ? m : Go(m, m.ProgramState)),
            // §5 empty-reservoir: the firmware drops to the minimum rate.
            new("ReservoirEmptied", r => r.Machine.ReservoirEmptied(), m => m.State == TherapyState.Infusing ? Go(m, TherapyState.MinimumRate) : m),
            // A refill lifts the minimum rate the empty reservoir forced; it does not end a safe state.
            new("Refilled", r => r.Machine.Refilled(), m => m.State == TherapyState.MinimumRate ? Go(m, m.ProgramState) : m),
            // Memory error / battery reset: safe state until reprogrammed; not after end of service.
            new("EnterSafeState", r => r.Machine.EnterSafeState(), m => m.State == Eos ? m : Go(m, TherapyState.SafeState)),
            new("BatteryExhausted", r => r.Machine.BatteryExhausted(), m => Go(m, Eos)),
            new("PumpReplaced", r => r.Machine.PumpReplaced(), m => Go(m, m.ProgramState)),
        };
        // What the program and reservoir call for (the engine's StateForProgram returns one of these three).
        foreach (var s in new[] { TherapyState.Infusing, TherapyState.MinimumRate, TherapyState.Stopped })
            verbs.Add(new($"program calls for {s}", r => r.ProgramState = s, m => m with { ProgramState = s }));
        var start = Gen.OneOf(TherapyState.Infusing, TherapyState.MinimumRate, TherapyState.Stopped).Select(s =>
            ((Func<TherapyRig>)(() => new TherapyRig(s)), new TherapyModel(s, s, 0)));
        var reached = V.Run(start, verbs,
            (r, m) => r.Machine.State != m.State ? $"state {r.Machine.State}, model {m.State}"
                : r.Changes != m.Changes ? $"{r.Changes} therapy-state-changed callbacks, model {m.Changes}"
                : r.LastFrom == r.LastTo && r.LastFrom is not null ? "a callback for a self-transition" : null,
            r => r.Machine.State.ToString());
        reached.Should().BeEquivalentTo(Enum.GetNames<TherapyState>());
        V.UnhandledTriggers(new TherapyRig(TherapyState.Infusing).Machine.Info).Should().BeEmpty();
    }

    // ---- one alarm ----------------------------------------------------------------------------

    private sealed record AlarmModel(AlarmState State, bool Condition, bool Latches, bool LastResult)
    {
        public bool Active => State != AlarmState.Inactive;
    }

    [Theory]
    [InlineData(AlarmPriority.NonCritical)]
    [InlineData(AlarmPriority.Critical)]
    public void Alarm_FollowsTheLifecycleOfPump5_ReachesEveryState_AndHandlesEveryVerb(AlarmPriority priority)
    {
        bool last = false;
        // PUMP.md §5: inactive → sounding ⇄ silenced → inactive; critical alarms latch until the
        // condition is gone *and* the pump is interrogated; non-critical ones clear with their condition.
        var verbs = new V.Verb<Alarm, AlarmModel>[]
        {
            new("Raise", a => last = a.Raise(), m => m with
                { State = m.Active ? m.State : AlarmState.Sounding, Condition = true, LastResult = !m.Active }),
            new("ConditionGone", a => last = a.ConditionGone(), m =>
            {
                var clears = m.Active && !m.Latches;
                return m with { State = clears ? AlarmState.Inactive : m.State, Condition = false, LastResult = clears };
            }),
            new("Interrogated", a => last = a.Interrogated(), m =>
            {
                var clears = m.Active && !m.Condition;
                return m with { State = clears ? AlarmState.Inactive : m.State, LastResult = clears };
            }),
            new("Silence", a => last = a.Silence(), m => m.State == AlarmState.Sounding
                ? m with { State = AlarmState.Silenced, LastResult = true } : m with { LastResult = false }),
            new("EndSilence", a => last = a.EndSilence(), m => m.State == AlarmState.Silenced
                ? m with { State = AlarmState.Sounding, LastResult = true } : m with { LastResult = false }),
            new("Reset", a => last = a.Reset(), m => m with { State = AlarmState.Inactive, Condition = false, LastResult = m.Active }),
        };
        var latches = priority == AlarmPriority.Critical;
        var reached = V.Run(Gen.Const(((Func<Alarm>)(() => new Alarm("test", priority)), new AlarmModel(AlarmState.Inactive, false, latches, false))), verbs,
            (a, m) => a.State != m.State ? $"state {a.State}, model {m.State}"
                : a.ConditionPresent != m.Condition ? $"condition {a.ConditionPresent}, model {m.Condition}"
                : last != m.LastResult ? $"verb returned {last}, model {m.LastResult}"
                : a.IsActive != m.Active || a.IsSounding != (m.State == AlarmState.Sounding) ? "IsActive/IsSounding disagree with the state"
                : null,
            a => a.State.ToString());
        reached.Should().BeEquivalentTo(Enum.GetNames<AlarmState>());
        V.UnhandledTriggers(new Alarm("x", priority).Info).Should().BeEmpty();
    }

    [Fact]
    public void UnhandledTriggerCheck_CanFail_OnAMachineThatForgetsATrigger()
    {
        var m = new Stateless.StateMachine<string, int>("a");
        m.Configure("a").Permit(1, "b").Ignore(2);
        m.Configure("b").Permit(2, "a");   // trigger 1 unhandled in b
        V.UnhandledTriggers(m.GetInfo()).Should().NotBeEmpty();
    }
}
