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
        var n = Utf8NoBom.Encoding.GetBytes(text, Room(Utf8NoBom.Encoding.GetMaxByteCount(text.Length)));
        _length += n;
    }

    /// <summary>A JSON string as <see cref="Utf8JsonWriter.WriteStringValue(string)"/> writes it with
    /// <see cref="JsonOptions.Compact"/>: printable ASCII other than the quote and the backslash is
    /// copied between quotes, anything else goes through such a writer.</summary>
    public void JsonString(string? text)
    {
        if (text is null) { Bytes("null"u8); return; }
        var room = Room(text.Length + 2);
        room[0] = (byte)'"';
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is < (char)0x20 or > (char)0x7E or '"' or '\\') { EscapedJsonString(text); return; }
            room[i + 1] = (byte)c;
        }
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
        // The same conversion ToString makes (and the same exception outside DateTimeOffset's range).
        var (year, month, day) = DateTimeOffset.FromUnixTimeSeconds(t.UnixSeconds).UtcDateTime;
        var s = t.SecondOfDay;
        var room = Room(20);
        Digits(room, 0, year, 4);
        room[4] = (byte)'-';
        Digits(room, 5, month, 2);
        room[7] = (byte)'-';
        Digits(room, 8, day, 2);
        room[10] = (byte)'T';
        Digits(room, 11, (int)(s / 3600), 2);
        room[13] = (byte)':';
        Digits(room, 14, (int)(s / 60 % 60), 2);
        room[16] = (byte)':';
        Digits(room, 17, (int)(s % 60), 2);
        room[19] = (byte)'Z';
        _length += 20;
    }

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
