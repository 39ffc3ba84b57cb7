using PumpSim.Core.Events;
using PumpSim.Core.Firmware;
using PumpSim.Core.Plant;
using PumpSim.Core.Therapy;
using PumpSim.Core.Units;

namespace PumpSim.Core.Engine;

/// <summary>Scenario actions: what clinicians, the body and the world do to the pump.</summary>
public sealed partial class Simulation
{
    private void Apply(ScenarioAction action)
    {
        switch (action)
        {
            case NarrationAction n: Emit(EventTypes.Narration, new EventField("text", n.Text)); break;
            case CatheterFaultAction c: ApplyCatheter(c); break;
            case RefillAction r: ApplyRefill(r); break;
            case ProgramAction p: ApplyProgram(p.Program, p.ProgrammedConcentration); break;
            case BolusAction b: StartBolus("single", b.DoseMcg, b.Duration); break;
            case PrimingBolusAction: StartPrimingBolus(); break;
            case BridgeBolusAction: StartBridgeBolus(); break;
            case PtmRequestAction: RequestPtm(); break;
            case MriAction m: StartMri(m); break;
            case InterrogateAction: Interrogate(); break;
            case SilenceAction s: _alarms.Silence(Now, s.Duration); break;
            case MotorStallAction m: ApplyStall(m); break;
            case MemoryErrorAction m: ApplyMemoryError(m.Critical); break;
            case BatteryResetAction: ApplyBatteryReset(); break;
            case ReplacePumpAction r: ReplacePump(r); break;
            case DiathermyAction d: ApplyDiathermy(d); break;
            case PumpFlipAction f: ApplyFlip(f); break;
            case AccuracyAction a:
                _accuracyPct = a.AccuracyPct;
                Emit(EventTypes.AccuracyChanged, new EventField("accuracy_pct", a.AccuracyPct));
                break;
            default: throw new NotSupportedException($"no handler for {action.GetType().Name}");
        }
    }

    private void ApplyCatheter(CatheterFaultAction c)
    {
        var fraction = c.Fraction ?? c.Fault switch
        {
            CatheterFaultKind.Leak => 0.5,
            _ => 1.0,
        };
        if (c.Fault == CatheterFaultKind.Revision)
        {
            // A new catheter, full of saline: the old one and what it held leave the body.
            var volume = c.NewVolume ?? _catheter.DeadVolume;
            _ledger.Withdrawn.Add(_catheter.Reset(volume, Concentration.Zero));
            _ledger.PutIn.Add(_catheter.Contents);
            _fwCatheterVolume = volume;
        }
        else _catheter.SetFault(c.Fault, fraction);
        Emit(EventTypes.CatheterFault, new("fault", c.Fault.ToString().ToLowerInvariant()), new("fraction", _catheter.Fraction),
            new("catheter", _catheter.State));
    }

    private void Interrogate()
    {
        Emit(EventTypes.Interrogation, new("estimated_ml", _estimate.Ml), new("battery_days_remaining", Math.Round(BatteryDaysRemaining, 1)));
        if (_mriHold)
        {
            // The session releases the post-MRI hold: the firmware restarts the motor and sees it
            // turn before it reviews its latched alarms, so this one interrogation clears the
            // motor-stall alarm (PUMP.md §5: motor turning and interrogation).
            _mriHold = false;
            RecomputeRates();
            EvaluateConditions();
        }
        _alarms.ConditionGone(AlarmIds.NonCriticalMemoryError, Now);
        _alarms.Interrogated(Now);
    }

    /// <summary>PUMP.md §6: interrogate, withdraw, compare, add, program the volume, optional bridge.</summary>
    private void ApplyRefill(RefillAction r)
    {
        Interrogate();
        var oldConcentration = _fwConcentration;
        var concentration = r.NewConcentration ?? _drugConcentration;
        // The clinician enters the concentration at every refill; by default the right one.
        var entered = r.ProgrammedConcentration ?? concentration;
        if (r.Into == RefillTarget.Reservoir && _flipped)
        {
            // The port faces the body wall: the needle cannot reach the reservoir. Nothing is
            // withdrawn or added and the firmware is not reprogrammed.
            Emit(EventTypes.RefillRefused, new("reason", "the pump is flipped: the refill port faces inward and the needle cannot reach it"),
                new("requested_ml", r.Add.Ml), new("reservoir_true_ml", _reservoir.Volume.Ml));
            return;
        }
        if (r.Into == RefillTarget.Pocket)
        {
            // The needle missed the reservoir: nothing is withdrawn, the drug goes into the pocket.
            var injected = Parcel.Of(r.Add, concentration);
            _ledger.PutIn.Add(injected);
            _ledger.ToPocket.Add(injected);
            _drugConcentration = concentration;
            CloseProgrammedEpoch();
            _fwConcentration = entered;
            _estimate = Volume.Min(r.ProgramVolume ?? r.Add, _plan.Profile.Capacity);
            Emit(EventTypes.PocketFill, new("injected_ml", r.Add.Ml), new("injected_mcg", injected.Mass.Mcg),
                new("programmed_ml", _estimate.Ml), new("reservoir_true_ml", _reservoir.Volume.Ml));
            if (_patient is not null) OnPocketFill(injected.Mass);
        }
        else
        {
            var withdrawn = _reservoir.Take(r.Withdraw is { } w ? Volume.Min(w, _reservoir.Volume) : _reservoir.Volume);
            _ledger.Withdrawn.Add(withdrawn);
            var difference = withdrawn.Volume - _estimate;
            if (Math.Abs(difference.Picolitres) > _plan.RefillDiscrepancyLimit.Picolitres)
                Emit(EventTypes.RefillDiscrepancy, new("withdrawn_ml", withdrawn.Volume.Ml), new("expected_ml", _estimate.Ml),
                    new("difference_ml", difference.Ml), new("limit_ml", _plan.RefillDiscrepancyLimit.Ml));
            var free = _plan.Profile.Capacity - _reservoir.Volume;
            var accepted = Volume.Min(r.Add, free);
            if (accepted < r.Add)
                Emit(EventTypes.RefillOverfillRefused, new("requested_ml", r.Add.Ml), new("accepted_ml", accepted.Ml),
                    new("refused_ml", (r.Add - accepted).Ml));
            var added = Parcel.Of(accepted, concentration);
            _ledger.PutIn.Add(added);
            _reservoir.Add(added);
            _drugConcentration = concentration;
            CloseProgrammedEpoch();
            _fwConcentration = entered;
            _estimate = Volume.Min(r.ProgramVolume ?? _reservoir.Volume, _plan.Profile.Capacity);
            Emit(EventTypes.Refill, new("withdrawn_ml", withdrawn.Volume.Ml), new("added_ml", accepted.Ml),
                new("reservoir_true_ml", _reservoir.Volume.Ml), new("programmed_ml", _estimate.Ml),
                new("concentration_mcg_per_ml", concentration.McgPerMl));
            if (entered != concentration)
                Emit(EventTypes.ProgrammedConcentrationMismatch, new("concentration_mcg_per_ml", concentration.McgPerMl),
                    new("programmed_concentration_mcg_per_ml", entered.McgPerMl), new("note", "the body's truth; the firmware does not know"));
        }
        if (oldConcentration != _fwConcentration) ConcentrationChanged(oldConcentration);
        _reservoirState.Refilled();
        if (_reservoirState.State != ReservoirCondition.Empty) _alarms.ConditionGone(AlarmIds.EmptyReservoir, Now);
        if (_reservoirState.State == ReservoirCondition.Ok) _alarms.ConditionGone(AlarmIds.LowReservoir, Now);
        _therapy.Refilled();
        if (r.BridgeBolus) StartBridgeBolus();
    }

    private void ApplyProgram(TherapyProgram program, Concentration? entered)
    {
        if (_therapy.State == TherapyState.EndOfService)
        {
            Emit(EventTypes.ProgramRejected, new EventField("reason", "the pump has reached end of service"));
            return;
        }
        var concentration = entered ?? _fwConcentration;
        try { _plan.Profile.Check(program, concentration); }
        catch (ProgramRejectedException e)
        {
            Emit(EventTypes.ProgramRejected, new EventField("reason", e.Message));
            return;
        }
        var old = _program;
        var oldConcentration = _fwConcentration;
        if (concentration != _fwConcentration)
        {
            // A re-entered concentration corrects what the firmware converts with; the drug itself
            // has not changed, so there is nothing to bridge.
            CloseProgrammedEpoch();
            _fwConcentration = concentration;
        }
        _program = program;
        ProgramChanged(old, program, oldConcentration,
            entered is { } c && c != oldConcentration ? $"reprogrammed; concentration entered as {c.McgPerMl:0.###} mcg/mL" : "reprogrammed");
        // Reprogramming is what clears a safe state (PUMP.md §5).
        _alarms.ClearByProcedure(AlarmIds.CriticalMemoryError, Now, "reprogrammed");
        _alarms.ClearByProcedure(AlarmIds.LowBatteryReset, Now, "reprogrammed");
        _therapy.Programmed();
    }

    /// <summary>The firmware now converts at a new concentration. The standing mcg/day program may
    /// need a flow outside the range: that is rejected with the numbers, and the pump runs the
    /// nearest rate it can; program-changed then says what it really runs (PUMP.md §3).</summary>
    private void ConcentrationChanged(Concentration oldConcentration)
    {
        _previousConcentration = oldConcentration;
        _fwPumpedSinceChange = Volume.Zero;
        var why = "concentration change";
        try { _plan.Profile.Check(_program, _fwConcentration); }
        catch (ProgramRejectedException e)
        {
            var runs = AverageProgramFlow();
            Emit(EventTypes.ProgramRejected, new("reason", e.Message), new("program", _program.Describe()),
                new("concentration_mcg_per_ml", _fwConcentration.McgPerMl),
                new("runs_ml_per_day", Math.Round(runs / 1e9, 6)), new("runs_mcg_per_day", Math.Round(runs / 1e9 * _fwConcentration.McgPerMl, 3)));
            why = "concentration change; the program is out of the flow range, the pump runs the nearest rate it can";
        }
        ProgramChanged(_program, _program, oldConcentration, why);
    }

    private void ProgramChanged(TherapyProgram old, TherapyProgram @new, Concentration oldConcentration, string why)
    {
        var oldDose = ProgramDose(old, oldConcentration);
        var newDose = ProgramDose(@new, _fwConcentration);
        _eriThreshold = EriThreshold();
        Emit(EventTypes.ProgramChanged, new("program", @new.Describe()), new("old_mcg_per_day", Math.Round(oldDose, 3)),
            new("new_mcg_per_day", Math.Round(newDose, 3)), new("reason", why));
    }

    /// <summary>Mean mcg/day a program runs at a concentration (for the program-changed log).</summary>
    private double ProgramDose(TherapyProgram p, Concentration c)
    {
        var saved = (_program, _fwConcentration);
        (_program, _fwConcentration) = (p, c);
        var flow = AverageProgramFlow();
        (_program, _fwConcentration) = saved;
        return flow / 1e9 * c.McgPerMl;
    }

    private bool CanBolus(string kind)
    {
        string? reason = _therapy.State != TherapyState.Infusing ? $"therapy is {TherapyMachine.Name(_therapy.State)}"
            : _bolus is not null ? $"a {_bolus.Kind} bolus is already running" : null;
        if (reason is null) return true;
        Emit(EventTypes.BolusDenied, new("kind", kind), new("reason", reason));
        return false;
    }

    private void StartBolus(string kind, double doseMcg, SimDuration duration)
    {
        if (!CanBolus(kind)) return;
        var volume = Volume.FromMl(doseMcg / _fwConcentration.McgPerMl);
        _bolus = StartFlowBolus(kind, volume, duration, replacesBasal: false, doseMcg);
    }

    private ActiveBolus StartFlowBolus(string kind, Volume volume, SimDuration duration, bool replacesBasal, double doseMcg)
    {
        var rate = (long)Math.Round(volume.Picolitres * (double)SimDuration.SecondsPerDay / duration.Seconds);
        var bolus = new ActiveBolus(kind, rate, duration.Seconds, replacesBasal, doseMcg, volume, Now);
        Emit(EventTypes.BolusStarted, new("kind", kind), new("dose_mcg", Math.Round(doseMcg, 3)), new("volume_ml", volume.Ml),
            new("duration", duration.ToString()), new("capped", rate > _plan.Profile.MaxFlow.PicolitresPerDay));
        return bolus;
    }

    /// <summary>A bolus ends when its volume is given; a capped one says how long it really took.</summary>
    private void FinishBolus(ActiveBolus b) =>
        Emit(EventTypes.BolusFinished, new("kind", b.Kind), new("dose_mcg", Math.Round(b.DoseMcg, 3)), new("volume_ml", b.Volume.Ml),
            new("duration", (Now - b.Started).ToString()), new("capped", b.Capped));

    /// <summary>Pushes the catheter's dead volume at the pump's highest rate (after implant or revision).</summary>
    private void StartPrimingBolus()
    {
        if (!CanBolus("priming")) return;
        var rate = _plan.Profile.MaxFlow.PicolitresPerDay;
        var seconds = Math.Max(1, (_fwCatheterVolume.Picolitres * SimDuration.SecondsPerDay + rate - 1) / rate);
        _bolus = StartFlowBolus("priming", _fwCatheterVolume, SimDuration.FromSeconds(seconds), replacesBasal: true,
            _fwCatheterVolume.Ml * _fwConcentration.McgPerMl);
    }

    /// <summary>After a concentration change: runs the old-concentration fluid still in the tubing and
    /// catheter out at the rate that keeps the dose right, then the new program rate takes over. The
    /// firmware knows how much is left: its catheter volume minus what it pumped since the change.</summary>
    private void StartBridgeBolus()
    {
        if (_previousConcentration is not { } old || old == _fwConcentration)
        {
            Emit(EventTypes.BolusDenied, new("kind", "bridge"), new("reason", "no concentration change to bridge"));
            return;
        }
        var left = _fwCatheterVolume - Volume.Min(_fwPumpedSinceChange, _fwCatheterVolume);
        if (left.IsZero)
        {
            Emit(EventTypes.BolusDenied, new("kind", "bridge"),
                new("reason", $"nothing to bridge: {_fwPumpedSinceChange.Ml:0.######} mL pumped since the concentration change already flushed the {_fwCatheterVolume.Ml:0.######} mL catheter"));
            return;
        }
        if (!CanBolus("bridge")) return;
        var dose = _program.RateAt(Now)?.ToDose(_fwConcentration) ?? DoseRate.Zero;
        if (dose.NanogramsPerDay == 0) { Emit(EventTypes.BolusDenied, new("kind", "bridge"), new("reason", "no basal dose to bridge")); return; }
        var rate = FlowRate.From(dose, old).PicolitresPerDay;
        var seconds = Math.Max(1, (left.Picolitres * SimDuration.SecondsPerDay + rate - 1) / rate);
        CloseBridgePricing();
        _bridgePrice = old;
        _bolus = StartFlowBolus("bridge", left, SimDuration.FromSeconds(seconds), replacesBasal: true, left.Ml * old.McgPerMl);
    }

    private void RequestPtm()
    {
        var settings = _plan.Ptm;
        _ptmAccepted.RemoveAll(t => t <= Now - SimDuration.FromDays(1));
        string? reason = settings is null ? "no PTM is configured"
            : _therapy.State != TherapyState.Infusing ? $"therapy is {TherapyMachine.Name(_therapy.State)}"
            : _ptmBolus is not null ? "a PTM bolus is running"
            : _ptmAccepted.Count > 0 && Now - _ptmAccepted[^1] < settings.Lockout ? "lockout"
            : _ptmAccepted.Count >= settings.MaxPerDay ? "daily maximum reached" : null;
        if (reason is not null)
        {
            Emit(EventTypes.PtmRequestDenied, new("reason", reason), new("accepted_last_24h", (long)_ptmAccepted.Count));
            return;
        }
        _ptmAccepted.Add(Now);
        var volume = Volume.FromMl(settings!.DoseMcg / _fwConcentration.McgPerMl);
        var rate = (long)Math.Round(volume.Picolitres * (double)SimDuration.SecondsPerDay / settings.Duration.Seconds);
        _ptmBolus = new ActiveBolus("ptm", rate, settings.Duration.Seconds, replacesBasal: false, settings.DoseMcg, volume, Now);
        Emit(EventTypes.PtmRequestAccepted, new("dose_mcg", settings.DoseMcg), new("duration", settings.Duration.ToString()),
            new("accepted_last_24h", (long)_ptmAccepted.Count));
    }

    private void StartMri(MriAction m)
    {
        // An alarm sounding when the scan starts keeps the pump stopped until interrogated (TGA alert).
        _mriHold = _alarms.AnySounding;
        _mriScanEnd = Now + m.Duration;
        _mriRecoveryAt = _mriScanEnd + m.Recovery;
        Emit(EventTypes.MriStarted, new("duration", m.Duration.ToString()), new("recovery", m.Recovery.ToString()),
            new("alarm_sounding", _mriHold));
    }

    private void ApplyStall(MotorStallAction m)
    {
        if (m.Permanent) { _stallPermanent = true; return; }
        var every = m.Every ?? m.Duration;
        for (var i = 0; i < Math.Max(1, m.Count); i++)
        {
            var start = Now + every * i;
            _stallEpisodes.Add((start, start + m.Duration));
        }
        _stallEpisodes.Sort((a, b) => a.Start.CompareTo(b.Start));
        HandleTimers();
    }

    /// <summary>Diathermy over the implant: the labelling warns it can damage the system. By default
    /// the motor is damaged for good; the firmware then sees a stall it cannot recover from.</summary>
    private void ApplyDiathermy(DiathermyAction d)
    {
        Emit(EventTypes.Diathermy, new("motor_damage", d.MotorDamage),
            new("note", d.MotorDamage ? "the motor is damaged and will not turn again" : "no damage this time"));
        if (d.MotorDamage) _motorDamaged = true;
    }

    /// <summary>The pump turns over in its pocket (delivery goes on), or surgery turns it back.</summary>
    private void ApplyFlip(PumpFlipAction f)
    {
        _flipped = !f.Corrected;
        Emit(EventTypes.PumpFlip, new("flipped", _flipped),
            new("note", _flipped ? "the refill port faces inward: a refill needle cannot reach it" : "surgery turned the pump back"));
    }

    private void ApplyMemoryError(bool critical)
    {
        Emit(EventTypes.MemoryError, new EventField("critical", critical));
        if (!critical) { _alarms.Raise(AlarmIds.NonCriticalMemoryError, Now); return; }
        _alarms.Raise(AlarmIds.CriticalMemoryError, Now);
        _therapy.EnterSafeState();
    }

    private void ApplyBatteryReset()
    {
        Emit(EventTypes.BatteryReset, new EventField("note", "low-battery reset: safe state at the minimum rate until reprogrammed"));
        _alarms.Raise(AlarmIds.LowBatteryReset, Now);
        _therapy.EnterSafeState();
    }

    /// <summary>A new pump on the same catheter: new battery and motor, firmware reset, reservoir
    /// filled anew (the old one's contents leave the body), the same program, nominal accuracy.</summary>
    private void ReplacePump(ReplacePumpAction r)
    {
        _ledger.Withdrawn.Add(_reservoir.Take(_reservoir.Volume));
        var fill = Parcel.Of(Volume.Min(r.Reservoir ?? _plan.Reservoir, _plan.Profile.Capacity), _drugConcentration);
        _ledger.PutIn.Add(fill);
        _reservoir.Add(fill);
        CloseProgrammedEpoch();
        _fwConcentration = _drugConcentration;
        _estimate = _reservoir.Volume;
        _charge = BatteryModel.FullCharge;
        _eriThreshold = EriThreshold();
        _stallPermanent = false; _motorDamaged = false; _flipped = false; _stallEpisodes.Clear(); _stallUntil = Now; _mriHold = false; _mriRecoveryAt = Now;
        _accuracyPct = 0;
        _bolus = null; _ptmBolus = null;
        // The new firmware knows of no concentration change: nothing to bridge.
        _previousConcentration = null; _fwPumpedSinceChange = Volume.Zero;
        Emit(EventTypes.PumpReplaced, new EventField("reservoir_ml", _reservoir.Volume.Ml));
        _alarms.ResetAll(Now);
        _battery.PumpReplaced();
        _motor.PumpReplaced();
        _reservoirState.Refilled();
        _therapy.PumpReplaced();
    }
}
