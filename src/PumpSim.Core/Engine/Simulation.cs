using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using PumpSim.Core.Events;
using PumpSim.Core.Firmware;
using PumpSim.Core.Patient;
using PumpSim.Core.Plant;
using PumpSim.Core.Therapy;
using PumpSim.Core.Units;

namespace PumpSim.Core.Engine;

/// <summary>One simulation: one virtual clock (an Rx <see cref="HistoricalScheduler"/> started at the
/// scenario start), the firmware, the plant and the optional patient. The loop walks in steps of
/// <see cref="SimulationPlan.Step"/> and splits a step at every breakpoint (schedule boundary,
/// action, timer, threshold crossing), so totals and event instants do not depend on the step.
/// A step with nothing new is a few integer operations: no allocation, no Fire, no OnNext.</summary>
public sealed partial class Simulation : IDisposable
{
    private readonly SimulationPlan _plan;
    private readonly HistoricalScheduler _scheduler;
    private readonly Subject<PumpEvent> _events = new();
    private readonly Subject<TelemetrySample> _telemetry = new();
    private readonly List<PumpEvent> _log = [];
    private readonly List<TelemetrySample> _samples;
    private readonly Dictionary<SimInstant, Snapshot> _snapshots = [];
    private readonly SimInstant[] _probes;
    private TimedAction[] _actions; // not readonly: Inject (Simulation.Injection.cs) adds live actions
    private readonly bool _retainHistory;
    private SimInstant? _lastSampleAt;
    private long _sequence;
    private bool _started, _finished;
    private SimInstant _nextBreak;
    private int _nextAction, _nextProbe;
    private SimInstant _nextSample;

    /// <param name="retainHistory">Keep every event and sample for <see cref="Result"/> (the default).
    /// Sweeps pass false: subscribers still see everything, and a year-long run holds a few
    /// kilobytes instead of megabytes.</param>
    public Simulation(SimulationPlan plan, bool retainHistory = true)
    {
        _retainHistory = retainHistory;
        plan.Validate();
        plan.Patient?.Validate();
        _plan = plan;
        Now = plan.Start;
        _scheduler = new HistoricalScheduler(plan.Start.ToDateTimeOffset());
        _probes = plan.Probes.Where(p => p >= plan.Start && p <= plan.End).Distinct().Order().ToArray();
        _nextSample = plan.Start;
        // Sized once: a growing list would copy (and, past 85 kB, churn the large-object heap).
        _samples = new List<TelemetrySample>(retainHistory ? (int)Math.Min(plan.Duration.Seconds / plan.Sample.Seconds + 2, 1 << 20) : 0);
        // Same-instant actions apply in file order whatever order the plan lists them in.
        _actions = plan.Actions.OrderBy(a => a.At).ThenBy(a => a.Order).ToArray();
        InitPlant();
        InitFirmware();
        InitPatient();
    }

    public SimulationPlan Plan => _plan;
    public SimInstant Now { get; private set; }
    public bool IsFinished => _finished;
    /// <summary>The simulation's virtual clock, for time-based Rx operators of subscribers.</summary>
    public IScheduler Scheduler => _scheduler;
    public IObservable<PumpEvent> Events => _events.AsObservable();
    public IObservable<TelemetrySample> Telemetry => _telemetry.AsObservable();
    public IReadOnlyList<PumpEvent> EventLog => _log;

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
        var step = _plan.Step.Seconds;
        while (Now < target)
        {
            // Steps sit on a grid from the start, so a breakpoint never shifts later steps.
            var k = (Now.UnixSeconds - _plan.Start.UnixSeconds) / step + 1;
            var stepEnd = SimInstant.Min(SimInstant.FromUnixSeconds(_plan.Start.UnixSeconds + k * step), target);
            while (Now < stepEnd)
            {
                var segEnd = SimInstant.Min(stepEnd, _nextBreak);
                Integrate(segEnd.UnixSeconds - Now.UnixSeconds);
                Now = segEnd;
                if (Now >= _nextBreak) OnBreakpoint();
            }
        }
        if (Now >= _plan.End && !_finished) Finish();
    }

    private void Begin()
    {
        _started = true;
        Emit(EventTypes.SimulationStarted,
            new("scenario", _plan.Id), new("seed", (long)_plan.Seed), new("model", _plan.Profile.Model),
            new("program", _program.Describe()), new("reservoir_ml", _reservoir.Volume.Ml));
        if (_patient is not null) AnnounceInitialPatientFlags();
        OnBreakpoint();
    }

    private void Finish()
    {
        _finished = true;
        if (_lastSampleAt != Now) Publish(Sample());
        Emit(EventTypes.SimulationEnded, new("reservoir_true_ml", _reservoir.Volume.Ml), new("reservoir_estimated_ml", _estimate.Ml));
        _events.OnCompleted();
        _telemetry.OnCompleted();
    }

    /// <summary>Everything due at <see cref="Now"/>, in a fixed order: timers, actions in file order,
    /// tones, samples; then the rates and the next breakpoint.</summary>
    private void OnBreakpoint()
    {
        HandleTimers();
        Settle();
        while (_nextAction < _actions.Length && _actions[_nextAction].At <= Now)
        {
            Apply(_actions[_nextAction].Action);
            _nextAction++;
            Settle();
        }
        _alarms.OnTime(Now);
        if (Now >= _nextSample)
        {
            Publish(Sample());
            _nextSample = Now + _plan.Sample;
        }
        while (_nextProbe < _probes.Length && _probes[_nextProbe] <= Now)
        {
            _snapshots[_probes[_nextProbe]] = Snapshot();
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

    private void Emit(string type, params EventField[] fields) => EmitAt(Now, type, fields);

    private void EmitAt(SimInstant at, string type, params EventField[] fields)
    {
        var e = new PumpEvent(at, _sequence++, type, fields);
        if (_retainHistory) _log.Add(e);
        if (_scheduler.Now < at.ToDateTimeOffset()) _scheduler.AdvanceTo(at.ToDateTimeOffset());
        _events.OnNext(e);
    }

    private void Publish(TelemetrySample s)
    {
        _lastSampleAt = s.At;
        if (_retainHistory) _samples.Add(s);
        if (_scheduler.Now < s.At.ToDateTimeOffset()) _scheduler.AdvanceTo(s.At.ToDateTimeOffset());
        _telemetry.OnNext(s);
    }

    public void Dispose()
    {
        _events.Dispose();
        _telemetry.Dispose();
    }
}
