using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using FluentAssertions;
using Xunit;

namespace PumpSim.Reports.Tests;

/// <summary>The lazy encoder must write exactly what UnsafeRelaxedJsonEscaping writes, for values and
/// property names, given as UTF-16 and as UTF-8.</summary>
public class LazyRelaxedEncoderTests
{
    private static string Write(JavaScriptEncoder encoder, string text)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = encoder }))
        {
            json.WriteStartObject();
            json.WriteString(text, text);
            // UTF-8 input takes the byte path; a lone surrogate cannot be UTF-8, so only valid text goes that way.
            var utf8 = new UTF8Encoding(false, false).GetBytes(text);
            json.WriteString("u" + text, utf8);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Same(string text) =>
        Write(LazyRelaxedEncoder.Instance, text).Should().Be(Write(JavaScriptEncoder.UnsafeRelaxedJsonEscaping, text), $"for U+{string.Join(" U+", text.Select(c => ((int)c).ToString("X4")))}");

    [Fact]
    public void LazyRelaxedEncoder_WritesWhatTheRelaxedEncoderWrites_ForEveryCodeUnit()
    {
        for (var c = 0; c <= 0xFFFF; c++)
        {
            Same(((char)c).ToString());
            Same("ab" + (char)c + "cd");
        }
    }

    [Theory]
    [InlineData("plain ascii: mL/day + 5 <4 mL> & 'quoted'")]
    [InlineData("a \"quote\" and a \\ backslash")]
    [InlineData("narration — en dash, µg, 25 °C, naïve")]
    [InlineData("emoji 💊 and a CJK 漢字 title")]
    [InlineData("tab\there\nnewline\u007f del")]
    [InlineData("\ud83d lone high, lone low \ude00 end")]
    [InlineData("unassigned \u0378 and private use \ue000")]
    public void LazyRelaxedEncoder_WritesWhatTheRelaxedEncoderWrites_ForMixedText(string text) => Same(text);

    [Fact]
    public void LazyRelaxedEncoder_AgreesOnWillEncodeAndEncode()
    {
        foreach (var s in new[] { 0x20, 0x22, 0x26, 0x2B, 0x3C, 0x5C, 0x7E, 0x7F, 0xE9, 0x378, 0x1F48A })
            LazyRelaxedEncoder.Instance.WillEncode(s).Should().Be(JavaScriptEncoder.UnsafeRelaxedJsonEscaping.WillEncode(s), $"U+{s:X4}");
        const string text = "a\"b\\c\u0001é💊";
        LazyRelaxedEncoder.Instance.Encode(text).Should().Be(JavaScriptEncoder.UnsafeRelaxedJsonEscaping.Encode(text));
    }
}
