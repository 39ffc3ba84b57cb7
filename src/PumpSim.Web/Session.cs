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

/// <summary>One live run of the scenario, watched by any number of browsers. All state changes
/// happen under <see cref="Gate"/>: the ticker, controls and fault buttons never interleave inside
/// the engine. The clock only ever stops on the engine's step grid, so the live run integrates over
/// exactly the segments a `run` of the saved file does.
///
/// Going far (seek, next, a fast tick) is one engine call per day of simulated time, never one per
/// step: the engine jumps between its breakpoints and its outputs do not depend on where it is
/// stopped, so a ten-year seek at a 1-s step costs what `run` costs. A pause condition met inside a
/// day stops the session on the step where it happened: the day is simulated again from the start
/// up to that step (deterministic, so the same run).</summary>
public sealed class Session : IDisposable
{
    public const double MinSpeed = 1, MaxSpeed = 30 * 86_400;
    public const int MaxBookmarks = 100;

    private readonly ScenarioSource _source;
    private readonly SessionRecording _recording;
    private readonly bool _retainHistory;
    private readonly List<SseClient> _clients = [];
    private readonly SessionHistory _history = new();
    // What the programmer last read from the pump (the engine keeps no event history for a live
    // session): an interrogation's estimate, or the volume a refill (or a pocket fill, as the pump
    // believes it) just programmed.
    private ProgrammerReading? _lastReading;
    private readonly SortedSet<long> _bookmarks = [];
    private Simulation _sim = null!;
    private IDisposable? _feed;
    private double _carry, _missed;
    private PauseConditions _watch = PauseConditions.None;
    private SimInstant? _stopAt;
    private bool _muted;
    private string? _halted;

    /// <param name="retainHistory">Keep the engine's whole result (tests compare it with a replay);
    /// the server does not: a session holds only its bounded <see cref="SessionHistory"/>.</param>
    public Session(int id, ScenarioSource source, bool retainHistory = false)
    {
        Id = id;
        _source = source;
        _retainHistory = retainHistory;
        _recording = new SessionRecording(source.Text, source.Path, source.Loaded.Plan.Start);
        Buttons = FaultButtons.For(source.Loaded.Plan);
        lock (Gate) Rebuild();
    }

    public int Id { get; }

    /// <summary>The programmer's Finish review and lesson grade, mirrored to the class.</summary>
    internal ProgrammerBoard Board { get; } = new();
    public IReadOnlyList<FaultButton> Buttons { get; }
    public double Speed { get; private set; } = 3600;
    public bool Paused { get; private set; } = true;
    public PauseConditions PauseAt { get; private set; } = PauseConditions.None;
    public bool Revealed { get; private set; }

    /// <summary>The lock of this session alone; the ticker never waits on it (tests hold it to show that).</summary>
    internal object Gate { get; } = new();

    /// <summary>The backstop, <see cref="ScenarioLimits.MaxEvents"/> as for `run` (tests lower it).</summary>
    internal long EventLimit { get; init; } = ScenarioLimits.MaxEvents;

    /// <summary>Calls into the engine since the session opened (tests: it must not depend on the step).</summary>
    internal long EngineAdvances { get; private set; }

    private SimulationPlan Plan => _sim.Plan;
    private long Step => Plan.Step.Seconds;

    /// <summary>One engine call covers at most a day (grid-aligned), so the event backstop is checked
    /// as often as `run` checks it.</summary>
    private long ChunkSeconds => (86_400 + Step - 1) / Step * Step;

    /// <summary>The live engine's result so far (for tests: what the session showed; needs retainHistory).</summary>
    public SimulationResult Result() { lock (Gate) return _sim.Result(); }

    public string ScenarioYaml() { lock (Gate) return _recording.ToYaml(); }

    public IReadOnlyList<RecordedInjection> Injections() { lock (Gate) return [.. _recording.Entries]; }

    public SimInstant Now { get { lock (Gate) return _sim.Now; } }

    internal string? Halted { get { lock (Gate) return _halted; } }

    internal (int Points, int Events) Kept { get { lock (Gate) return (_history.PointCount, _history.KeptEventCount); } }

    /// <summary>Runs the clock on to the first step on the grid at or after <paramref name="at"/> (a
    /// programmer action the trainee just confirmed), then pauses: the page shows its effect.</summary>
    internal void RunThrough(SimInstant at)
    {
        lock (Gate)
        {
            var offset = Math.Max(0, at.UnixSeconds - Plan.Start.UnixSeconds);
            var goal = SimInstant.Min(Plan.Start + SimDuration.FromSeconds((offset + Step - 1) / Step * Step), Plan.End);
            if (goal > _sim.Now) Advance(goal, PauseConditions.None, live: true);
            Paused = true;
            _carry = 0;
            BroadcastStatus();
        }
    }

    /// <summary>Reads the live run under the session's lock (the programmer's interrogation).</summary>
    internal T Read<T>(Func<Simulation, T> read) { lock (Gate) return read(_sim); }

    /// <summary>The programmer's last reading of this run so far and the clock, read together.</summary>
    internal (SimInstant Now, ProgrammerReading? Last) LastReading() { lock (Gate) return (_sim.Now, _lastReading); }

    /// <summary>Called by the ticker: real seconds elapsed since the last tick. Never waits for the
    /// lock: a session busy with a long control skips the tick (and gets its time at the next one),
    /// so no session's clock waits on another's.</summary>
    public void Tick(double realSeconds)
    {
        if (!Monitor.TryEnter(Gate)) { _missed = Math.Min(_missed + realSeconds, 1.0); return; }
        try
        {
            realSeconds = Math.Min(realSeconds + _missed, 1.0);
            _missed = 0;
            if (Paused || _sim.IsFinished || _halted is not null) { _carry = 0; return; }
            _carry += realSeconds * Speed;
            var steps = (long)Math.Floor(_carry / Step);
            if (steps < 1) return;
            _carry -= steps * Step;
            var goal = SimInstant.Min(_sim.Now + SimDuration.FromSeconds(checked(steps * Step)), Plan.End);
            Advance(goal, PauseAt, live: true);
            if (_sim.IsFinished) Paused = true;
            BroadcastStatus();
        }
        finally { Monitor.Exit(Gate); }
    }

    /// <summary>Applies one control (see the page); throws <see cref="ControlException"/> for a bad one.</summary>
    public void Control(string action, JsonElement body)
    {
        lock (Gate)
        {
            switch (action)
            {
                case "play":
                    if (_halted is not null) throw new ControlException(_halted);
                    if (_sim.IsFinished) throw new ControlException("the run has ended; go back to the start or to a moment first.");
                    Paused = false; break;
                case "pause": Paused = true; break;
                case "speed":
                    var speed = Number(body, "value");
                    if (speed < MinSpeed || speed > MaxSpeed)
                        throw new ControlException($"speed must be {MinSpeed} to {MaxSpeed} simulated seconds per real second, got {speed}.");
                    Speed = speed; break;
                case "autopause": // the page's older switch: pause at narration, or at nothing
                    PauseAt = Bool(body, "value") ? Parse("narration") : PauseConditions.None; break;
                case "pause-at": PauseAt = Parse(Text(body, "on", 512, allowEmpty: true)); break;
                case "next": RunToNext(); break;
                case "restart": SeekTo(Plan.Start); break;
                case "end": SeekTo(Plan.End); break;
                case "seek": SeekTo(Plan.Start + Offset(body, "at")); break;
                case "bookmark":
                    if (_bookmarks.Count >= MaxBookmarks && !_bookmarks.Contains(Elapsed))
                        throw new ControlException($"at most {MaxBookmarks} bookmarks; this session has them all.");
                    _bookmarks.Add(Elapsed); break;
                case "back":
                    var previous = _bookmarks.GetViewBetween(0, Math.Max(0, Elapsed - 1));
                    if (previous.Count == 0) throw new ControlException("there is no bookmark before this moment; press Bookmark (or K) to set one.");
                    SeekTo(Plan.Start + SimDuration.FromSeconds(previous.Max)); break;
                case "reveal": Revealed = Bool(body, "value"); break;
                case "clear":
                    Board.Clear();
                    _recording.TruncateAfter(Plan.Start - SimDuration.FromSeconds(1));
                    _bookmarks.Clear();
                    SeekTo(Plan.Start); break;
                default:
                    throw new ControlException($"unknown control '{action}'; expected play, pause, speed, pause-at, autopause, next, restart, end, seek, bookmark, back, reveal or clear.");
            }
            BroadcastStatus();
        }
    }

    private long Elapsed => _sim.Now.UnixSeconds - Plan.Start.UnixSeconds;

    private static PauseConditions Parse(string text) =>
        PauseConditions.TryParse(text, out var c, out var error) ? c : throw new ControlException(error!);

    private SimDuration Offset(JsonElement body, string key)
    {
        var text = Text(body, key, 64, allowEmpty: false);
        if (!DurationParser.TryParse(text, out var offset, out var error)) throw new ControlException($"'{key}': {error}");
        if (offset.Seconds < 0 || Plan.Start + offset > Plan.End)
            throw new ControlException($"'{key}' must be between 0s and the scenario's duration ({Plan.Duration}), got {offset}.");
        return offset;
    }

    /// <summary>Injects a fault button's action at the engine's next free instant, records it, and
    /// tells every viewer. Returns the instant it applies at.</summary>
    public SimInstant Inject(string buttonId)
    {
        var button = Buttons.FirstOrDefault(b => b.Id == buttonId)
            ?? throw new ControlException($"unknown fault '{buttonId}'; expected one of: {string.Join(", ", Buttons.Select(b => b.Id))}.");
        return InjectAction(button.Label, button.Action, button.Settings, button.Narration);
    }

    /// <summary>Injects one scenario event (its action key and settings as a file writes them) at the
    /// engine's next free instant, records it with its narration, and tells every viewer: the fault
    /// buttons and the programmer's confirmed changes (ProgrammerApi) both come through here.</summary>
    internal SimInstant InjectAction(string label, string? action, string settings, string narration)
    {
        lock (Gate)
        {
            if (_halted is not null) throw new ControlException(_halted);
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

    /// <summary>Attaches a viewer (the hub has already counted it against its cap): it first gets
    /// a snapshot of the run so far.</summary>
    internal void Attach(SseClient client)
    {
        lock (Gate)
        {
            _clients.Add(client);
            client.Send(SseClient.Frame("reset", _history.Snapshot(StatusJson())));
            BroadcastStatus(); // the others' viewer count
        }
    }

    internal void Detach(SseClient client)
    {
        lock (Gate)
        {
            if (_clients.Remove(client)) BroadcastStatus();
        }
        client.Close();
    }

    /// <summary>Tells every viewer that the trainer now presents session <paramref name="id"/>.</summary>
    internal void Follow(int id)
    {
        lock (Gate) Broadcast("follow", Json(w => w.WriteNumber("session", id)));
    }

    /// <summary>Tells every viewer the programmer screen's state (<see cref="ProgrammerApi"/>).</summary>
    internal void BroadcastProgrammer(string json)
    {
        lock (Gate) Broadcast("programmer", json);
    }

    internal int ClientCount { get { lock (Gate) return _clients.Count; } }

    /// <summary>Runs to <paramref name="goal"/> (on the step grid or the end), a day per engine call,
    /// stopping on the step where one of <paramref name="stops"/> happened. Live: viewers see each
    /// event as it comes; otherwise they get one fresh snapshot at the end.</summary>
    private void Advance(SimInstant goal, PauseConditions stops, bool live)
    {
        _muted = !live;
        _stopAt = null;
        _watch = stops;
        try { RunEngine(goal); }
        finally { _watch = PauseConditions.None; }
        var resend = !live;
        if (_stopAt is { } at)
        {
            // The step the moment fell in; a day-long call may have gone past it.
            var stepEnd = SimInstant.Min(Plan.Start + SimDuration.FromSeconds((at.UnixSeconds - Plan.Start.UnixSeconds + Step - 1) / Step * Step), Plan.End);
            if (stepEnd < _sim.Now)
            {
                _muted = true;
                _stopAt = null;
                Rebuild();
                RunEngine(stepEnd);
                resend = true;
            }
            Paused = true;
            _carry = 0;
        }
        _muted = false;
        if (resend) SendSnapshot();
    }

    private void RunEngine(SimInstant goal)
    {
        while (_sim.Now < goal && !_sim.IsFinished && _stopAt is null && _halted is null)
        {
            _sim.AdvanceTo(SimInstant.Min(_sim.Now + SimDuration.FromSeconds(ChunkSeconds), goal));
            EngineAdvances++;
            if (_history.EventCount > EventLimit) Halt();
        }
    }

    /// <summary>The backstop of `run` (<see cref="ScenarioLimits.MaxEvents"/>): the session stops
    /// where it is rather than grow; going back to an earlier moment starts it again.</summary>
    private void Halt()
    {
        _halted = $"more than {EventLimit:N0} events by day {(_sim.Now - Plan.Start).TotalDays:0} " +
            $"(mostly {_history.MostCommonType}); the limit is {EventLimit:N0} per run, as for `run` " +
            "(docs/scenario-format.md, Limits): go back to an earlier moment.";
        Paused = true;
        _carry = 0;
    }

    private void RunToNext()
    {
        if (_halted is not null) throw new ControlException(_halted);
        if (_sim.IsFinished) throw new ControlException("the run has ended; there is nothing next.");
        Advance(Plan.End, PauseConditions.Next, live: false);
        Paused = true;
    }

    /// <summary>Goes to <paramref name="target"/> (rounded down to the step grid). Back in time, the
    /// run is simulated again from the start with the injections recorded so far (deterministic,
    /// so it is the same run); the viewers get a fresh snapshot.</summary>
    private void SeekTo(SimInstant target)
    {
        if (target < Plan.End)
        {
            var grid = (target.UnixSeconds - Plan.Start.UnixSeconds) / Step * Step;
            target = Plan.Start + SimDuration.FromSeconds(grid);
        }
        _muted = true;
        if (target < _sim.Now || target == Plan.Start) Rebuild();
        Advance(target, PauseConditions.None, live: false);
        Paused = true;
        _carry = 0;
    }

    private void SendSnapshot()
    {
        var frame = SseClient.Frame("reset", _history.Snapshot(StatusJson()));
        for (var i = _clients.Count - 1; i >= 0; i--)
            if (!_clients[i].Send(frame)) _clients.RemoveAt(i);
    }

    private void Rebuild()
    {
        _feed?.Dispose();
        _sim?.Dispose();
        var loaded = ScenarioLoader.Parse(_recording.ToYaml(), _source.Path);
        _sim = new Simulation(loaded.Plan, _retainHistory);
        _history.Clear();
        _lastReading = null;
        _halted = null;
        var events = _sim.Events.Subscribe(OnEvent);
        var samples = _sim.Telemetry.Subscribe(OnSample);
        _feed = new Both(events, samples);
        _sim.AdvanceTo(_sim.Now); // starts the run: the first frame shows the programmed rates
    }

    private void OnEvent(PumpEvent e)
    {
        if (_stopAt is null && _watch.Matches(e)) _stopAt = e.At;
        _lastReading = e switch
        {
            Interrogation i => new ProgrammerReading(i.At, i.EstimatedMl),
            Refill r => new ProgrammerReading(r.At, r.ProgrammedMl),
            PocketFill f => new ProgrammerReading(f.At, f.ProgrammedMl),
            _ => _lastReading,
        };
        if (_muted && e is AlarmTone)
        {
            // A tone is sound, kept by no snapshot: while nobody listens, it is only counted
            // (a ten-year seek passes over a hundred thousand of them).
            _history.AddEvent(e, "");
            return;
        }
        var json = EventView.Json(e);
        _history.AddEvent(e, json);
        Broadcast("pump", json);
    }

    private void OnSample(TelemetrySample s)
    {
        var json = SampleJson(s, Plan.Start);
        _history.AddSample(s, Plan.Start, json);
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
        w.WriteNumber("now_s", Elapsed);
        w.WriteNumber("end_s", Plan.Duration.Seconds);
        w.WriteBoolean("paused", Paused);
        w.WriteBoolean("finished", _sim.IsFinished);
        w.WriteNumber("speed", Speed);
        w.WriteString("pause_at", PauseAt.ToString());
        w.WriteBoolean("auto_pause", PauseAt.Terms.Contains("narration"));
        w.WriteNumber("injected", _recording.Entries.Count);
        w.WriteNumber("viewers", _clients.Count);
        w.WriteBoolean("revealed", Revealed);
        w.WriteStartArray("bookmarks");
        foreach (var b in _bookmarks) w.WriteNumberValue(b);
        w.WriteEndArray();
        if (_halted is null) w.WriteNull("halted"); else w.WriteString("halted", _halted);
    });

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

    internal static string JsonStrings(IEnumerable<string> values)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            foreach (var v in values) w.WriteStringValue(v);
            w.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static double Number(JsonElement body, string key) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) && double.IsFinite(d)
            ? d : throw new ControlException($"'{key}' must be a number.");

    private static bool Bool(JsonElement body, string key) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(key, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? v.GetBoolean() : throw new ControlException($"'{key}' must be true or false.");

    private static string Text(JsonElement body, string key, int max, bool allowEmpty) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String
            && v.GetString() is { } s && s.Length <= max && (allowEmpty || s.Length > 0)
            ? s : throw new ControlException(key == "at" ? $"'{key}' must be a duration from the start, e.g. \"2d6h\"." : $"'{key}' must be text of at most {max} characters.");

    public void Dispose()
    {
        lock (Gate)
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
