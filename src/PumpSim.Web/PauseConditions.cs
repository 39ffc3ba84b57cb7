using PumpSim.Core.Events;
using PumpSim.Core.Firmware;
using PumpSim.Scenarios.Format;

namespace PumpSim.Web;

/// <summary>When a lesson pauses itself (issue 21): at a narration line, at any alarm, at a named
/// alarm, at a patient flag (any, or a named one). Written as a comma list, the same in the console
/// and in `play --pause-at`: <c>narration,alarm:empty-reservoir,flag:withdrawal-risk</c>. Names
/// are checked against Core's alarm table and the scenario format's patient flags.</summary>
public sealed class PauseConditions
{
    public static readonly PauseConditions None = new([]);

    private readonly string[] _terms;

    private PauseConditions(string[] terms) => _terms = terms;

    public IReadOnlyList<string> Terms => _terms;
    public bool IsEmpty => _terms.Length == 0;
    public override string ToString() => string.Join(',', _terms);

    /// <summary>What a term may be, for messages and the page's help.</summary>
    public static string Help =>
        "narration, alarm, alarm:NAME (" + string.Join(", ", AlarmIds.All.Select(a => a.Id)) + "), flag, flag:NAME (" +
        string.Join(", ", ScenarioFormat.PatientFlags) + ")";

    public static bool TryParse(string? text, out PauseConditions conditions, out string? error)
    {
        conditions = None;
        error = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (text.Length > 512) { error = "the pause conditions are longer than 512 characters."; return false; }
        var terms = new List<string>();
        foreach (var raw in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var ok = raw switch
            {
                "narration" or "alarm" or "flag" => true,
                _ when raw.StartsWith("alarm:", StringComparison.Ordinal) => AlarmIds.IsKnown(raw[6..]),
                _ when raw.StartsWith("flag:", StringComparison.Ordinal) => ScenarioFormat.PatientFlags.Contains(raw[5..]),
                _ => false,
            };
            if (!ok) { error = $"unknown pause condition '{raw}'; expected a comma list of {Help}."; return false; }
            if (!terms.Contains(raw)) terms.Add(raw);
        }
        conditions = new PauseConditions([.. terms]);
        return true;
    }

    /// <summary>True when <paramref name="e"/> is a moment to pause at.</summary>
    public bool Matches(PumpEvent e) => e switch
    {
        Narration => _terms.Contains("narration"),
        AlarmRaised a => _terms.Contains("alarm") || _terms.Contains("alarm:" + a.Alarm),
        PatientFlagRaised f => _terms.Contains("flag") || _terms.Contains("flag:" + f.Flag),
        _ => false,
    };

    /// <summary>"Next narration or alarm" of the page and the N key: the moments a presenter steps through.</summary>
    public static readonly PauseConditions Next = new(["narration", "alarm"]);
}
