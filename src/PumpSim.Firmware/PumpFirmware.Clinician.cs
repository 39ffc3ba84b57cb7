using PumpSim.Core.Events;
using PumpSim.Core.Therapy;
using PumpSim.Core.Units;

namespace PumpSim.Core.Firmware;

/// <summary>What clinicians and the world do to the firmware: interrogation, refill programming,
/// programs, faults it can detect, a new pump.</summary>
public sealed partial class PumpFirmware
{
    /// <summary>A clinician programmer session: the log shows what the firmware reports.</summary>
    public void ReportInterrogation() =>
        _emit(new Interrogation(_estimate.Ml, Math.Round(BatteryDaysRemaining, 1)));

    /// <summary>The session releases a post-MRI hold; returns true if there was one (the motor is
    /// driven again, so the caller recomputes rates and lets the firmware see it turn).</summary>
    public bool ReleaseMriHold()
    {
        if (!_mriHold) return false;
        _mriHold = false;
        return true;
    }

    /// <summary>The session reviews the alarms: latched ones whose condition is gone clear.</summary>
    public void ReviewAlarms()
    {
        _alarms.ConditionGone(AlarmIds.NonCriticalMemoryError, Now);
        _alarms.Interrogated(Now);
    }

    /// <summary>The refill is programmed: the volume the clinician enters and the concentration.</summary>
    public void Refilled(Volume programmed, Concentration entered)
    {
        CloseProgrammedEpoch();
        _concentration = entered;
        _estimate = Volume.Min(programmed, _s.Profile.Capacity);
    }

    /// <summary>After a refill's programming: the reservoir condition, its alarms, the therapy, and
    /// the program at a changed concentration.</summary>
    public void RefillDone(Concentration before)
    {
        if (before != _concentration) ConcentrationChanged(before);
        _reservoirState.Refilled();
        if (_reservoirState.State != ReservoirCondition.Empty) _alarms.ConditionGone(AlarmIds.EmptyReservoir, Now);
        if (_reservoirState.State == ReservoirCondition.Ok) _alarms.ConditionGone(AlarmIds.LowReservoir, Now);
        _therapy.Refilled();
    }

    /// <summary>The firmware now converts at a new concentration. The standing mcg/day program may
    /// need a flow outside the range: that is rejected with the numbers, and the pump runs the
    /// nearest rate it can; program-changed then says what it really runs (PUMP.md §3).</summary>
    private void ConcentrationChanged(Concentration oldConcentration)
    {
        _previousConcentration = oldConcentration;
        _pumpedSinceChange = Volume.Zero;
        var why = "concentration change";
        try { _s.Profile.Check(_program, _concentration); }
        catch (ProgramRejectedException e)
        {
            var runs = AverageProgramFlow();
            _emit(new ProgramRejected(e.Message, _program.Describe(), _concentration.McgPerMl,
                Math.Round(runs.MlPerDay, 6), Math.Round(runs.MlPerDay * _concentration.McgPerMl, 3)));
            why = "concentration change; the program is out of the flow range, the pump runs the nearest rate it can";
        }
        ProgramChanged(_program, _program, oldConcentration, why);
    }

    public Volume LowReservoirAlarm => _s.LowReservoirAlarm;
    public PtmSettings? Ptm => _s.Ptm;

    /// <summary>New alarm and patient-bolus settings from the programmer. A low-reservoir alarm set
    /// below the estimate clears a sounding one, as a refill does; one set above it is raised at the
    /// next evaluation (the level rule of <see cref="Evaluate"/>). PTM requests already accepted
    /// still count against the new lockout and daily maximum.</summary>
    public void ApplySettings(Volume lowReservoirAlarm, PtmSettings? ptm)
    {
        _s = _s with { LowReservoirAlarm = lowReservoirAlarm, Ptm = ptm };
        if (_reservoirState.State == ReservoirCondition.Low && ConditionByEstimate() == ReservoirCondition.Ok)
        {
            _reservoirState.Refilled();
            _alarms.ConditionGone(AlarmIds.LowReservoir, Now);
        }
        _emit(new SettingsChanged(lowReservoirAlarm.Ml, PtmSettings.Describe(ptm)));
    }

    public void ApplyProgram(TherapyProgram program, Concentration? entered)
    {
        if (_therapy.State == TherapyState.EndOfService)
        {
            _emit(new ProgramRejected("the pump has reached end of service"));
            return;
        }
        var concentration = entered ?? _concentration;
        try { _s.Profile.Check(program, concentration); }
        catch (ProgramRejectedException e)
        {
            // The pump refuses it at the programmer, at the concentration it is told (PUMP.md §3);
            // the program it was running goes on, and the log says what that is.
            var runs = AverageProgramFlow();
            _emit(new ProgramRejected(e.Message, program.Describe(), concentration.McgPerMl,
                Math.Round(runs.MlPerDay, 6), Math.Round(runs.MlPerDay * _concentration.McgPerMl, 3)));
            return;
        }
        var old = _program;
        var oldConcentration = _concentration;
        if (concentration != _concentration)
        {
            // A re-entered concentration corrects what the firmware converts with; the drug itself
            // has not changed, so there is nothing to bridge.
            CloseProgrammedEpoch();
            _concentration = concentration;
        }
        _program = program;
        ProgramChanged(old, program, oldConcentration,
            entered is { } c && c != oldConcentration ? $"reprogrammed; concentration entered as {c.McgPerMl:0.###} mcg/mL" : "reprogrammed");
        // Reprogramming is what clears a safe state (PUMP.md §5).
        _alarms.ClearByProcedure(AlarmIds.CriticalMemoryError, Now, "reprogrammed");
        _alarms.ClearByProcedure(AlarmIds.LowBatteryReset, Now, "reprogrammed");
        _therapy.Programmed();
    }

    private void ProgramChanged(TherapyProgram old, TherapyProgram @new, Concentration oldConcentration, string why)
    {
        var oldDose = ProgramDose(old, oldConcentration);
        var newDose = ProgramDose(@new, _concentration);
        _eriThreshold = EriThreshold();
        _emit(new ProgramChanged(@new.Describe(), Math.Round(oldDose, 3), Math.Round(newDose, 3), why));
    }

    /// <summary>Mean mcg/day a program runs at a concentration (for the program-changed log).</summary>
    private double ProgramDose(TherapyProgram p, Concentration c)
    {
        var saved = (_program, _concentration);
        (_program, _concentration) = (p, c);
        var flow = AverageProgramFlow();
        (_program, _concentration) = saved;
        return flow.MlPerDay * c.McgPerMl;
    }

    /// <summary>A catheter revision: the clinician enters the new catheter's volume.</summary>
    public void CatheterReplaced(Volume volume) => _catheterVolume = volume;

    /// <summary>An MRI scan starts: an alarm sounding then keeps the pump stopped until interrogated (TGA alert).</summary>
    public bool MriStarted() => _mriHold = _alarms.AnySounding;

    public void Silence(SimDuration duration) => _alarms.Silence(Now, duration);

    public void MemoryError(bool critical)
    {
        _emit(new MemoryError(critical));
        if (!critical) { _alarms.Raise(AlarmIds.NonCriticalMemoryError, Now); return; }
        _alarms.Raise(AlarmIds.CriticalMemoryError, Now);
        _therapy.EnterSafeState();
    }

    public void BatteryReset()
    {
        _emit(new BatteryReset());
        _alarms.Raise(AlarmIds.LowBatteryReset, Now);
        _therapy.EnterSafeState();
    }

    /// <summary>A new pump on the same catheter: firmware reset, programmed with the fill it was given,
    /// the drug's concentration and the same program.</summary>
    public void Replaced(Volume reservoir, Concentration concentration)
    {
        CloseProgrammedEpoch();
        _concentration = concentration;
        _estimate = reservoir;
        _eriThreshold = EriThreshold();
        _mriHold = false;
        _bolus = null; _ptmBolus = null;
        // The new firmware knows of no concentration change: nothing to bridge.
        _previousConcentration = null; _pumpedSinceChange = Volume.Zero;
        _emit(new PumpReplaced(reservoir.Ml));
        _alarms.ResetAll(Now);
        _battery.PumpReplaced();
        _motor.PumpReplaced();
        _reservoirState.Refilled();
        _therapy.PumpReplaced();
    }
}
