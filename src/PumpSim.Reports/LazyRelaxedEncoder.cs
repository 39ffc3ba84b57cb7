using System.Buffers;
using System.Text.Encodings.Web;

namespace PumpSim.Reports;

/// <summary><see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/>, built only when a string
/// needs escaping. That encoder's first use builds a table of every defined Unicode code point, a
/// twentieth of a one-day run's whole process (docs/startup.md), though our files are almost all
/// printable ASCII, which it leaves as it is except for the quote and the backslash. Whatever is
/// not that plain text goes to the real encoder, so the bytes written are the same
/// (<c>LazyRelaxedEncoderTests</c> compares the two over every UTF-16 code unit and generated text).</summary>
internal sealed unsafe class LazyRelaxedEncoder : JavaScriptEncoder
{
    public static readonly LazyRelaxedEncoder Instance = new();

    private LazyRelaxedEncoder() { }

    private static JavaScriptEncoder Inner => UnsafeRelaxedJsonEscaping;

    /// <summary>Printable ASCII other than the two characters JSON itself reserves.</summary>
    private static bool Plain(int c) => c is >= 0x20 and <= 0x7E and not '"' and not '\\';

    public override int MaxOutputCharactersPerInputCharacter => Inner.MaxOutputCharactersPerInputCharacter;

    public override bool WillEncode(int unicodeScalar) => !Plain(unicodeScalar) && Inner.WillEncode(unicodeScalar);

    public override int FindFirstCharacterToEncode(char* text, int textLength)
    {
        for (var i = 0; i < textLength; i++)
        {
            if (Plain(text[i])) continue;
            // Everything before i is ASCII, so i starts a character: the rest is the real encoder's.
            var rest = Inner.FindFirstCharacterToEncode(text + i, textLength - i);
            return rest < 0 ? -1 : i + rest;
        }
        return -1;
    }

    public override int FindFirstCharacterToEncodeUtf8(ReadOnlySpan<byte> utf8Text)
    {
        for (var i = 0; i < utf8Text.Length; i++)
        {
            if (Plain(utf8Text[i])) continue;
            var rest = Inner.FindFirstCharacterToEncodeUtf8(utf8Text[i..]);
            return rest < 0 ? -1 : i + rest;
        }
        return -1;
    }

    public override bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten) =>
        Inner.TryEncodeUnicodeScalar(unicodeScalar, buffer, bufferLength, out numberOfCharactersWritten);

    public override OperationStatus EncodeUtf8(ReadOnlySpan<byte> utf8Source, Span<byte> utf8Destination, out int bytesConsumed, out int bytesWritten, bool isFinalBlock = true) =>
        Inner.EncodeUtf8(utf8Source, utf8Destination, out bytesConsumed, out bytesWritten, isFinalBlock);

    public override OperationStatus Encode(ReadOnlySpan<char> source, Span<char> destination, out int charsConsumed, out int charsWritten, bool isFinalBlock = true) =>
        Inner.Encode(source, destination, out charsConsumed, out charsWritten, isFinalBlock);

    public override string Encode(string value) => Inner.Encode(value);

    public override void Encode(TextWriter output, string value, int startIndex, int characterCount) =>
        Inner.Encode(output, value, startIndex, characterCount);

    public override void Encode(TextWriter output, char[] value, int startIndex, int characterCount) =>
        Inner.Encode(output, value, startIndex, characterCount);
}
