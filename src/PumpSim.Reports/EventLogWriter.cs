using System.Globalization;
using System.Text.Json;
using System.Text;
using PumpSim.Core.Events;
using PumpSim.Core.Firmware;
using PumpSim.Core.Units;

namespace PumpSim.Reports;

/// <summary>Writes events.jsonl (SCENARIOS.md §3): one JSON object a line, "t" first, "type"
/// second, then the event's fields with the names and in the order <see cref="EventTable"/> lists
/// them (so a reader sees e.g. alarm before priority, as the spec's example shows).</summary>
public static class EventLogWriter
{
    public const string FileName = "events.jsonl";

    /// <summary>Events are ordered by (instant, sequence) with a stable sort, so the file is in
    /// time order even if a caller hands them over merged from several sources.</summary>
    public static void Write(Stream output, IEnumerable<PumpEvent> events)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(events);
        var newline = new[] { (byte)'\n' };
        using var json = new Utf8JsonWriter(output, JsonOptions.Compact);
        foreach (var e in events.OrderBy(e => e.At).ThenBy(e => e.Sequence))
        {
            WriteOne(json, e);
            json.Flush();
            json.Reset();
            output.Write(newline);
        }
        output.Flush();
    }

    /// <summary>One event as its JSON line, without the newline (for tests and the CLI's --follow).</summary>
    public static string ToJsonLine(PumpEvent e)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonOptions.Compact)) WriteOne(json, e);
        return Utf8NoBom.Encoding.GetString(buffer.ToArray());
    }

    private static void WriteOne(Utf8JsonWriter json, PumpEvent e)
    {
        json.WriteStartObject();
        json.WriteString("t", e.At.ToString());
        json.WriteString("type", e.Type);
        // The table refuses a field named t or type, which would duplicate a key of the line.
        foreach (var (name, value) in EventTable.Values(e))
        {
            json.WritePropertyName(name);
            WriteValue(json, value, $"{e.Type}.{name}");
        }
        json.WriteEndObject();
    }

    /// <summary>The value types <see cref="EventTable"/> gives (string, long, double, bool), plus a few
    /// a table entry may reasonably pass (units, instants, enums) written as their invariant text.</summary>
    internal static void WriteValue(Utf8JsonWriter json, object? value, string what)
    {
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            case string s: json.WriteStringValue(s); break;
            case bool b: json.WriteBooleanValue(b); break;
            case long l: json.WriteNumberValue(l); break;
            case int i: json.WriteNumberValue(i); break;
            case ulong u: json.WriteNumberValue(u); break;
            case double d: json.WriteRawValue(InvariantFormat.JsonNumber(d, what), skipInputValidation: true); break;
            case float f: json.WriteRawValue(InvariantFormat.JsonNumber(f, what), skipInputValidation: true); break;
            case decimal m: json.WriteRawValue(InvariantFormat.JsonNumber((double)m, what), skipInputValidation: true); break;
            case SimInstant t: json.WriteStringValue(t.ToString()); break;
            // Enums as the kebab-case words the spec uses ("non-critical"), never "NonCritical".
            case AlarmPriority p: json.WriteStringValue(AlarmIds.Text(p)); break;
            case Enum en: json.WriteStringValue(Kebab(en.ToString())); break;
            case IFormattable fmt: json.WriteStringValue(fmt.ToString(null, CultureInfo.InvariantCulture)); break;
            default: json.WriteStringValue(value.ToString()); break;
        }
    }

    /// <summary>"NonCritical" → "non-critical"; enum names are ASCII identifiers.</summary>
    internal static string Kebab(string name)
    {
        var sb = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && name[i - 1] != '-') sb.Append('-');
                sb.Append(char.ToLowerInvariant(c));
            }
            else sb.Append(c == '_' ? '-' : c);
        }
        return sb.ToString();
    }
}
