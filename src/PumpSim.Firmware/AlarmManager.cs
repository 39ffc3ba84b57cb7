using PumpSim.Core.Events;
using PumpSim.Core.Units;

namespace PumpSim.Core.Firmware;

/// <summary>The firmware's alarm manager: raises, tones, silences and clears the alarms of
/// PUMP.md §5 and keeps one record per occurrence for the summary. Tones are due instants the
/// engine treats as breakpoints, never timers.</summary>
public sealed class AlarmManager
{
    public delegate void Emit(PumpEvent e);

    private readonly Alarm[] _alarms;
    private readonly List<AlarmRecordBuilder> _records = [];
    private readonly SimDuration _nonCriticalRepeat, _criticalRepeat;
    private readonly Emit _emit;
    private SimInstant _silenceUntil = SimInstant.MaxValue;

    public AlarmManager(SimDuration nonCriticalRepeat, SimDuration criticalRepeat, Emit emit)
    {
        _nonCriticalRepeat = nonCriticalRepeat;
        _criticalRepeat = criticalRepeat;
        _emit = emit;
        _alarms = AlarmIds.All.Select(a => new Alarm(a.Id, a.Priority)).ToArray();
    }

    public IReadOnlyList<Alarm> Alarms => _alarms;

    public Alarm Get(string id)
    {
        foreach (var a in _alarms) if (a.Id == id) return a;
        throw new ArgumentException($"unknown alarm {id}", nameof(id));
    }

    public bool AnySounding => _alarms.Any(a => a.IsActive);

    /// <summary>Ids of the active alarms in table order; shared empty list when none (every sample asks).</summary>
    public IReadOnlyList<string> ActiveIds()
    {
        var n = 0;
        foreach (var a in _alarms) if (a.IsActive) n++;
        if (n == 0) return [];
        var ids = new string[n];
        n = 0;
        foreach (var a in _alarms) if (a.IsActive) ids[n++] = a.Id;
        return ids;
    }

    private SimDuration Repeat(Alarm a) => a.Priority == AlarmPriority.Critical ? _criticalRepeat : _nonCriticalRepeat;

    /// <summary>Asserts the condition of <paramref name="id"/>. A new occurrence is announced at once
    /// and ends any silence: a silence never lasts past a new alarm.</summary>
    public void Raise(string id, SimInstant now)
    {
        var a = Get(id);
        if (!a.Raise()) return;
        _records.Add(new AlarmRecordBuilder(a.Id, a.Priority, now));
        a.OccurrenceIndex = _records.Count - 1;
        _emit(new AlarmRaised(a.Id, a.Priority));
        if (_silenceUntil != SimInstant.MaxValue) EndSilence(now, "a new alarm");
        Tone(a, now);
    }

    public void ConditionGone(string id, SimInstant now)
    {
        var a = Get(id);
        if (a.ConditionPresent && a.ConditionGone()) Cleared(a, now, "condition gone");
    }

    /// <summary>Clears <paramref name="id"/> now, whatever its latch: for alarms whose rule is "clears when reprogrammed".</summary>
    public void ClearByProcedure(string id, SimInstant now, string reason)
    {
        var a = Get(id);
        if (!a.IsActive) return;
        a.ConditionGone();
        if (a.IsActive) a.Interrogated();
        Cleared(a, now, reason);
    }

    public void Interrogated(SimInstant now)
    {
        foreach (var a in _alarms)
            if (a.Interrogated()) Cleared(a, now, "interrogation");
    }

    public void ResetAll(SimInstant now)
    {
        foreach (var a in _alarms)
            if (a.Reset()) Cleared(a, now, "pump replaced");
        _silenceUntil = SimInstant.MaxValue;
    }

    public void Silence(SimInstant now, SimDuration duration)
    {
        var silenced = new List<string>();
        foreach (var a in _alarms)
            if (a.Silence()) { silenced.Add(a.Id); a.NextTone = SimInstant.MaxValue; }
        if (silenced.Count == 0) return;
        _silenceUntil = now + duration;
        _emit(new AlarmSilenced(silenced, _silenceUntil));
    }

    /// <summary>Plays the tones due at <paramref name="now"/> and ends an expired silence.</summary>
    public void OnTime(SimInstant now)
    {
        if (now >= _silenceUntil) EndSilence(now, "silence elapsed");
        foreach (var a in _alarms)
            if (a.IsSounding && a.NextTone <= now) Tone(a, now);
    }

    public SimInstant NextDue()
    {
        var next = _silenceUntil;
        foreach (var a in _alarms)
            if (a.IsSounding && a.NextTone < next) next = a.NextTone;
        return next;
    }

    private void EndSilence(SimInstant now, string why)
    {
        _silenceUntil = SimInstant.MaxValue;
        var resumed = new List<Alarm>();
        foreach (var a in _alarms)
            if (a.EndSilence()) resumed.Add(a);
        if (resumed.Count == 0) return;
        _emit(new AlarmSilenceEnded(resumed.Select(a => a.Id).ToArray(), why));
        foreach (var a in resumed) Tone(a, now);
    }

    private void Tone(Alarm a, SimInstant now)
    {
        _records[a.OccurrenceIndex].Tones++;
        _emit(new AlarmTone(a.Id, a.Priority));
        a.NextTone = now + Repeat(a);
    }

    private void Cleared(Alarm a, SimInstant now, string reason)
    {
        a.NextTone = SimInstant.MaxValue;
        _records[a.OccurrenceIndex].Cleared = now;
        _emit(new AlarmCleared(a.Id, a.Priority, reason));
    }

    public IReadOnlyList<AlarmRecord> Records() =>
        _records.Select(r => new AlarmRecord(r.Id, r.Priority, r.Raised, r.Cleared, r.Tones)).ToArray();

    private sealed class AlarmRecordBuilder(string id, AlarmPriority priority, SimInstant raised)
    {
        public string Id { get; } = id;
        public AlarmPriority Priority { get; } = priority;
        public SimInstant Raised { get; } = raised;
        public SimInstant? Cleared { get; set; }
        public int Tones { get; set; }
    }
}
