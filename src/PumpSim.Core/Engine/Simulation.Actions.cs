using PumpSim.Core.Events;
using PumpSim.Core.Therapy;
using PumpSim.Core.Units;

namespace PumpSim.Core.Engine;

/// <summary>Scenario actions: what clinicians, the body and the world do. Each goes to the world it
/// touches; a refill touches both the plant (the needle) and the firmware (the programming).</summary>
public sealed partial class Simulation
{
    private void Apply(ScenarioAction action)
    {
        switch (action)
        {
            case NarrationAction n: Emit(new Narration(n.Text)); break;
            case CatheterFaultAction c: ApplyCatheter(c); break;
            case RefillAction r: ApplyRefill(r); break;
            case ProgramAction p: _fw.ApplyProgram(p.Program, p.ProgrammedConcentration); break;
            case BolusAction b: _fw.StartBolus("single", b.DoseMcg, b.Duration); break;
            case PrimingBolusAction: _fw.StartPrimingBolus(); break;
            case BridgeBolusAction: _fw.StartBridgeBolus(); break;
            case PtmRequestAction: _fw.RequestPtm(); break;
            case MriAction m: StartMri(m); break;
            case InterrogateAction: Interrogate(); break;
            case SilenceAction s: _fw.Silence(s.Duration); break;
            case MotorStallAction m: _plant.Stall(m.Duration, m.Permanent, m.Every, m.Count); break;
            case MemoryErrorAction m: _fw.MemoryError(m.Critical); break;
            case BatteryResetAction: _fw.BatteryReset(); break;
            case ReplacePumpAction r: ReplacePump(r); break;
            case DiathermyAction d: ApplyDiathermy(d); break;
            case PumpFlipAction f: ApplyFlip(f); break;
            case AccuracyAction a:
                _plant.SetAccuracy(a.AccuracyPct);
                Emit(new AccuracyChanged(a.AccuracyPct));
                break;
            default: throw new NotSupportedException($"no handler for {action.GetType().Name}");
        }
    }

    private void ApplyCatheter(CatheterFaultAction c)
    {
        // A revision is surgery the clinician knows of: the firmware is told the new volume.
        if (_plant.ApplyCatheter(c.Fault, c.Fraction, c.NewVolume) is { } volume) _fw.CatheterReplaced(volume);
        Emit(new CatheterFault(c.Fault, _plant.CatheterFraction, _plant.CatheterState));
    }

    private void Interrogate()
    {
        _fw.ReportInterrogation();
        if (_fw.ReleaseMriHold())
        {
            // The session releases the post-MRI hold: the firmware restarts the motor and sees it
            // turn before it reviews its latched alarms, so this one interrogation clears the
            // motor-stall alarm (PUMP.md §5: motor turning and interrogation).
            RecomputeRates();
            EvaluateConditions();
        }
        _fw.ReviewAlarms();
    }

    /// <summary>PUMP.md §6: interrogate, withdraw, compare, add, program the volume, optional bridge.</summary>
    private void ApplyRefill(RefillAction r)
    {
        Interrogate();
        var before = _fw.Concentration;
        var concentration = r.NewConcentration ?? _plant.Drug;
        // The clinician enters the concentration at every refill; by default the right one.
        var entered = r.ProgrammedConcentration ?? concentration;
        if (r.Into == RefillTarget.Reservoir && _plant.Flipped)
        {
            // The port faces the body wall: the needle cannot reach the reservoir. Nothing is
            // withdrawn or added and the firmware is not reprogrammed.
            Emit(new RefillRefused("the pump is flipped: the refill port faces inward and the needle cannot reach it",
                r.Add.Ml, _plant.Reservoir.Ml));
            return;
        }
        if (r.Into == RefillTarget.Pocket)
        {
            // The needle missed the reservoir: nothing is withdrawn, the drug goes into the pocket.
            var injected = _plant.PocketFill(r.Add, concentration);
            _fw.Refilled(r.ProgramVolume ?? r.Add, entered);
            Emit(new PocketFill(r.Add.Ml, injected.Mass.Mcg, _fw.Estimate.Ml, _plant.Reservoir.Ml));
            _patient?.OnPocketFill(injected.Mass);
        }
        else
        {
            var withdrawn = _plant.Withdraw(r.Withdraw);
            var difference = withdrawn.Volume - _fw.Estimate;
            if (Math.Abs(difference.Picolitres) > _plan.RefillDiscrepancyLimit.Picolitres)
                Emit(new RefillDiscrepancy(withdrawn.Volume.Ml, _fw.Estimate.Ml, difference.Ml, _plan.RefillDiscrepancyLimit.Ml));
            var accepted = _plant.Accepts(r.Add);
            if (accepted < r.Add)
                Emit(new RefillOverfillRefused(r.Add.Ml, accepted.Ml, (r.Add - accepted).Ml));
            _plant.Fill(accepted, concentration);
            _fw.Refilled(r.ProgramVolume ?? _plant.Reservoir, entered);
            Emit(new Refill(withdrawn.Volume.Ml, accepted.Ml, _plant.Reservoir.Ml, _fw.Estimate.Ml, concentration.McgPerMl));
            if (entered != concentration)
                Emit(new ProgrammedConcentrationMismatch(concentration.McgPerMl, entered.McgPerMl));
        }
        _fw.RefillDone(before);
        if (r.BridgeBolus) _fw.StartBridgeBolus();
    }

    private void StartMri(MriAction m)
    {
        var held = _fw.MriStarted();
        _plant.StartMri(m.Duration, m.Recovery);
        Emit(new MriStarted(m.Duration, m.Recovery, held));
    }

    /// <summary>Diathermy over the implant: the labelling warns it can damage the system. By default
    /// the motor is damaged for good; the firmware then sees a stall it cannot recover from.</summary>
    private void ApplyDiathermy(DiathermyAction d)
    {
        Emit(new Diathermy(d.MotorDamage));
        if (d.MotorDamage) _plant.DamageMotor();
    }

    /// <summary>The pump turns over in its pocket (delivery goes on), or surgery turns it back.</summary>
    private void ApplyFlip(PumpFlipAction f)
    {
        _plant.Flip(!f.Corrected);
        Emit(new PumpFlip(_plant.Flipped));
    }

    /// <summary>A new pump on the same catheter: new battery and motor, firmware reset, reservoir
    /// filled anew (the old one's contents leave the body), the same program, nominal accuracy.</summary>
    private void ReplacePump(ReplacePumpAction r)
    {
        _plant.ReplacePump(r.Reservoir ?? _plan.Reservoir);
        _fw.Replaced(_plant.Reservoir, _plant.Drug);
    }
}
