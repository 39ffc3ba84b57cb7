using PumpSim.Core.Events;
using PumpSim.Core.Firmware;
using PumpSim.Core.Patient;
using PumpSim.Core.Plant;
using PumpSim.Core.Therapy;
using PumpSim.Core.Units;

namespace PumpSim.Core.Engine;

/// <summary>Scenario actions: what clinicians, the body and the world do. Each goes to the world it
/// touches; a refill touches both the plant (the needle) and the firmware (the programming).
/// The simulation decides when an action applies; this class only how.</summary>
/// <param name="emit">Stamps an event at the simulation's now and publishes it.</param>
/// <param name="resettle">The simulation's rates and conditions, once (see <see cref="Interrogate"/>).</param>
internal sealed class ActionApplier(SimulationPlan plan, PumpPlant plant, PumpFirmware fw, PatientMonitor? patient,
    Action<PumpEvent> emit, Action resettle)
{
    public void Apply(ScenarioAction action)
    {
        switch (action)
        {
            case NarrationAction n: emit(new Narration(n.Text)); break;
            case CatheterFaultAction c: ApplyCatheter(c); break;
            case RefillAction r: ApplyRefill(r); break;
            case ProgramAction p: fw.ApplyProgram(p.Program, p.ProgrammedConcentration); break;
            case BolusAction b: fw.StartBolus("single", b.DoseMcg, b.Duration); break;
            case PrimingBolusAction: fw.StartPrimingBolus(); break;
            case BridgeBolusAction: fw.StartBridgeBolus(); break;
            case PtmRequestAction: fw.RequestPtm(); break;
            case MriAction m: StartMri(m); break;
            case InterrogateAction: Interrogate(); break;
            case SilenceAction s: fw.Silence(s.Duration); break;
            case AlarmSettingsAction a: fw.ApplySettings(a.LowReservoirAlarm, fw.Ptm); break;
            case PtmSettingsAction p: fw.ApplySettings(fw.LowReservoirAlarm, p.Ptm); break;
            case MotorStallAction m: plant.Stall(m.Duration, m.Permanent, m.Every, m.Count); break;
            case MemoryErrorAction m: fw.MemoryError(m.Critical); break;
            case BatteryResetAction: fw.BatteryReset(); break;
            case ReplacePumpAction r: ReplacePump(r); break;
            case DiathermyAction d: ApplyDiathermy(d); break;
            case PumpFlipAction f: ApplyFlip(f); break;
            case AccuracyAction a:
                plant.SetAccuracy(a.AccuracyPct);
                emit(new AccuracyChanged(a.AccuracyPct));
                break;
            default: throw new NotSupportedException($"no handler for {action.GetType().Name}");
        }
    }

    private void ApplyCatheter(CatheterFaultAction c)
    {
        // A revision is surgery the clinician knows of: the firmware is told the new volume, as entered.
        if (plant.ApplyCatheter(c.Fault, c.Fraction, c.NewVolume) is { } volume) fw.CatheterReplaced(c.ProgrammedVolume ?? volume);
        emit(new CatheterFault(c.Fault, plant.CatheterFraction, plant.CatheterState));
    }

    private void Interrogate()
    {
        fw.ReportInterrogation();
        if (fw.ReleaseMriHold())
        {
            // The session releases the post-MRI hold: the firmware restarts the motor and sees it
            // turn before it reviews its latched alarms, so this one interrogation clears the
            // motor-stall alarm (PUMP.md §5: motor turning and interrogation).
            resettle();
        }
        fw.ReviewAlarms();
    }

    /// <summary>PUMP.md §6: interrogate, withdraw, compare, add, program the volume, optional bridge.</summary>
    private void ApplyRefill(RefillAction r)
    {
        Interrogate();
        var before = fw.Concentration;
        var concentration = r.NewConcentration ?? plant.Drug;
        // The clinician enters the concentration at every refill; by default the right one: the drug
        // really in the reservoir afterwards. A pocket fill leaves the reservoir's drug as it was, so
        // a new concentration injected into the pocket is not what the pump converts with.
        var entered = r.ProgrammedConcentration ?? (r.Into == RefillTarget.Pocket ? plant.Drug : concentration);
        if (r.Into == RefillTarget.Reservoir && plant.Flipped)
        {
            // The port faces the body wall: the needle cannot reach the reservoir. Nothing is
            // withdrawn or added and the firmware is not reprogrammed.
            emit(new RefillRefused("the pump is flipped: the refill port faces inward and the needle cannot reach it",
                r.Add.Ml, plant.Reservoir.Ml));
            return;
        }
        if (r.Into == RefillTarget.Pocket)
        {
            // The needle missed the reservoir: nothing is withdrawn, the drug goes into the pocket.
            var injected = plant.PocketFill(r.Add, concentration);
            fw.Refilled(r.ProgramVolume ?? r.Add, entered);
            emit(new PocketFill(r.Add.Ml, injected.Mass.Mcg, fw.Estimate.Ml, plant.Reservoir.Ml));
            patient?.OnPocketFill(injected.Mass);
            if (entered != plant.Drug)
                emit(new ProgrammedConcentrationMismatch(plant.Drug.McgPerMl, entered.McgPerMl));
        }
        else
        {
            var withdrawn = plant.Withdraw(r.Withdraw);
            var difference = withdrawn.Volume - fw.Estimate;
            if (Math.Abs(difference.Picolitres) > plan.RefillDiscrepancyLimit.Picolitres)
                emit(new RefillDiscrepancy(withdrawn.Volume.Ml, fw.Estimate.Ml, difference.Ml, plan.RefillDiscrepancyLimit.Ml));
            var accepted = plant.Accepts(r.Add);
            if (accepted < r.Add)
                emit(new RefillOverfillRefused(r.Add.Ml, accepted.Ml, (r.Add - accepted).Ml));
            plant.Fill(accepted, concentration);
            fw.Refilled(r.ProgramVolume ?? plant.Reservoir, entered);
            emit(new Refill(withdrawn.Volume.Ml, accepted.Ml, plant.Reservoir.Ml, fw.Estimate.Ml, concentration.McgPerMl,
                entered != concentration ? entered.McgPerMl : null));
            if (entered != concentration)
                emit(new ProgrammedConcentrationMismatch(concentration.McgPerMl, entered.McgPerMl));
        }
        fw.RefillDone(before);
        if (r.BridgeBolus) fw.StartBridgeBolus();
    }

    private void StartMri(MriAction m)
    {
        var held = fw.MriStarted();
        plant.StartMri(m.Duration, m.Recovery);
        emit(new MriStarted(m.Duration, m.Recovery, held));
    }

    /// <summary>Diathermy over the implant: the labelling warns it can damage the system. By default
    /// the motor is damaged for good; the firmware then sees a stall it cannot recover from.</summary>
    private void ApplyDiathermy(DiathermyAction d)
    {
        emit(new Diathermy(d.MotorDamage));
        if (d.MotorDamage) plant.DamageMotor();
    }

    /// <summary>The pump turns over in its pocket (delivery goes on), or surgery turns it back.</summary>
    private void ApplyFlip(PumpFlipAction f)
    {
        plant.Flip(!f.Corrected);
        emit(new PumpFlip(plant.Flipped));
    }

    /// <summary>A new pump on the same catheter: new battery and motor, firmware reset, reservoir
    /// filled anew (the old one's contents leave the body), the same program, nominal accuracy.</summary>
    private void ReplacePump(ReplacePumpAction r)
    {
        plant.ReplacePump(r.Reservoir ?? plan.Reservoir);
        fw.Replaced(plant.Reservoir, plant.Drug);
    }
}
