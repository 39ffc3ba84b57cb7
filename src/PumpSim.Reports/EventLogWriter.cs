using System.Globalization;
using System.Text;
using System.Text.Json;
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
    /// time order even if a caller hands them over merged from several sources. Lines are written
    /// as bytes (<see cref="Utf8LineWriter"/>): a run that tones for years writes millions.</summary>
    public static void Write(Stream output, IEnumerable<PumpEvent> events)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(events);
        var line = new Utf8LineWriter(output);
        // Runs of one type are common (a tone every 10 minutes for years): its shape is looked up once a run.
        Type? type = null;
        EventShape shape = null!;
        ShapeText text = null!;
        foreach (var e in InOrder(events))
        {
            if (e.GetType() != type)
            {
                type = e.GetType();
                (shape, text) = ShapeAndText(e);
            }
            WriteOne(line, e, shape, text);
            line.Byte((byte)'\n');
        }
        line.Flush();
        output.Flush();
    }

    /// <summary>One event as its JSON line, without the newline (for tests and the CLI's --follow).</summary>
    public static string ToJsonLine(PumpEvent e)
    {
        using var buffer = new MemoryStream();
        var line = new Utf8LineWriter(buffer);
        var (shape, text) = ShapeAndText(e);
        WriteOne(line, e, shape, text);
        line.Flush();
        return Utf8NoBom.Encoding.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>The engine hands its events over in order; only a list out of order is sorted
    /// (a stable sort of an ordered list would give it back unchanged).</summary>
    private static IEnumerable<PumpEvent> InOrder(IEnumerable<PumpEvent> events)
    {
        var list = events as IReadOnlyList<PumpEvent> ?? events.ToList();
        for (var i = 1; i < list.Count; i++)
        {
            var (a, b) = (list[i - 1], list[i]);
            if (b.At < a.At || (b.At == a.At && b.Sequence < a.Sequence))
                return list.OrderBy(e => e.At).ThenBy(e => e.Sequence);
        }
        return list;
    }

    /// <summary>Each event type's fixed text, escaped once: <c>","type":"…"</c> after the instant and
    /// <c>,"name":</c> before each field, and the field's name for a refusal's message.</summary>
    private sealed record ShapeText(byte[] TypeTail, byte[][] Names, string[] Whats);

    // Looked up by key only, never enumerated.
    private static readonly Dictionary<EventShape, ShapeText> Texts = EventTable.All.ToDictionary(s => s, s => new ShapeText(
        [.. "\",\"type\":\""u8, .. Escaped(s.Type), .. "\""u8],
        s.Fields.Select(f => (byte[])[.. ",\""u8, .. Escaped(f.Name), .. "\":"u8]).ToArray(),
        s.Fields.Select(f => $"{s.Type}.{f.Name}").ToArray()));

    /// <summary>A name as the JSON writer escapes it (with the files' encoder), without its quotes.</summary>
    private static ReadOnlySpan<byte> Escaped(string name) => JsonEncodedText.Encode(name, LazyRelaxedEncoder.Instance).EncodedUtf8Bytes;

    private static (EventShape Shape, ShapeText Text) ShapeAndText(PumpEvent e)
    {
        var shape = EventTable.ShapeOf(e);
        return (shape, Texts[shape]);
    }

    private static void WriteOne(Utf8LineWriter line, PumpEvent e, EventShape shape, ShapeText text)
    {
        line.Bytes("{\"t\":\""u8);
        line.Instant(e.At);
        line.Bytes(text.TypeTail);
        // The table refuses a field named t or type, which would duplicate a key of the line.
        for (var i = 0; i < shape.Fields.Count; i++)
        {
            if (!shape.Fields[i].TryRead(e, out var value)) continue;
            line.Bytes(text.Names[i]);
            WriteValue(line, value, text.Whats[i]);
        }
        line.Byte((byte)'}');
    }

    /// <summary>The value types <see cref="EventTable"/> gives (string, long, double, bool), plus a few
    /// a table entry may reasonably pass (units, instants, enums) written as their invariant text.</summary>
    internal static void WriteValue(Utf8LineWriter line, object? value, string what)
    {
        switch (value)
        {
            case null: line.Bytes("null"u8); break;
            case string s: line.JsonString(s); break;
            case bool b: line.Bytes(b ? "true"u8 : "false"u8); break;
            case long l: line.Integer(l); break;
            case int i: line.Integer(i); break;
            case ulong u: line.Integer(u); break;
            case double d: line.JsonNumber(d, what); break;
            case float f: line.JsonNumber(f, what); break;
            case decimal m: line.JsonNumber((double)m, what); break;
            case SimInstant t: line.JsonString(t.ToString()); break;
            // Enums as the kebab-case words the spec uses ("non-critical"), never "NonCritical".
            case AlarmPriority p: line.JsonString(AlarmIds.Text(p)); break;
            case Enum en: line.JsonString(Kebab(en.ToString())); break;
            case IFormattable fmt: line.JsonString(fmt.ToString(null, CultureInfo.InvariantCulture)); break;
            default: line.JsonString(value.ToString()); break;
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
