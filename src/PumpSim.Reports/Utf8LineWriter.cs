using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using PumpSim.Core.Units;

namespace PumpSim.Reports;

/// <summary>Builds the lines of events.jsonl and telemetry.csv as UTF-8 bytes in one buffer and hands
/// the buffer to the stream when it fills: no string per number, per instant or per line. A text
/// writer and a <see cref="System.Text.StringBuilder"/> per line cost ~4–5 µs a line
/// (docs/performance.md). The text is the same as the string formatters': numbers through
/// <see cref="InvariantFormat"/>, instants as <see cref="SimInstant.ToString"/>, text through the
/// same UTF-8 encoding the writers used (<c>Utf8LineWriterTests</c>).</summary>
internal sealed class Utf8LineWriter(Stream output)
{
    private const int FlushAt = 1 << 16;
    private byte[] _buffer = new byte[FlushAt + 1024];
    private int _length;

    /// <summary>Room for <paramref name="bytes"/> more; flushes what is there first when it would not fit.</summary>
    private Span<byte> Room(int bytes)
    {
        if (_length + bytes > _buffer.Length)
        {
            Flush();
            if (bytes > _buffer.Length) _buffer = new byte[bytes];
        }
        return _buffer.AsSpan(_length);
    }

    public void Byte(byte b)
    {
        if (_length == _buffer.Length) Flush();
        _buffer[_length++] = b;
    }

    public void Bytes(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Room(bytes.Length));
        _length += bytes.Length;
    }

    /// <summary>Text as UTF-8 (no BOM; invalid UTF-16 throws, as the text writers' encoding did).</summary>
    public void Text(string text)
    {
        // ASCII (every word and id the files write) is its own UTF-8: narrowed without the encoder.
        var room = Room(Utf8NoBom.Encoding.GetMaxByteCount(text.Length));
        if (System.Text.Ascii.FromUtf16(text, room, out var n) != OperationStatus.Done)
            n = Utf8NoBom.Encoding.GetBytes(text, room);
        _length += n;
    }

    /// <summary>The characters a JSON string holds as they are: printable ASCII but the quote and the backslash.</summary>
    private static readonly SearchValues<char> Plain = SearchValues.Create(
        string.Concat(Enumerable.Range(0x20, 0x7F - 0x20).Select(c => (char)c).Where(c => c is not ('"' or '\\'))));

    /// <summary>A JSON string as <see cref="Utf8JsonWriter.WriteStringValue(string)"/> writes it with
    /// <see cref="JsonOptions.Compact"/>: printable ASCII other than the quote and the backslash is
    /// copied between quotes, anything else goes through such a writer.</summary>
    public void JsonString(string? text)
    {
        if (text is null) { Bytes("null"u8); return; }
        if (text.AsSpan().ContainsAnyExcept(Plain)) { EscapedJsonString(text); return; }
        var room = Room(text.Length + 2);
        room[0] = (byte)'"';
        System.Text.Ascii.FromUtf16(text, room[1..], out _);
        room[text.Length + 1] = (byte)'"';
        _length += text.Length + 2;
    }

    private ArrayBufferWriter<byte>? _escaped;
    private Utf8JsonWriter? _json;

    private void EscapedJsonString(string text)
    {
        _escaped ??= new ArrayBufferWriter<byte>();
        _escaped.ResetWrittenCount();
        if (_json is null) _json = new Utf8JsonWriter(_escaped, JsonOptions.Compact);
        else _json.Reset(_escaped);
        _json.WriteStringValue(text);
        _json.Flush();
        Bytes(_escaped.WrittenSpan);
    }

    public void Integer(long value)
    {
        Utf8Formatter.TryFormat(value, Room(20), out var n);
        _length += n;
    }

    public void Integer(ulong value)
    {
        Utf8Formatter.TryFormat(value, Room(20), out var n);
        _length += n;
    }

    // Room() may flush, which resets _length: the count is taken before it is added.
    public void Fixed(double value, int decimals)
    {
        var n = InvariantFormat.Fixed(value, decimals, Room(InvariantFormat.MaxNumberBytes));
        _length += n;
    }

    public void JsonNumber(double value, string what)
    {
        var n = InvariantFormat.JsonNumber(value, what, Room(InvariantFormat.MaxNumberBytes));
        _length += n;
    }

    /// <summary>"yyyy-MM-ddTHH:mm:ssZ", as <see cref="SimInstant.ToString"/> writes it.</summary>
    public void Instant(SimInstant t)
    {
        var s = t.SecondOfDay;
        var day = (t.UnixSeconds - s) / 86_400;
        if (day != _day)
        {
            // The same conversion ToString makes (and the same exception outside DateTimeOffset's
            // range, whose ends are whole days), once a day: lines come in time order.
            var (year, month, dayOfMonth) = DateTimeOffset.FromUnixTimeSeconds(t.UnixSeconds).UtcDateTime;
            Digits(_date, 0, year, 4);
            _date[4] = (byte)'-';
            Digits(_date, 5, month, 2);
            _date[7] = (byte)'-';
            Digits(_date, 8, dayOfMonth, 2);
            _date[10] = (byte)'T';
            _day = day;
        }
        var room = Room(20);
        _date.CopyTo(room);
        Digits(room, 11, (int)(s / 3600), 2);
        room[13] = (byte)':';
        Digits(room, 14, (int)(s / 60 % 60), 2);
        room[16] = (byte)':';
        Digits(room, 17, (int)(s % 60), 2);
        room[19] = (byte)'Z';
        _length += 20;
    }

    // "yyyy-MM-ddT" of the day (days since 1970-01-01) of the last instant written.
    private long _day = long.MinValue;
    private readonly byte[] _date = new byte[11];

    private static void Digits(Span<byte> to, int at, int value, int count)
    {
        for (var i = at + count - 1; i >= at; i--) { to[i] = (byte)('0' + value % 10); value /= 10; }
    }

    public void Flush()
    {
        output.Write(_buffer, 0, _length);
        _length = 0;
    }
}
