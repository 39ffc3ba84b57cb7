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
    /// <summary>A running bolus. Its dose is fixed: <see cref="WorkLeft"/> starts at its nominal rate ×
    /// duration (pL·s/day) and falls by the flow it is actually given, so a bolus held back by the
    /// maximum flow runs longer and still delivers its whole volume (PUMP.md §3).</summary>
    private sealed class ActiveBolus(string kind, long ratePerDay, long seconds, bool replacesBasal, double doseMcg, Volume volume, SimInstant started)
    {
        public string Kind { get; } = kind;
        public long RatePerDay { get; } = ratePerDay;
        public bool ReplacesBasal { get; } = replacesBasal;
        public double DoseMcg { get; } = doseMcg;
        public Volume Volume { get; } = volume;
        public SimInstant Started { get; } = started;
        public Int128 WorkLeft { get; set; } = (Int128)ratePerDay * seconds;
        /// <summary>The flow it is given now (pL/day): its rate, or less when the sum is capped.</summary>
        public long Given { get; set; }
        public bool Capped { get; set; }
        public bool Done => WorkLeft <= 0;
        public SimInstant EndAt(SimInstant now) =>
            Done ? now : Given <= 0 ? SimInstant.MaxValue : now + SimDuration.FromSeconds((long)Int128.Min((WorkLeft + Given - 1) / Given, 1L << 40));
    }

    private TherapyProgram _program = null!;
    private Concentration _fwConcentration;
    private Concentration? _previousConcentration;
    /// <summary>Nominal volume of the strokes seen complete since the last concentration change: with
    /// its programmed catheter volume, the firmware knows how much old drug is left to bridge.</summary>
    private Volume _fwPumpedSinceChange;
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
        _fwConcentration = _plan.ProgrammedConcentration ?? _plan.Concentration;
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
            case ProgramMode.Continuous: return RunnableFlow(_program.Rate!.Value);
            case ProgramMode.MinimumRate: return _plan.Profile.MinimumRate.PicolitresPerDay;
            case ProgramMode.Stopped: return 0;
        }
        var period = _program.Repeat == FlexRepeat.Daily ? SimDuration.SecondsPerDay : 7 * SimDuration.SecondsPerDay;
        Int128 sum = 0;
        for (var i = 0; i < _program.Steps.Count; i++)
        {
            var start = _program.Steps[i].StartSecond;
            var end = i + 1 < _program.Steps.Count ? _program.Steps[i + 1].StartSecond : _program.Steps[0].StartSecond + period;
            sum += (Int128)RunnableFlow(_program.Steps[i].Rate) * (end - start);
        }
        return (long)(sum / period);
    }

    private long EriThreshold() => 90 * BatteryModel.DrainPerDay(AverageProgramFlow());

    private double BatteryDaysRemaining => BatteryModel.DaysLeft(_charge, AverageProgramFlow());

    /// <summary>The flow the pump can run for a programmed rate: the program's flow, held inside the
    /// flow range. Only a concentration change can put a standing mcg/day program outside it (a
    /// `program` outside it is rejected); the pump then runs the nearest rate it can, and the log
    /// says so (program-rejected, then program-changed with what it runs).</summary>
    private long RunnableFlow(ProgramRate rate)
    {
        var flow = rate.ToFlow(_fwConcentration).PicolitresPerDay;
        return flow <= 0 ? 0 : Math.Clamp(flow, _plan.Profile.MinFlow.PicolitresPerDay, _plan.Profile.MaxFlow.PicolitresPerDay);
    }

    /// <summary>Basal, bolus and PTM flows for a basal flow, capped at the maximum flow in that order:
    /// the basal first, then the bolus (priming and bridge boluses replace the basal), then PTM.</summary>
    private (long Basal, long Bolus, long Ptm) Parts(long basal, long roomBasal)
    {
        var max = _plan.Profile.MaxFlow.PicolitresPerDay;
        var room = Math.Max(0, max - Math.Min(roomBasal, max));
        long bolus = 0, ptm = 0;
        if (_bolus is { } b)
        {
            if (b.ReplacesBasal) { basal = 0; room = max; }
            bolus = Math.Min(b.RatePerDay, room);
            room -= bolus;
        }
        if (_ptmBolus is { } p) ptm = Math.Min(p.RatePerDay, room);
        return (basal, bolus, ptm);
    }

    /// <summary>The flows the prescription calls for now: the program's rate whatever the therapy
    /// state (not held to the flow range: it is the clinician's mcg/day), with the boluses that run.
    /// What `programmed` means in every output; the boluses' progress follows it.</summary>
    private (long Basal, long Bolus, long Ptm) PrescribedParts()
    {
        var rate = _program.Mode is ProgramMode.Continuous or ProgramMode.Flex ? _program.RateAt(Now) : null;
        long basal = rate is { } r ? r.ToFlow(_fwConcentration).PicolitresPerDay
            : _program.Mode == ProgramMode.MinimumRate ? _plan.Profile.MinimumRate.PicolitresPerDay : 0;
        return Parts(basal, rate is { } rr ? RunnableFlow(rr) : basal);
    }

    /// <summary>The flow the firmware commands now: basal by therapy state, boluses on top, capped.</summary>
    private long CommandedRate()
    {
        long basal = _therapy.State switch
        {
            TherapyState.Infusing => _program.RateAt(Now) is { } r ? RunnableFlow(r) : 0,
            TherapyState.MinimumRate or TherapyState.SafeState => _plan.Profile.MinimumRate.PicolitresPerDay,
            _ => 0,
        };
        if (_therapy.State != TherapyState.Infusing) return basal;
        var (b, bolus, ptm) = Parts(basal, basal);
        return b + bolus + ptm;
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
        _mriHold ? "mri-hold" : Now < _mriRecoveryAt ? "mri" : _motorDamaged ? "diathermy" : _stallPermanent ? "permanent" : "injected";

    /// <summary>Timers due now: bolus ends, stall episodes, MRI scan end, patient timers.</summary>
    private void HandleTimers()
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
        if (_bolus is { } b) Consider(b.EndAt(Now));
        if (_ptmBolus is { } p) Consider(p.EndAt(Now));
        if (_stallEpisodes.Count > 0) Consider(_stallEpisodes[0].Start);
        Consider(_stallUntil);
        Consider(_mriScanEnd);
        Consider(_mriRecoveryAt);
        Consider(_alarms.NextDue());
        if (_patient is not null)
        {
            Consider(NextPatientTimer());
            // The patient's input is drug mass per second: it changes when a different parcel
            // reaches the tip, so that instant is a breakpoint (PUMP.md §7).
            if (_cathRate > 0 && _catheter.Fault != CatheterFaultKind.Migration && _catheter.HeadVolumeBeforeChange is { } head)
                ConsiderIn(_cathInt.SecondsUntil(_cathRate, head.Picolitres));
        }
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
