using PumpSim.Core.Units;
using PumpSim.Scenarios.Errors;
using PumpSim.Scenarios.Yaml;

namespace PumpSim.Scenarios.Reading;

/// <summary>The scenario's time line, for reading <c>at:</c>-style values: an offset from start or
/// an absolute time, which must fall inside [start, end].</summary>
internal sealed record TimeFrame(SimInstant Start, SimInstant End)
{
    public SimInstant Read(YNode node, string key)
    {
        var text = Values.Text(node, key);
        SimInstant at;
        if (DurationParser.TryParse(text, out var offset, out var durationError))
        {
            at = Start + offset;
        }
        else if (Values.TryTimestamp(text, out var absolute))
        {
            at = absolute;
            if (at < Start) throw new NodeError(node.At, $"'{key}' is {at}, before the scenario starts at {Start}");
        }
        else
        {
            throw new NodeError(node.At, text.Contains('T') && text.Contains('-')
                ? $"'{key}' expects an ISO-8601 UTC time such as 2026-01-05T08:00:00Z, got '{text}'"
                : durationError.StartsWith("expected ", StringComparison.Ordinal)
                    ? $"'{key}' expects an offset from the start such as 90s, 6h, 3d or 1d2h30m, or an ISO-8601 UTC time such as 2026-01-05T08:00:00Z, got '{text}'"
                    : $"'{key}': {durationError}; write an offset from the start such as 3d, or an ISO-8601 UTC time");
        }
        if (at > End) throw new NodeError(node.At, $"'{key}' is {Describe(at)}, after the end: the scenario ends at {End} ({End - Start})");
        return at;
    }

    public string Describe(SimInstant t) => $"{t} (day {Day(t)})";

    public string Day(SimInstant t) => (t - Start).TotalDays.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture);
}
