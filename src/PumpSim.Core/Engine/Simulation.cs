using System.Reactive.Concurrency;
using System.Reactive.Linq;
using PumpSim.Core.Events;
using PumpSim.Core.Firmware;
using PumpSim.Core.Patient;
using PumpSim.Core.Plant;
using PumpSim.Core.Units;

namespace PumpSim.Core.Engine;

/// <summary>One simulation: one virtual clock (an Rx <see cref="HistoricalScheduler"/> started at the
/// scenario start), the firmware, the plant and the optional patient. The clock jumps between
/// breakpoints (schedule boundary, action, timer, sample, threshold crossing), so totals and event
/// instants do not depend on <see cref="SimulationPlan.Step"/>, which only paces `play`.
/// Advancing with nothing new is a few integer operations: no allocation, no Fire, no OnNext.</summary>
public sealed partial class Simulation : IDisposable
{
    private readonly SimulationPlan _plan;
    private readonly SimInstant[] _probes;
    private TimedAction[] _actions; // not readonly: Inject (Simulation.Injection.cs) adds live actions
    private bool _started, _finished;
    private SimInstant _nextBreak;
    private int _nextAction, _nextProbe;
    private SimInstant _nextSample;

    /// <param name="retainHistory">Keep every event and sample for <see cref="Result"/> (the default).
    /// Sweeps pass false: subscribers still see everything, and a year-long run holds a few
    /// kilobytes instead of megabytes.</param>
    public Simulation(SimulationPlan plan, bool retainHistory = true)
    {
        plan.Validate();
        plan.Patient?.Validate();
        _plan = plan;
        Now = plan.Start;
        _probes = [.. SimulationPlan.SortedDistinct(plan.Probes, plan.Start, plan.End)];
        _nextSample = plan.Start;
        // Same-instant actions apply in file order whatever order the plan lists them in.
        _actions = SortedActions(plan.Actions);
        _plant = new PumpPlant(() => Now, plan.Profile.Capacity, plan.Reservoir, plan.Concentration, plan.CatheterVolume,
            plan.CatheterContents, plan.AccuracyPct, plan.Profile.Battery);
        // The firmware is told what the clinician entered: the concentration and the dead volume.
        _fw = new PumpFirmware(new FirmwareSettings(plan.Profile, plan.LowReservoirAlarm, plan.NonCriticalToneRepeat, plan.CriticalToneRepeat,
            plan.Program, plan.ProgrammedConcentration ?? plan.Concentration, plan.Reservoir, plan.ProgrammedCatheterVolume ?? plan.CatheterVolume, plan.Ptm),
            _plant, () => Now, Emit);
        _plant.SetCharge(_fw.InitialCharge(plan.BatteryLifeRemainingDays));
        if (plan.Patient is { } p) _patient = new PatientMonitor(plan, p, () => Now, EmitAt);
        _recorder = new Recorder(plan, _plant, _fw, _patient, () => Now, retainHistory);
        // After an interrogation releases the MRI hold the firmware sees the motor turn before it
        // reviews its alarms: rates and conditions once, not a full settle (ActionApplier.Interrogate).
        _applier = new ActionApplier(plan, _plant, _fw, _patient, Emit, () => { RecomputeRates(); EvaluateConditions(); });
    }

    // Both sorted by hand, not with LINQ: LINQ keyed by a PumpSim struct is generic code the JIT
    // compiles in every process, and a one-day `run` is mostly start-up (docs/startup.md).
    /// <summary>By instant, then file order, then place in the plan (a stable sort).</summary>
    private static TimedAction[] SortedActions(IReadOnlyList<TimedAction> all)
    {
        var order = new int[all.Count];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        Array.Sort(order, (x, y) =>
        {
            var c = all[x].At.CompareTo(all[y].At);
            if (c == 0) c = all[x].Order.CompareTo(all[y].Order);
            return c != 0 ? c : x.CompareTo(y);
        });
        var sorted = new TimedAction[order.Length];
        for (var i = 0; i < order.Length; i++) sorted[i] = all[order[i]];
        return sorted;
    }

    // The three worlds: the firmware never holds a reference to the plant's types, only to the
    // sensors it reads; the patient sees only the drug that reaches the CSF.
    private readonly PumpPlant _plant;
    private readonly PumpFirmware _fw;
    private readonly PatientMonitor? _patient;
    private readonly ActionApplier _applier;
    private readonly Recorder _recorder;

    public SimulationPlan Plan => _plan;
    public SimInstant Now { get; private set; }
    public bool IsFinished => _finished;
    /// <summary>The simulation's virtual clock, for time-based Rx operators of subscribers.</summary>
    public IScheduler Scheduler => _recorder.Scheduler;
    public IObservable<PumpEvent> Events => _recorder.Events.AsObservable();
    public IObservable<TelemetrySample> Telemetry => _recorder.Telemetry.AsObservable();
    public IReadOnlyList<PumpEvent> EventLog => _recorder.EventLog;

    /// <summary>Runs to the end of the scenario and returns the result.</summary>
    public SimulationResult Run()
    {
        AdvanceTo(_plan.End);
        return Result();
    }

    public static SimulationResult Run(SimulationPlan plan)
    {
        using var sim = new Simulation(plan);
        return sim.Run();
    }

    /// <summary>Advances the clock to <paramref name="target"/> (at most the end). `play` calls this
    /// paced against real time; `run` calls it once. The same code, the same events.</summary>
    public void AdvanceTo(SimInstant target)
    {
        if (!_started) Begin();
        if (target > _plan.End) target = _plan.End;
        // The clock jumps from breakpoint to breakpoint: between two of them every rate is constant
        // and every world advances in closed form, so nothing is computed for an instant at which
        // nothing can change. The step does not enter here at all (it only paces `play`), which is
        // why every output is the same at any step and a year costs the same at 1 s as at 1 h.
        while (Now < target)
        {
            var segEnd = SimInstant.Min(target, _nextBreak);
            Integrate(segEnd.UnixSeconds - Now.UnixSeconds);
            Now = segEnd;
            if (Now >= _nextBreak)
            {
                _patient?.Flush();
                OnBreakpoint();
            }
        }
        if (Now >= _plan.End && !_finished) Finish();
    }

    private void Begin()
    {
        _started = true;
        Emit(new SimulationStarted(_plan.Id, (long)_plan.Seed, _plan.Profile.Model, _fw.Program.Describe(), _plant.Reservoir.Ml));
        // A wrong entry made before the run (PUMP.md §3) is logged from its first instant, as one
        // made at a refill is.
        if (_fw.Concentration != _plant.Drug)
            Emit(new ProgrammedConcentrationMismatch(_plant.Drug.McgPerMl, _fw.Concentration.McgPerMl));
        _patient?.AnnounceInitialFlags();
        OnBreakpoint();
    }

    private void Finish()
    {
        _finished = true;
        if (_recorder.LastSampleAt != Now) _recorder.Publish(Sample());
        Emit(new SimulationEnded(_plant.Reservoir.Ml, _fw.Estimate.Ml));
        _recorder.Complete();
    }

    /// <summary>Everything due at <see cref="Now"/>, in a fixed order: timers, actions in file order,
    /// tones, samples; then the rates and the next breakpoint.</summary>
    private void OnBreakpoint()
    {
        HandleTimers();
        Settle();
        while (_nextAction < _actions.Length && _actions[_nextAction].At <= Now)
        {
            _applier.Apply(_actions[_nextAction].Action);
            _nextAction++;
            Settle();
        }
        _fw.Alarms.OnTime(Now);
        if (Now >= _nextSample)
        {
            _recorder.Publish(Sample());
            _nextSample = Now + _plan.Sample;
        }
        while (_nextProbe < _probes.Length && _probes[_nextProbe] <= Now)
        {
            _recorder.KeepSnapshot(_probes[_nextProbe]);
            _nextProbe++;
        }
        _nextBreak = NextBreak();
    }

    /// <summary>Rates from the firmware's command, then the firmware's view of what changed, until stable.</summary>
    private void Settle()
    {
        // A fired trigger can change what the firmware commands, and that can fire another
        // (empty → minimum rate → stall seen): recompute until nothing changes (bounded).
        RecomputeRates();
        for (var i = 0; i < 4 && EvaluateConditions(); i++) RecomputeRates();
    }

    private void RecomputeRates()
    {
        _fw.Recompute();
        _plant.Recompute(_fw.MotorFlow, _fw.EndOfService);
    }

    private bool EvaluateConditions()
    {
        var changed = _fw.Evaluate();
        if (_plant.TrueEmptyNews(driven: _fw.CommandsFlow))
            Emit(new ReservoirEmptyTrue(_fw.Estimate.Ml));
        return changed;
    }

    /// <summary>Advances the worlds over <paramref name="seconds"/> of constant rates, in closed form.</summary>
    private void Integrate(long seconds)
    {
        if (seconds <= 0) return;
        _fw.Advance(seconds);
        var csf = _plant.Advance(seconds);
        _patient?.Advance(seconds, csf);
    }

    /// <summary>Timers due now, each owned by its world: boluses, stall episodes, the scan's end, the patient's.</summary>
    private void HandleTimers()
    {
        _fw.HandleTimers();
        _plant.HandleStallEpisodes();
        if (_plant.ScanEnds())
            Emit(new MriEnded(_plant.MriRecoveryAt, _fw.MriHold));
        _patient?.HandleTimers();
    }

    /// <summary>The agenda: the earliest instant any world or the plan needs attention.</summary>
    private SimInstant NextBreak()
    {
        var next = _plan.End;
        void Consider(SimInstant t) { if (t > Now && t < next) next = t; }
        if (_nextAction < _actions.Length) Consider(_actions[_nextAction].At);
        Consider(_nextSample);
        if (_nextProbe < _probes.Length) Consider(_probes[_nextProbe]);
        Consider(_fw.NextDue());
        Consider(_plant.NextDue(_fw.EriThresholdCharge, watchTip: _patient is not null));
        if (_patient is not null) Consider(_patient.NextDue());
        return next > Now ? next : Now + SimDuration.FromSeconds(1);
    }

    private void Emit(PumpEvent e) => EmitAt(Now, e);

    // Through a method, not the recorder's own: the worlds are given it before the recorder exists.
    private void EmitAt(SimInstant at, PumpEvent unstamped) => _recorder.Emit(at, WithTruth(unstamped));

    /// <summary>The firmware logs what it believes. Where the body's truth differs, the engine, which
    /// sees both worlds, adds the real counterpart beside the belief: a program's mcg/day at the
    /// drug really in the reservoir (the program is already in force when its change is logged).</summary>
    private PumpEvent WithTruth(PumpEvent e) =>
        e is ProgramChanged p && _plant.Drug != _fw.Concentration
            ? p with { RealNewMcgPerDay = Math.Round(_fw.AverageProgramFlow().MlPerDay * _plant.Drug.McgPerMl, 3) }
            : e;

    public void Dispose() => _recorder.Dispose();
}
