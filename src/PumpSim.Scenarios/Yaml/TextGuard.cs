using System.Buffers;
using System.Text;
using System.Text.Unicode;
using PumpSim.Scenarios.Errors;

namespace PumpSim.Scenarios.Yaml;

/// <summary>Rejects input that is not a scenario before the YAML parser sees it: too big, not
/// UTF-8, or binary. A clear "this is not a text file" beats a confusing syntax error.</summary>
internal static class TextGuard
{
    public const int MaxBytes = 1024 * 1024;

    public static string Decode(byte[] bytes)
    {
        if (bytes.Length > MaxBytes)
            throw new NodeError(Position.FileStart, $"the file is {bytes.Length} bytes; scenario files are limited to {MaxBytes} bytes (1 MB)");
        var span = bytes.AsSpan();
        if (span.StartsWith(Encoding.UTF8.Preamble)) span = span[Encoding.UTF8.Preamble.Length..];
        var chars = new char[span.Length];
        var status = Utf8.ToUtf16(span, chars, out var read, out var written, replaceInvalidSequences: false);
        if (status != OperationStatus.Done)
        {
            var at = PositionOf(new string(chars, 0, written), written);
            throw new NodeError(at, $"not a UTF-8 text file (byte 0x{span[read]:X2} cannot start a character); expected a YAML scenario");
        }
        return new string(chars, 0, written);
    }

    public static void Check(string text)
    {
        if (text.Length > MaxBytes)
            throw new NodeError(Position.FileStart, $"the text is {text.Length} characters; scenario files are limited to 1 MB");
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < ' ' && c is not ('\t' or '\n' or '\r'))
                throw new NodeError(PositionOf(text, i), $"binary data (control character U+{(int)c:X4}); expected a YAML text file");
        }
    }

    /// <summary>Line and column (1-based) of character <paramref name="index"/>.</summary>
    public static Position PositionOf(string text, int index)
    {
        int line = 1, column = 1;
        for (var i = 0; i < index && i < text.Length; i++)
        {
            if (text[i] == '\n') { line++; column = 1; } else column++;
        }
        return new Position(line, column);
    }
}
