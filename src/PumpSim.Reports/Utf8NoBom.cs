using System.Text;

namespace PumpSim.Reports;

/// <summary>UTF-8 without a byte-order mark: a BOM would be the first "field" of the CSV header
/// and the first bytes of each JSON line for naive readers.</summary>
internal static class Utf8NoBom
{
    public static readonly UTF8Encoding Encoding = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>A writer over <paramref name="stream"/> that leaves the stream open (the caller,
    /// usually <see cref="OutputDirectory"/>, owns it) and uses "\n" whatever the OS.</summary>
    public static StreamWriter Writer(Stream stream) => new(stream, Encoding, bufferSize: 1 << 16, leaveOpen: true) { NewLine = "\n" };
}
