using System.Reactive.Concurrency;
using System.Reactive.Subjects;
using PumpSim.Core.Events;
using PumpSim.Core.Firmware;
using PumpSim.Core.Patient;
using PumpSim.Core.Plant;
using PumpSim.Core.Units;

namespace PumpSim.Core.Engine;

/// <summary>What a simulation shows and keeps: events and telemetry samples to subscribers (on the
/// virtual clock they may schedule against), the retained history, the probe snapshots and the
/// final result, all read from the three worlds. The simulation decides when; this class what.</summary>
internal sealed class Recorder : IDisposable
{
    private readonly SimulationPlan _plan;
    private readonly PumpPlant _plant;
    private readonly PumpFirmware _fw;
    private readonly PatientMonitor? _patient;
    private readonly Func<SimInstant> _now;
    // Made on first use: a sweep builds a simulation per run and none of them asks for it, and
    // an Rx scheduler allocates its queue up front.
    private HistoricalScheduler? _scheduler;
    private readonly Subject<PumpEvent> _events = new();
    private readonly Subject<TelemetrySample> _telemetry = new();
    private readonly List<PumpEvent> _log = [];
    private readonly List<TelemetrySample> _samples;
    private readonly Dictionary<SimInstant, Snapshot> _snapshots = [];
    private readonly bool _retainHistory;
    private long _sequence;

    public Recorder(SimulationPlan plan, PumpPlant plant, PumpFirmware fw, PatientMonitor? patient, Func<SimInstant> now, bool retainHistory)
    {
        (_plan, _plant, _fw, _patient, _now, _retainHistory) = (plan, plant, fw, patient, now, retainHistory);
        // Sized once: a growing list would copy (and, past 85 kB, churn the large-object heap).
        _samples = new List<TelemetrySample>(retainHistory ? (int)Math.Min(plan.Duration.Seconds / plan.Sample.Seconds + 2, 1 << 20) : 0);
    }

    public IScheduler Scheduler => _scheduler ??= new HistoricalScheduler(_now().ToDateTimeOffset());
    public IObservable<PumpEvent> Events => _events;
    public IObservable<TelemetrySample> Telemetry => _telemetry;
    public IReadOnlyList<PumpEvent> EventLog => _log;
    public SimInstant? LastSampleAt { get; private set; }

    public void Emit(SimInstant at, PumpEvent unstamped)
    {
        var e = unstamped with { At = at, Sequence = _sequence++ };
        if (_retainHistory) _log.Add(e);
        AdvanceClock(at);
        _events.OnNext(e);
    }

    public void Publish(TelemetrySample s)
    {
        LastSampleAt = s.At;
        if (_retainHistory) _samples.Add(s);
        AdvanceClock(s.At);
        _telemetry.OnNext(s);
    }

    private void AdvanceClock(SimInstant at)
    {
        if (_scheduler is { } clock && clock.Now < at.ToDateTimeOffset()) clock.AdvanceTo(at.ToDateTimeOffset());
    }

    public void KeepSnapshot(SimInstant probe) => _snapshots[probe] = Snapshot();

    public void Complete()
    {
        _events.OnCompleted();
        _telemetry.OnCompleted();
    }

    public TelemetrySample Sample() => new(
        _now(),
        _fw.TherapyName,
        _fw.PrescribedMcgPerDay,
        _plant.PumpedMlPerDay,
        _plant.Reservoir.Ml,
        _fw.Estimate.Ml,
        _plant.CatheterState,
        _plant.Ledger.ToCsf.Mass.Mcg,
        (_plant.Ledger.ToTissue.Mass + _plant.Ledger.ToPocket.Mass).Mcg,
        _fw.BatteryDaysRemaining,
        _fw.Alarms.ActiveIds(),
        _patient?.Spasticity,
        _patient?.EffectPct,
        _fw.MotorName,
        _plant.CsfMcgPerDay,
        _plant.ReservoirMcgPerMl,
        _fw.Concentration.McgPerMl);

    private Snapshot Snapshot() => new(
        _now(),
        Sample(),
        _plant.CatheterState,
        _fw.MotorName,
        _fw.ReservoirName,
        _fw.BatteryName,
        _plant.Ledger.ToCsf.Mass.Mcg,
        _plant.Pumped.Ml);

    public SimulationResult Result()
    {
        var ledger = _plant.Ledger;
        var totals = new Totals(
            _fw.ProgrammedMass.Mcg,
            _plant.Pumped.Ml,
            ledger.ToCsf.Mass.Mcg,
            ledger.ToTissue.Mass.Mcg,
            ledger.ToPocket.Mass.Mcg,
            ledger.Withdrawn.Volume.Ml);
        var final = new FinalState(_plant.Reservoir.Ml, _fw.Estimate.Ml, _fw.BatteryDaysRemaining, _fw.TherapyName);
        return new SimulationResult(_plan.Id, _plan.Seed, _plan.Start, _now(), totals, final, _fw.Alarms.Records(),
            _log.ToArray(), _samples.ToArray(), new Dictionary<SimInstant, Snapshot>(_snapshots));
    }

    public void Dispose()
    {
        _events.Dispose();
        _telemetry.Dispose();
    }
}
