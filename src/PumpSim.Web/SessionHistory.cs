using System.Text;
using PumpSim.Core.Events;
using PumpSim.Core.Units;
using PumpSim.Reports;

namespace PumpSim.Web;

/// <summary>What a session keeps to show a viewer who joins late: its memory is bounded whatever
/// the scenario asks (issue 21: a file `run` accepts took ~1 GB per session). The chart history is
/// thinned as the report thins its charts (<see cref="ChartDecimator"/>: each bucket keeps its first,
/// last, lowest and highest point of every charted series); the event list keeps the latest
/// <see cref="MaxEvents"/> events other than tones (a tone is sound, not a line to read); the panes
/// need only the last full sample.</summary>
internal sealed class SessionHistory
{
    /// <summary>Chart points kept before thinning to <see cref="ChartDecimator.MaxBuckets"/> buckets.</summary>
    public const int MaxPoints = 8_000;
    public const int MaxEvents = 5_000;

    private readonly List<ChartPoint> _points = [];
    private readonly LinkedList<string> _events = new();
    private readonly SortedSet<string> _flags = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _byType = new(StringComparer.Ordinal);
    private string? _last;

    /// <summary>The event type seen most often (the backstop's message names it).</summary>
    public string MostCommonType => _byType.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key).FirstOrDefault() ?? "none";

    /// <summary>Every event the engine emitted in this run, tones included (the backstop counts them).</summary>
    public long EventCount { get; private set; }

    public int PointCount => _points.Count;
    public int KeptEventCount => _events.Count;

    public void Clear()
    {
        _points.Clear();
        _events.Clear();
        _flags.Clear();
        _byType.Clear();
        _last = null;
        EventCount = 0;
    }

    /// <summary>Counts the event and keeps its line for the page, unless it is a tone.</summary>
    public void AddEvent(PumpEvent e, string json)
    {
        EventCount++;
        _byType[e.Type] = _byType.GetValueOrDefault(e.Type) + 1;
        if (e is PatientFlagRaised raised) _flags.Add(raised.Flag);
        if (e is PatientFlagCleared cleared) _flags.Remove(cleared.Flag);
        if (e is AlarmTone) return;
        _events.AddLast(json);
        if (_events.Count > MaxEvents) _events.RemoveFirst();
    }

    public void AddSample(TelemetrySample s, SimInstant start, string json)
    {
        _last = json;
        _points.Add(new ChartPoint(s.At.UnixSeconds - start.UnixSeconds, s.ReservoirEstimatedMl, s.ReservoirTrueMl, s.ProgrammedMcgPerDay, s.CsfMcgPerDay));
        if (_points.Count <= MaxPoints) return;
        var keep = ChartDecimator.KeepIndices(_points.Count,
            [i => _points[i].EstimatedMl, i => _points[i].TrueMl, i => _points[i].ProgrammedMcgPerDay, i => _points[i].CsfMcgPerDay]);
        var kept = keep.Select(i => _points[i]).ToArray();
        _points.Clear();
        _points.AddRange(kept);
    }

    /// <summary>The snapshot a viewer starts from: status, kept events, chart points, the last sample, active flags.</summary>
    public string Snapshot(string statusJson)
    {
        var sb = new StringBuilder();
        sb.Append("{\"status\":").Append(statusJson)
          .Append(",\"events\":[").AppendJoin(',', _events).Append(']')
          .Append(",\"points\":[").AppendJoin(',', _points.Select(p => p.Json())).Append(']')
          .Append(",\"last\":").Append(_last ?? "null")
          .Append(",\"flags\":").Append(Session.JsonStrings(_flags))
          .Append('}');
        return sb.ToString();
    }

    private readonly record struct ChartPoint(long TSeconds, double EstimatedMl, double TrueMl, double ProgrammedMcgPerDay, double CsfMcgPerDay)
    {
        public string Json()
        {
            var p = this;
            return Session.Json(w =>
            {
                w.WriteNumber(TelemetryColumns.OffsetSeconds.Name, p.TSeconds);
                w.WriteNumber(TelemetryColumns.ReservoirEstimatedMl.Name, p.EstimatedMl);
                w.WriteNumber(TelemetryColumns.ReservoirTrueMl.Name, p.TrueMl);
                w.WriteNumber(TelemetryColumns.ProgrammedMcgPerDay.Name, p.ProgrammedMcgPerDay);
                w.WriteNumber(TelemetryColumns.CsfMcgPerDay.Name, p.CsfMcgPerDay);
            });
        }
    }
}
