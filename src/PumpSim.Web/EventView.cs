using System.Text.Json;
using PumpSim.Core.Events;
using PumpSim.Reports;

namespace PumpSim.Web;

/// <summary>An event as the console page receives it: the events.jsonl line plus its words from
/// Core (<see cref="EventWords"/>): the sentence, the short label, the mood and whether an event
/// list shows it. The page keeps no table of event words; it prints what it is sent.</summary>
public static class EventView
{
    public static string Json(PumpEvent e)
    {
        var line = EventLogWriter.ToJsonLine(e);
        var words = EventWords.Of(e);
        // The line is one JSON object; its closing brace is its last character.
        return string.Concat(line[..^1],
            ",\"text\":", Quoted(words.Sentence(e)),
            ",\"label\":", Quoted(words.Label),
            ",\"mood\":\"", words.MoodName, "\"",
            ",\"listed\":", words.Listed ? "true" : "false", "}");
    }

    // The default encoder escapes <, >, & and quotes, so a sentence is safe inside the page's JSON.
    private static string Quoted(string s) => "\"" + JsonEncodedText.Encode(s).ToString() + "\"";
}
