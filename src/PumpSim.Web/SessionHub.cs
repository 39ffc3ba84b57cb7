using System.Diagnostics;

namespace PumpSim.Web;

/// <summary>The sessions of one server (at most <see cref="MaxSessions"/>) and the ticker that
/// paces them against real time. Session 1 exists from the start; trainers may open more (a rehearsal
/// next to the class's run) and close them.</summary>
public sealed class SessionHub : IDisposable
{
    public const int MaxSessions = 8;

    /// <summary>The class's streams, over all sessions. Well below the server's connection limit
    /// (<see cref="ConsoleServer.MaxConnections"/>), so the trainer's controls always find room.</summary>
    public const int MaxViewers = 256;

    /// <summary>The trainer's own streams (pages opened with the token), counted apart: a full
    /// class never locks the trainer's page out.</summary>
    public const int MaxTrainerStreams = 16;
    private int _viewers, _trainerStreams, _presented = 1;
    private const int TickMs = 100;
    private readonly object _gate = new();
    private readonly SortedDictionary<int, Session> _sessions = [];
    private readonly ScenarioSource _source;
    private readonly CancellationTokenSource _stop = new();
    private Task? _ticker;
    private int _nextId = 1;
    private int _disposed;

    public SessionHub(ScenarioSource source)
    {
        _source = source;
        Create();
    }

    public ScenarioSource Source => _source;

    public Session? Get(int id) { lock (_gate) return _sessions.GetValueOrDefault(id); }

    public int Count { get { lock (_gate) return _sessions.Count; } }

    /// <summary>A new session, or null when <see cref="MaxSessions"/> are open.</summary>
    public Session? Create()
    {
        lock (_gate)
        {
            if (_sessions.Count >= MaxSessions) return null;
            var s = new Session(_nextId++, _source);
            _sessions.Add(s.Id, s);
            return s;
        }
    }

    /// <summary>Closes a session (not session 1, which the printed URL shows).</summary>
    public bool Close(int id)
    {
        Session? s;
        lock (_gate)
        {
            if (id == 1 || !_sessions.Remove(id, out s)) return false;
        }
        if (Presented == id) Present(1);
        s.Dispose();
        return true;
    }

    /// <summary>Takes a stream slot; false when full (the 503 says so).</summary>
    public bool TryTakeStream(bool trainer)
    {
        lock (_gate)
        {
            if (trainer ? _trainerStreams >= MaxTrainerStreams : _viewers >= MaxViewers) return false;
            if (trainer) _trainerStreams++; else _viewers++;
            return true;
        }
    }

    public void ReleaseStream(bool trainer)
    {
        lock (_gate) { if (trainer) _trainerStreams--; else _viewers--; }
    }

    /// <summary>The session the trainer last drove: the class's page follows it.</summary>
    public int Presented { get { lock (_gate) return _presented; } }

    /// <summary>The trainer drove <paramref name="id"/>: every class page on another session is told to follow.</summary>
    public void Present(int id)
    {
        Session[] all;
        lock (_gate)
        {
            if (_presented == id) return;
            _presented = id;
            all = [.. _sessions.Values];
        }
        foreach (var s in all) s.Follow(id);
    }

    public void Start() => _ticker ??= Task.Run(TickLoop);

    private async Task TickLoop()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(TickMs));
        var clock = Stopwatch.StartNew();
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                var elapsed = clock.Elapsed.TotalSeconds;
                clock.Restart();
                Session[] all;
                lock (_gate) all = [.. _sessions.Values];
                foreach (var s in all) s.Tick(Math.Min(elapsed, 1.0)); // a stall of the host is not a jump of hours
            }
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>Stops the ticker and ends every viewer's stream, so the server can stop at once.</summary>
    public void Dispose()
    {
        // Called on ApplicationStopping and again when the container is disposed.
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _stop.Cancel();
        try { _ticker?.Wait(TimeSpan.FromSeconds(2)); } catch (AggregateException) { }
        Session[] all;
        lock (_gate) { all = [.. _sessions.Values]; _sessions.Clear(); }
        foreach (var s in all) s.Dispose();
        _stop.Dispose();
    }
}
