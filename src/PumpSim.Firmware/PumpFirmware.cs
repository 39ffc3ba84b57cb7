using PumpSim.Core.Events;
using PumpSim.Core.Therapy;
using PumpSim.Core.Units;

namespace PumpSim.Core.Firmware;

/// <summary>What the firmware is told when it is programmed: nothing of the body's truth.</summary>
public sealed record FirmwareSettings(
    PumpProfile Profile,
    Volume LowReservoirAlarm,
    SimDuration NonCriticalToneRepeat,
    SimDuration CriticalToneRepeat,
    TherapyProgram Program,
    Concentration Concentration,
    Volume Reservoir,
    Volume CatheterVolume,
    PtmSettings? Ptm);

/// <summary>What a real firmware can sense: whether the rotor turns when driven, and the battery.</summary>
public interface IPumpSensors
{
    /// <summary>The rotor would turn if driven (no stall, no magnet, no damage).</summary>
    bool RotorFree { get; }
    /// <summary>Battery charge, in <see cref="BatteryModel"/> units (the battery voltage, read).</summary>
    long BatteryCharge { get; }
    /// <summary>The log's note of why the rotor stopped. The firmware only sees that it stopped; the
    /// note is the simulation's, so a trainer reads the cause next to the firmware's alarm.</summary>
    string StallNote { get; }
}

/// <summary>The firmware (PUMP.md §1): the program, the concentration it was told, its stroke-counted
/// reservoir estimate, the state machines, the alarm manager, boluses and PTM. It is built from
/// <see cref="FirmwareSettings"/> and <see cref="IPumpSensors"/> only: nothing here names a plant
/// type, so that the firmware cannot read the truth is a fact the compiler checks.</summary>
public sealed partial class PumpFirmware
{
    private FirmwareSettings _s;
    private readonly IPumpSensors _sensors;
    private readonly Func<SimInstant> _clock;
    private readonly AlarmManager.Emit _emit;
    private readonly TherapyMachine _therapy;
    private readonly MotorMachine _motor = new();
    private readonly ReservoirMachine _reservoirState;
    private readonly BatteryMachine _battery = new();
    private readonly AlarmManager _alarms;

    private TherapyProgram _program;
    private Concentration _concentration;
    private Volume _estimate, _catheterVolume;
    private long _eriThreshold;
    private bool _mriHold;

    // Rates of the current segment (pL/day) and their exact integrators: the prescription (with a
    // bridge's share apart), what is commanded, and what the strokes seen complete take out.
    private FlowRate _rxRate, _rxBridgeRate, _cmdRate, _estRate;
    private FlowIntegrator _rxInt, _rxBridgeInt, _estInt;

    public PumpFirmware(FirmwareSettings settings, IPumpSensors sensors, Func<SimInstant> clock, AlarmManager.Emit emit)
    {
        _s = settings;
        _sensors = sensors;
        _clock = clock;
        _emit = emit;
        _program = settings.Program;
        _concentration = settings.Concentration;
        _estimate = settings.Reservoir;
        _catheterVolume = settings.CatheterVolume;
        _alarms = new AlarmManager(settings.NonCriticalToneRepeat, settings.CriticalToneRepeat, emit);
        _reservoirState = new ReservoirMachine(ConditionByEstimate);
        _therapy = new TherapyMachine(StateForProgram, (from, to) =>
            emit(new TherapyStateChanged(from, to)));
        _eriThreshold = EriThreshold();
    }

    private SimInstant Now => _clock();

    public TherapyProgram Program => _program;
    public Concentration Concentration => _concentration;
    public Volume Estimate => _estimate;
    public TherapyState Therapy => _therapy.State;
    public string TherapyName => TherapyMachine.Name(_therapy.State);
    public string MotorName => MotorMachine.Name(_motor.State);
    public string ReservoirName => ReservoirMachine.Name(_reservoirState.State);
    public string BatteryName => BatteryMachine.Name(_battery.State);
    public bool EndOfService => _battery.State == BatteryState.EndOfService;
    public bool MriHold => _mriHold;
    public AlarmManager Alarms => _alarms;
    /// <summary>The flow the firmware drives the motor at now (0 while the rotor does not turn).</summary>
    public FlowRate MotorFlow => _estRate;
    /// <summary>The firmware is commanding flow now (whether or not the rotor turns).</summary>
    public bool CommandsFlow => !_cmdRate.IsZero;
    /// <summary>The prescription now, mcg/day: the bridge's share priced at the old concentration.</summary>
    public double PrescribedMcgPerDay =>
        (_rxRate.PicolitresPerDay * _concentration.McgPerMl + _rxBridgeRate.PicolitresPerDay * _bridgePrice.McgPerMl) / Volume.PicolitresPerMl;
    public long EriThresholdCharge => _eriThreshold;
    public double BatteryDaysRemaining => _s.Profile.Battery.DaysLeft(_sensors.BatteryCharge, AverageProgramFlow().PicolitresPerDay);

    /// <summary>A pump whose battery starts part used: the charge its settings call for.</summary>
    public long InitialCharge(double? lifeRemainingDays) =>
        lifeRemainingDays is { } days ? _s.Profile.Battery.ChargeFor(days, AverageProgramFlow().PicolitresPerDay) : BatteryModel.FullCharge;

    private ReservoirCondition ConditionByEstimate() =>
        _estimate.IsZero ? ReservoirCondition.Empty : _estimate <= _s.LowReservoirAlarm ? ReservoirCondition.Low : ReservoirCondition.Ok;

    private TherapyState StateForProgram() => _program.Mode switch
    {
        ProgramMode.Stopped => TherapyState.Stopped,
        ProgramMode.MinimumRate => TherapyState.MinimumRate,
        _ => _estimate.IsZero ? TherapyState.MinimumRate : TherapyState.Infusing,
    };

    /// <summary>Rates for the segment that starts now. <see cref="IPumpSensors.RotorFree"/> and the
    /// MRI hold decide whether the commanded strokes complete.</summary>
    public void Recompute()
    {
        var rx = PrescribedParts();
        var bridge = _bolus is { Kind: "bridge" };
        _rxRate = FlowRate.FromPicolitresPerDay(rx.Basal + (bridge ? 0 : rx.Bolus) + rx.Ptm);
        _rxBridgeRate = FlowRate.FromPicolitresPerDay(bridge ? rx.Bolus : 0);
        if (_bolus is { } b) { b.Given = rx.Bolus; b.Capped |= rx.Bolus < b.RatePerDay; }
        if (_ptmBolus is { } p) { p.Given = rx.Ptm; p.Capped |= rx.Ptm < p.RatePerDay; }
        _cmdRate = FlowRate.FromPicolitresPerDay(CommandedRate());
        _estRate = RotorTurns ? _cmdRate : FlowRate.Zero;
    }

    /// <summary>The rotor turns when driven: free, and not held by the firmware after an MRI.</summary>
    private bool RotorTurns => _sensors.RotorFree && !_mriHold;

    /// <summary>Counts <paramref name="seconds"/> of strokes, prescription and bolus progress. Integers only.</summary>
    public void Advance(long seconds)
    {
        if (!_rxRate.IsZero) _commandedThisEpoch += Volume.FromPicolitres(_rxInt.Advance(_rxRate.PicolitresPerDay, seconds));
        if (!_rxBridgeRate.IsZero) _bridgeCommanded += Volume.FromPicolitres(_rxBridgeInt.Advance(_rxBridgeRate.PicolitresPerDay, seconds));
        if (_bolus is { Given: > 0 } b) b.WorkLeft -= (Int128)b.Given * seconds;
        if (_ptmBolus is { Given: > 0 } p) p.WorkLeft -= (Int128)p.Given * seconds;
        if (!_estRate.IsZero)
        {
            var v = _estInt.Advance(_estRate.PicolitresPerDay, seconds);
            _estimate = Volume.FromPicolitres(Math.Max(0, _estimate.Picolitres - v));
            _pumpedSinceChange += Volume.FromPicolitres(v);
        }
    }

    /// <summary>Fires the triggers whose conditions changed. Returns true if anything changed.</summary>
    public bool Evaluate()
    {
        var changed = false;
        var want = ConditionByEstimate();
        if (want > _reservoirState.State)
        {
            changed = true;
            if (want == ReservoirCondition.Low) _reservoirState.FellToAlarmLevel(); else _reservoirState.ReachedEmpty();
            _alarms.Raise(AlarmIds.LowReservoir, Now);
            if (want == ReservoirCondition.Empty)
            {
                _alarms.Raise(AlarmIds.EmptyReservoir, Now);
                _therapy.ReservoirEmptied();
            }
        }
        // Level, not only edge: a start, refill or new pump programmed at or below the alarm level
        // puts the reservoir machine straight into low/empty without a crossing, and the firmware
        // must still alarm (PUMP.md §5: raised when estimate ≤ LRA; empty when it reads 0).
        if (_reservoirState.State >= ReservoirCondition.Low && !_alarms.Get(AlarmIds.LowReservoir).IsActive)
        {
            changed = true;
            _alarms.Raise(AlarmIds.LowReservoir, Now);
        }
        if (_reservoirState.State == ReservoirCondition.Empty && !_alarms.Get(AlarmIds.EmptyReservoir).IsActive)
        {
            changed = true;
            _alarms.Raise(AlarmIds.EmptyReservoir, Now);
        }
        var charge = _sensors.BatteryCharge;
        if (charge <= 0 && _battery.State != BatteryState.EndOfService)
        {
            changed = true;
            _battery.Exhausted();
            _alarms.Raise(AlarmIds.EndOfService, Now);
            _therapy.BatteryExhausted();
        }
        else if (charge <= _eriThreshold && _battery.State == BatteryState.Ok)
        {
            changed = true;
            _battery.ReachedEri();
            _alarms.Raise(AlarmIds.ElectiveReplacement, Now);
        }
        if (CommandsFlow && !RotorTurns && _motor.State == MotorState.Running)
        {
            changed = true;
            _motor.StallDetected();
            _emit(new MotorStall(_mriHold ? "mri-hold" : _sensors.StallNote));
            _alarms.Raise(AlarmIds.MotorStall, Now);
        }
        else if (RotorTurns && _motor.State == MotorState.Stalled)
        {
            changed = true;
            _motor.RotationDetected();
            _emit(new MotorStallRecovery());
            _alarms.ConditionGone(AlarmIds.MotorStall, Now);
        }
        return changed;
    }

    /// <summary>Its own timers due now: boluses that have given their volume.</summary>
    public void HandleTimers()
    {
        if (_bolus is { Done: true } b)
        {
            if (b.Kind == "bridge") CloseBridgePricing();
            _bolus = null;
            FinishBolus(b);
        }
        if (_ptmBolus is { Done: true } p)
        {
            _ptmBolus = null;
            FinishBolus(p);
        }
    }

    /// <summary>When it next needs attention: a flex step, a bolus end, a tone, the estimate at the
    /// alarm level or at empty.</summary>
    public SimInstant NextDue()
    {
        var now = Now;
        var next = SimInstant.MaxValue;
        void Consider(SimInstant t) { if (t > now && t < next) next = t; }
        void ConsiderIn(long seconds) { if (seconds != long.MaxValue && seconds > 0) Consider(now + SimDuration.FromSeconds(Math.Min(seconds, 1L << 40))); }
        Consider(_program.NextChangeAfter(now)); // the prescription follows flex steps in every state
        if (_bolus is { } b) Consider(b.EndAt(now));
        if (_ptmBolus is { } p) Consider(p.EndAt(now));
        Consider(_alarms.NextDue());
        if (!_estRate.IsZero)
        {
            var rate = _estRate.PicolitresPerDay;
            if (_estimate > _s.LowReservoirAlarm) ConsiderIn(_estInt.SecondsUntil(rate, (_estimate - _s.LowReservoirAlarm).Picolitres));
            if (!_estimate.IsZero) ConsiderIn(_estInt.SecondsUntil(rate, _estimate.Picolitres));
        }
        return next;
    }
}
