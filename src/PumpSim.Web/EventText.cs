using System.Globalization;
using PumpSim.Core.Events;

namespace PumpSim.Web;

/// <summary>The words the page shows for an event, computed here so the page keeps no table of its
/// own (issue 20: one source of truth). Until Core gives every event type its sentence, this says the
/// type and its fields as events.jsonl has them, so no event type is ever missing from the list.</summary>
internal static class EventText
{
    public static string Of(PumpEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var fields = EventTable.Values(e).Select(f => f.Name.Replace('_', ' ') + " " + Value(f.Value));
        var list = string.Join(", ", fields);
        return list.Length == 0 ? e.Type : e.Type + ": " + list;
    }

    private static string Value(object? v) => v switch
    {
        null => "–",
        double d => d.ToString("0.###", CultureInfo.InvariantCulture),
        bool b => b ? "yes" : "no",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };
}
