using System.Globalization;
using System.Text;
using System.Text.Json;
using PumpSim.Core.Engine;
using PumpSim.Core.Events;
using PumpSim.Core.Units;
using PumpSim.Reports;
using PumpSim.Scenarios;
using PumpSim.Scenarios.Recording;

namespace PumpSim.Web;

/// <summary>A control the page asked for that cannot be done; the message goes back as HTTP 400.</summary>
public sealed class ControlException(string message) : Exception(message);

/// <summary>One live run of the scenario, watched by any number of browsers (up to
/// <see cref="MaxClients"/>). All state changes happen under one lock: the ticker, controls and
/// fault buttons never interleave inside the engine. The clock only ever stops on the engine's step
/// grid, so the live run integrates over exactly the segments a `run` of the saved file does.</summary>
public sealed class Session : IDisposable
{
    public const int MaxClients = 32;
    public const double MinSpeed = 1, MaxSpeed = 30 * 86_400;
    private const int SnapshotSamples = 2_000;

    private readonly object _gate = new();
    private readonly ScenarioSource _source;
    private readonly SessionRecording _recording;
    private readonly List<SseClient> _clients = [];
    private readonly List<string> _events = [];
    private readonly List<string> _samples = [];
    private Simulation _sim = null!;
    private IDisposable? _feed;
    private double _carry;
    private bool _stop, _runToNext, _muted;

    public Session(int id, ScenarioSource source)
    {
        Id = id;
        _source = source;
        _recording = new SessionRecording(source.Text, source.Path, source.Loaded.Plan.Start);
        Buttons = FaultButtons.For(source.Loaded.Plan);
        lock (_gate) Rebuild();
    }

    public int Id { get; }
    public IReadOnlyList<FaultButton> Buttons { get; }
    public double Speed { get; private set; } = 3600;
    public bool Paused { get; private set; } = true;
    public bool AutoPause { get; private set; }
    private SimulationPlan Plan => _sim.Plan;
    private long Step => Plan.Step.Seconds;

    /// <summary>The live engine's result so far (for tests: what the session showed).</summary>
    public SimulationResult Result() { lock (_gate) return _sim.Result(); }

    public string ScenarioYaml() { lock (_gate) return _recording.ToYaml(); }

    public IReadOnlyList<RecordedInjection> Injections() { lock (_gate) return [.. _recording.Entries]; }

    public SimInstant Now { get { lock (_gate) return _sim.Now; } }

    /// <summary>Runs the clock on, step by step on the grid, until <paramref name="at"/> has happened
    /// (a programmer action the trainee just confirmed), then pauses: the page shows its effect.</summary>
    internal void RunThrough(SimInstant at)
    {
        lock (_gate)
        {
            while (_sim.Now < at && !_sim.IsFinished) AdvanceOneStep();
            Paused = true;
            _carry = 0;
            BroadcastStatus();
        }
    }

    /// <summary>Reads the live run under the session's lock (the programmer's interrogation).</summary>
    internal T Read<T>(Func<Simulation, T> read) { lock (_gate) return read(_sim); }

    /// <summary>Called by the ticker: real seconds elapsed since the last tick.</summary>
    public void Tick(double realSeconds)
    {
        lock (_gate)
        {
            if (Paused || _sim.IsFinished) { _carry = 0; return; }
            _carry += realSeconds * Speed;
            var steps = (long)Math.Floor(_carry / Step);
            if (steps < 1) return;
            _carry -= steps * Step;
            Walk(steps);
            if (_sim.IsFinished) Paused = true;
            BroadcastStatus();
        }
    }

    /// <summary>Applies one control (see the page); throws <see cref="ControlException"/> for a bad one.</summary>
    public void Control(string action, JsonElement body)
    {
        lock (_gate)
        {
            switch (action)
            {
                case "play":
                    if (_sim.IsFinished) throw new ControlException("the run has ended; go back to the start or to a moment first.");
                    Paused = false; break;
                case "pause": Paused = true; break;
                case "speed":
                    var speed = Number(body, "value");
                    if (speed < MinSpeed || speed > MaxSpeed)
                        throw new ControlException($"speed must be {MinSpeed} to {MaxSpeed} simulated seconds per second, got {speed.ToString(CultureInfo.InvariantCulture)}.");
                    Speed = speed; break;
                case "autopause": AutoPause = Bool(body, "value"); break;
                case "next": RunToNext(); break;
                case "restart": SeekTo(Plan.Start); break;
                case "seek":
                    var text = Text(body, "at");
                    if (!Scenarios.DurationParser.TryParse(text, out var offset, out var error))
                        throw new ControlException($"'at': {error}");
                    if (offset.Seconds < 0 || Plan.Start + offset > Plan.End)
                        throw new ControlException($"'at' must be between 0s and the scenario's duration ({Plan.Duration}), got {offset}.");
                    SeekTo(Plan.Start + offset); break;
                case "clear":
                    _recording.TruncateAfter(Plan.Start - SimDuration.FromSeconds(1));
                    SeekTo(Plan.Start); break;
                default:
                    throw new ControlException($"unknown control '{action}'; expected play, pause, speed, autopause, next, restart, seek or clear.");
            }
            BroadcastStatus();
        }
    }

    /// <summary>Injects a fault button's action at the engine's next free instant, records it, and
    /// tells every viewer. Returns the instant it applies at.</summary>
    public SimInstant Inject(string buttonId)
    {
        var button = Buttons.FirstOrDefault(b => b.Id == buttonId)
            ?? throw new ControlException($"unknown fault '{buttonId}'; expected one of: {string.Join(", ", Buttons.Select(b => b.Id))}.");
        // The note is what the class should notice (a catheter fault's comes from its descriptor).
        return InjectAction(button.Label, button.Action, button.Settings, $"[trainer] {button.Label}: {button.Note}");
    }

    /// <summary>Injects one scenario event (its action key and settings as a file writes them) at the
    /// engine's next free instant, records it with its narration, and tells every viewer: the fault
    /// buttons and the programmer's confirmed changes (ProgrammerApi) both come through here.</summary>
    internal SimInstant InjectAction(string label, string? action, string settings, string narration)
    {
        lock (_gate)
        {
            if (_sim.IsFinished) throw new ControlException("the run has ended; go back to a moment before injecting a fault.");
            var at = _sim.NextInjectionInstant();
            if (at > Plan.End) throw new ControlException("the run is at its last second; there is no instant left to inject at.");
            IReadOnlyList<ScenarioAction> actions;
            try { actions = _recording.Add(new RecordedInjection(at, action, settings, narration)); }
            catch (ScenarioException e)
            {
                throw new ControlException($"{label} cannot be injected into this scenario: {e.Message}");
            }
            var timed = _sim.Inject(actions);
            if (timed[0].At != at) throw new InvalidOperationException($"injected at {timed[0].At}, recorded at {at}.");
            BroadcastStatus();
            return at;
        }
    }

    /// <summary>Attaches a viewer: it first gets a snapshot of the run so far. Null when full.</summary>
    internal SseClient? Attach()
    {
        lock (_gate)
        {
            if (_clients.Count >= MaxClients) return null;
            var client = new SseClient();
            _clients.Add(client);
            client.Send(SseClient.Frame("reset", SnapshotJson()));
            BroadcastStatus(); // the others' viewer count
            return client;
        }
    }

    internal void Detach(SseClient client)
    {
        lock (_gate)
        {
            if (_clients.Remove(client)) BroadcastStatus();
        }
        client.Close();
    }

    internal int ClientCount { get { lock (_gate) return _clients.Count; } }

    /// <summary>Advances <paramref name="steps"/> engine steps, one at a time so that an auto-pause or
    /// a jump stops on the step where its narration or alarm happened.</summary>
    private void Walk(long steps)
    {
        _stop = false;
        for (var i = 0L; i < steps && !_sim.IsFinished && !_stop; i++) AdvanceOneStep();
        if (_stop) { Paused = true; _carry = 0; }
        _runToNext = false;
    }

    private void AdvanceOneStep()
    {
        var elapsed = _sim.Now.UnixSeconds - Plan.Start.UnixSeconds;
        var next = Plan.Start + SimDuration.FromSeconds((elapsed / Step + 1) * Step);
        _sim.AdvanceTo(SimInstant.Min(next, Plan.End));
    }

    private void RunToNext()
    {
        if (_sim.IsFinished) throw new ControlException("the run has ended; there is nothing next.");
        _runToNext = true;
        Walk(long.MaxValue);
        Paused = true;
    }

    /// <summary>Goes to <paramref name="target"/> (rounded down to the step grid). Back in time, the
    /// run is simulated again from the start with the injections recorded so far (deterministic,
    /// so it is the same run); the viewers get a fresh snapshot.</summary>
    private void SeekTo(SimInstant target)
    {
        var grid = (target.UnixSeconds - Plan.Start.UnixSeconds) / Step * Step;
        target = SimInstant.Min(Plan.Start + SimDuration.FromSeconds(grid), Plan.End);
        _muted = true;
        try
        {
            if (target < _sim.Now || target == Plan.Start) Rebuild();
            while (_sim.Now < target && !_sim.IsFinished) AdvanceOneStep();
        }
        finally { _muted = false; }
        Paused = true;
        _carry = 0;
        foreach (var c in _clients.ToArray()) if (!c.Send(SseClient.Frame("reset", SnapshotJson()))) _clients.Remove(c);
    }

    private void Rebuild()
    {
        _feed?.Dispose();
        _sim?.Dispose();
        var loaded = ScenarioLoader.Parse(_recording.ToYaml(), _source.Path);
        _sim = new Simulation(loaded.Plan);
        _events.Clear();
        _samples.Clear();
        var events = _sim.Events.Subscribe(OnEvent);
        var samples = _sim.Telemetry.Subscribe(OnSample);
        _feed = new Both(events, samples);
        _sim.AdvanceTo(_sim.Now); // starts the run: the first frame shows the programmed rates
    }

    private void OnEvent(PumpEvent e)
    {
        var json = EventView.Json(e);
        _events.Add(json);
        if (e is Narration && AutoPause) _stop = true;
        if (_runToNext && e is Narration or AlarmRaised) _stop = true;
        Broadcast("pump", json);
    }

    private void OnSample(TelemetrySample s)
    {
        var json = SampleJson(s, Plan.Start);
        _samples.Add(json);
        Broadcast("sample", json);
    }

    private void BroadcastStatus() => Broadcast("status", StatusJson());

    private void Broadcast(string name, string json)
    {
        if (_muted) return;
        var frame = SseClient.Frame(name, json);
        for (var i = _clients.Count - 1; i >= 0; i--)
            if (!_clients[i].Send(frame)) _clients.RemoveAt(i);
    }

    private string StatusJson() => Json(w =>
    {
        w.WriteNumber("now_s", _sim.Now.UnixSeconds - Plan.Start.UnixSeconds);
        w.WriteNumber("end_s", Plan.Duration.Seconds);
        w.WriteBoolean("paused", Paused);
        w.WriteBoolean("finished", _sim.IsFinished);
        w.WriteNumber("speed", Speed);
        w.WriteBoolean("auto_pause", AutoPause);
        w.WriteNumber("injected", _recording.Entries.Count);
        w.WriteNumber("viewers", _clients.Count);
    });

    private string SnapshotJson()
    {
        var stride = Math.Max(1, (_samples.Count + SnapshotSamples - 1) / SnapshotSamples);
        var kept = _samples.Where((_, i) => i % stride == 0 || i == _samples.Count - 1);
        var sb = new StringBuilder();
        sb.Append("{\"status\":").Append(StatusJson())
          .Append(",\"events\":[").AppendJoin(',', _events).Append(']')
          .Append(",\"samples\":[").AppendJoin(',', kept).Append("]}");
        return sb.ToString();
    }

    /// <summary>A sample as the page receives it: the column names are telemetry.csv's (Core's
    /// <see cref="TelemetryColumns"/>), plus the live extras, so the page and the file speak alike.</summary>
    internal static string SampleJson(TelemetrySample s, SimInstant start) => Json(w =>
    {
        w.WriteNumber(TelemetryColumns.OffsetSeconds.Name, s.At.UnixSeconds - start.UnixSeconds);
        w.WriteString(TelemetryColumns.TherapyState.Name, s.TherapyState);
        w.WriteNumber(TelemetryColumns.ProgrammedMcgPerDay.Name, s.ProgrammedMcgPerDay);
        w.WriteNumber(TelemetryColumns.PumpedMlPerDay.Name, s.PumpedMlPerDay);
        w.WriteNumber(TelemetryColumns.ReservoirTrueMl.Name, s.ReservoirTrueMl);
        w.WriteNumber(TelemetryColumns.ReservoirEstimatedMl.Name, s.ReservoirEstimatedMl);
        w.WriteString(TelemetryColumns.CatheterState.Name, s.CatheterState);
        w.WriteNumber(TelemetryColumns.DeliveredCsfMcgCumulative.Name, s.DeliveredCsfMcgCumulative);
        w.WriteNumber(TelemetryColumns.LeakedMcgCumulative.Name, s.LeakedMcgCumulative);
        w.WriteNumber(TelemetryColumns.BatteryDaysRemaining.Name, s.BatteryDaysRemaining);
        w.WriteStartArray(TelemetryColumns.ActiveAlarms.Name);
        foreach (var a in s.ActiveAlarms) w.WriteStringValue(a);
        w.WriteEndArray();
        if (s.PatientSpasticity is { } sp) w.WriteNumber(TelemetryColumns.PatientSpasticity.Name, sp); else w.WriteNull(TelemetryColumns.PatientSpasticity.Name);
        if (s.PatientEffectPct is { } ef) w.WriteNumber(TelemetryColumns.PatientEffectPct.Name, ef); else w.WriteNull(TelemetryColumns.PatientEffectPct.Name);
        w.WriteNumber(TelemetryColumns.ConcentrationMcgPerMl.Name, s.ConcentrationMcgPerMl);
        w.WriteNumber(TelemetryColumns.ProgrammedConcentrationMcgPerMl.Name, s.ProgrammedConcentrationMcgPerMl);
        w.WriteString(TelemetryColumns.MotorState.Name, s.MotorState);
        w.WriteNumber(TelemetryColumns.CsfMcgPerDay.Name, s.CsfMcgPerDay);
    });

    internal static string Json(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static double Number(JsonElement body, string key) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) && double.IsFinite(d)
            ? d : throw new ControlException($"'{key}' must be a number.");

    private static bool Bool(JsonElement body, string key) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(key, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? v.GetBoolean() : throw new ControlException($"'{key}' must be true or false.");

    private static string Text(JsonElement body, string key) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 and <= 64 } s
            ? s : throw new ControlException($"'{key}' must be a duration from the start, e.g. \"2d6h\".");

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var c in _clients) c.Close();
            _clients.Clear();
            _feed?.Dispose();
            _sim.Dispose();
        }
    }

    private sealed class Both(IDisposable a, IDisposable b) : IDisposable
    {
        public void Dispose() { a.Dispose(); b.Dispose(); }
    }
}
