using PumpSim.Core.Events;
using PumpSim.Core.Firmware;
using PumpSim.Core.Plant;
using PumpSim.Core.Therapy;
using PumpSim.Core.Units;

namespace PumpSim.Core.Engine;

/// <summary>The firmware: program, estimated reservoir, state machines and alarms. It reads only
/// what a real firmware could: its own stroke count, the rotor, the battery. Never the plant's truth.</summary>
public sealed partial class Simulation
{
    private sealed record ActiveBolus(string Kind, long RatePerDay, SimInstant End, bool ReplacesBasal);

    private TherapyProgram _program = null!;
    private Concentration _fwConcentration;
    private Concentration? _previousConcentration;
    private Volume _estimate, _fwCatheterVolume;
    private TherapyMachine _therapy = null!;
    private readonly MotorMachine _motor = new();
    private ReservoirMachine _reservoirState = null!;
    private readonly BatteryMachine _battery = new();
    private AlarmManager _alarms = null!;
    private ActiveBolus? _bolus, _ptmBolus;
    private readonly List<SimInstant> _ptmAccepted = [];
    private long _eriThreshold;

    private void InitFirmware()
    {
        _program = _plan.Program;
        _fwConcentration = _plan.Concentration;
        _estimate = _plan.Reservoir;
        _fwCatheterVolume = _plan.CatheterVolume;
        _alarms = new AlarmManager(_plan.NonCriticalToneRepeat, _plan.CriticalToneRepeat, Emit);
        _reservoirState = new ReservoirMachine(ConditionByEstimate);
        _therapy = new TherapyMachine(StateForProgram, (from, to) =>
            Emit(EventTypes.TherapyStateChanged, new("from", TherapyMachine.Name(from)), new("to", TherapyMachine.Name(to))));
        var avg = AverageProgramFlow();
        _charge = _plan.BatteryLifeRemainingDays is { } days ? BatteryModel.ChargeFor(days, avg) : BatteryModel.FullCharge;
        _eriThreshold = EriThreshold();
    }

    private ReservoirCondition ConditionByEstimate() =>
        _estimate.IsZero ? ReservoirCondition.Empty : _estimate <= _plan.LowReservoirAlarm ? ReservoirCondition.Low : ReservoirCondition.Ok;

    private TherapyState StateForProgram() => _program.Mode switch
    {
        ProgramMode.Stopped => TherapyState.Stopped,
        ProgramMode.MinimumRate => TherapyState.MinimumRate,
        _ => _estimate.IsZero ? TherapyState.MinimumRate : TherapyState.Infusing,
    };

    /// <summary>The program's mean flow over its cycle: the "current program" of the ERI rule and
    /// of battery days remaining, so a flex step change does not make ERI flicker.</summary>
    private long AverageProgramFlow()
    {
        switch (_program.Mode)
        {
            case ProgramMode.Continuous: return _program.Rate!.Value.ToFlow(_fwConcentration).PicolitresPerDay;
            case ProgramMode.MinimumRate: return _plan.Profile.MinimumRate.PicolitresPerDay;
            case ProgramMode.Stopped: return 0;
        }
        var period = _program.Repeat == FlexRepeat.Daily ? SimDuration.SecondsPerDay : 7 * SimDuration.SecondsPerDay;
        Int128 sum = 0;
        for (var i = 0; i < _program.Steps.Count; i++)
        {
            var start = _program.Steps[i].StartSecond;
            var end = i + 1 < _program.Steps.Count ? _program.Steps[i + 1].StartSecond : _program.Steps[0].StartSecond + period;
            sum += (Int128)_program.Steps[i].Rate.ToFlow(_fwConcentration).PicolitresPerDay * (end - start);
        }
        return (long)(sum / period);
    }

    private long EriThreshold() => 90 * BatteryModel.DrainPerDay(AverageProgramFlow());

    private double BatteryDaysRemaining => BatteryModel.DaysLeft(_charge, AverageProgramFlow());

    /// <summary>The flow the prescription calls for now: the program's rate whatever the therapy
    /// state, with the boluses that run, capped. What `programmed` means in every output.</summary>
    private long PrescribedRate()
    {
        long basal = _program.Mode switch
        {
            ProgramMode.Continuous or ProgramMode.Flex => _program.RateAt(Now)!.Value.ToFlow(_fwConcentration).PicolitresPerDay,
            ProgramMode.MinimumRate => _plan.Profile.MinimumRate.PicolitresPerDay,
            _ => 0,
        };
        var total = basal;
        if (_bolus is { } b) total = b.ReplacesBasal ? b.RatePerDay : total + b.RatePerDay;
        if (_ptmBolus is { } p) total += p.RatePerDay;
        return Math.Min(total, _plan.Profile.MaxFlow.PicolitresPerDay);
    }

    /// <summary>The flow the firmware commands now: basal by therapy state, boluses on top, capped.</summary>
    private long CommandedRate()
    {
        long basal = _therapy.State switch
        {
            TherapyState.Infusing => _program.RateAt(Now)?.ToFlow(_fwConcentration).PicolitresPerDay ?? 0,
            TherapyState.MinimumRate or TherapyState.SafeState => _plan.Profile.MinimumRate.PicolitresPerDay,
            _ => 0,
        };
        if (_therapy.State != TherapyState.Infusing) return basal;
        var total = basal;
        if (_bolus is { } b) total = b.ReplacesBasal ? b.RatePerDay : total + b.RatePerDay;
        if (_ptmBolus is { } p) total += p.RatePerDay;
        return Math.Min(total, _plan.Profile.MaxFlow.PicolitresPerDay);
    }

    /// <summary>Fires the triggers whose conditions changed. Returns true if anything changed.</summary>
    private bool EvaluateConditions()
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
        if (_charge <= 0 && _battery.State != BatteryState.EndOfService)
        {
            changed = true;
            _battery.Exhausted();
            _alarms.Raise(AlarmIds.EndOfService, Now);
            _therapy.BatteryExhausted();
        }
        else if (_charge <= _eriThreshold && _battery.State == BatteryState.Ok)
        {
            changed = true;
            _battery.ReachedEri();
            _alarms.Raise(AlarmIds.ElectiveReplacement, Now);
        }
        if (_cmdRate > 0 && PlantStalled && _motor.State == MotorState.Running)
        {
            changed = true;
            _motor.StallDetected();
            Emit(EventTypes.MotorStall, new EventField("reason", StallReason()));
            _alarms.Raise(AlarmIds.MotorStall, Now);
        }
        else if (!PlantStalled && _motor.State == MotorState.Stalled)
        {
            changed = true;
            _motor.RotationDetected();
            Emit(EventTypes.MotorStallRecovery);
            _alarms.ConditionGone(AlarmIds.MotorStall, Now);
        }
        CheckTrueEmpty();
        return changed;
    }

    private string StallReason() =>
        _mriHold ? "mri-hold" : Now < _mriRecoveryAt ? "mri" : _stallPermanent ? "permanent" : "injected";

    /// <summary>Timers due now: bolus ends, stall episodes, MRI scan end, patient timers.</summary>
    private void HandleTimers()
    {
        if (_bolus is { } b && b.End <= Now)
        {
            _bolus = null;
            Emit(EventTypes.BolusFinished, new EventField("kind", b.Kind));
        }
        if (_ptmBolus is { } p && p.End <= Now)
        {
            _ptmBolus = null;
            Emit(EventTypes.BolusFinished, new EventField("kind", p.Kind));
        }
        while (_stallEpisodes.Count > 0 && _stallEpisodes[0].Start <= Now)
        {
            var e = _stallEpisodes[0];
            _stallEpisodes.RemoveAt(0);
            if (e.End > _stallUntil) _stallUntil = e.End;
        }
        if (_mriScanEnd <= Now)
        {
            _mriScanEnd = SimInstant.MaxValue;
            Emit(EventTypes.MriEnded, new("recovery_until", _mriRecoveryAt.ToString()), new("held_until_interrogated", _mriHold));
        }
        if (_patient is not null) HandlePatientTimers();
    }

    private SimInstant NextBreak()
    {
        var next = _plan.End;
        void Consider(SimInstant t) { if (t > Now && t < next) next = t; }
        void ConsiderIn(long seconds) { if (seconds != long.MaxValue && seconds > 0) Consider(Now + SimDuration.FromSeconds(Math.Min(seconds, 1L << 40))); }

        if (_nextAction < _actions.Length) Consider(_actions[_nextAction].At);
        Consider(_nextSample);
        if (_nextProbe < _probes.Length) Consider(_probes[_nextProbe]);
        Consider(_program.NextChangeAfter(Now)); // the prescription follows flex steps in every state
        if (_bolus is { } b) Consider(b.End);
        if (_ptmBolus is { } p) Consider(p.End);
        if (_stallEpisodes.Count > 0) Consider(_stallEpisodes[0].Start);
        Consider(_stallUntil);
        Consider(_mriScanEnd);
        Consider(_mriRecoveryAt);
        Consider(_alarms.NextDue());
        if (_patient is not null) Consider(NextPatientTimer());
        if (_estRate > 0)
        {
            if (_estimate > _plan.LowReservoirAlarm) ConsiderIn(_estInt.SecondsUntil(_estRate, (_estimate - _plan.LowReservoirAlarm).Picolitres));
            if (!_estimate.IsZero) ConsiderIn(_estInt.SecondsUntil(_estRate, _estimate.Picolitres));
        }
        ConsiderIn(SecondsUntilTrueEmpty());
        if (_drainRate > 0)
        {
            if (_charge > _eriThreshold) ConsiderIn(_drainInt.SecondsUntil(_drainRate, _charge - _eriThreshold));
            if (_charge > 0) ConsiderIn(_drainInt.SecondsUntil(_drainRate, _charge));
        }
        return next > Now ? next : Now + SimDuration.FromSeconds(1);
    }
}
