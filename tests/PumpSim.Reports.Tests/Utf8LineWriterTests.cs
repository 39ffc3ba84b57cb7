using System.Text;
using System.Text.Json;
using CsCheck;
using PumpSim.Core.Units;

namespace PumpSim.Reports.Tests;

/// <summary>The byte writers must write exactly the text of the string formatters they replace:
/// <see cref="InvariantFormat"/>'s string methods, <see cref="SimInstant.ToString"/>, and a
/// <see cref="Utf8JsonWriter"/> with the files' options for strings.</summary>
public class Utf8LineWriterTests
{
    // One writer for all the values a test checks (a writer holds a 65-KB buffer).
    private readonly MemoryStream _buffer = new();
    private readonly Utf8LineWriter _line;

    public Utf8LineWriterTests() => _line = new Utf8LineWriter(_buffer);

    private string Bytes(Action<Utf8LineWriter> write)
    {
        _buffer.SetLength(0);
        write(_line);
        _line.Flush();
        return Encoding.UTF8.GetString(_buffer.GetBuffer(), 0, (int)_buffer.Length);
    }

    /// <summary>Doubles of every magnitude the files see and beyond, both signs, decimal midpoints
    /// (x.xxx5 at every number of decimals) and their neighbours, and the fast path's limit, 1e9.</summary>
    private static IEnumerable<double> Doubles()
    {
        yield return 0;
        yield return -0.0;
        yield return double.NaN;
        yield return double.PositiveInfinity;
        yield return double.NegativeInfinity;
        yield return double.MaxValue;
        yield return double.Epsilon;
        foreach (var edge in new[] { 1e9, 999_999_999.9999995, 999_999_999.999_999_4, 1e15, 4.5e15, 1e16 })
            foreach (var v in new[] { edge, Math.BitDecrement(edge), Math.BitIncrement(edge) })
            {
                yield return v;
                yield return -v;
            }
        // A fixed xorshift: the same doubles every run.
        ulong x = 0x9E3779B97F4A7C15;
        for (var i = 0; i < 50_000; i++)
        {
            x ^= x << 13; x ^= x >> 7; x ^= x << 17;
            var exponent = (int)(x % 25) - 12;                        // 1e-12 … 1e12
            var mantissa = (x >> 11) * (1.0 / (1UL << 53));           // [0, 1)
            var v = mantissa * Math.Pow(10, exponent);
            if ((x & 1) == 1) v = -v;
            yield return v;
            var digits = (int)(x >> 60) % 7;                          // a midpoint at 0–6 decimals
            var mid = (Math.Floor(Math.Abs(v) * Math.Pow(10, digits)) + 0.5) / Math.Pow(10, digits);
            yield return mid;
            yield return Math.BitDecrement(mid);
            yield return Math.BitIncrement(mid);
        }
    }

    [Fact]
    public void Utf8LineWriter_Fixed_WritesWhatInvariantFormatFixedWrites()
    {
        foreach (var v in Doubles())
            for (var d = 0; d <= 6; d++)
            {
                var expected = InvariantFormat.Fixed(v, d);
                var written = Bytes(l => l.Fixed(v, d));
                if (written != expected) written.Should().Be(expected, $"Fixed({v:R}, {d})");
            }
    }

    [Fact]
    public void Utf8LineWriter_JsonNumber_WritesWhatInvariantFormatJsonNumberWrites()
    {
        foreach (var v in Doubles().Where(double.IsFinite))
        {
            var expected = InvariantFormat.JsonNumber(v, "x");
            var written = Bytes(l => l.JsonNumber(v, "x"));
            if (written != expected) written.Should().Be(expected, $"JsonNumber({v:R})");
        }
    }

    [Fact]
    public void Utf8LineWriter_JsonNumber_RefusesNonFiniteLikeTheStringForm()
    {
        var act = () => Bytes(l => l.JsonNumber(double.NaN, "refill.withdrawn_ml"));
        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("refill.withdrawn_ml");
    }

    [Fact]
    public void Utf8LineWriter_Instant_WritesWhatSimInstantToStringWrites()
    {
        // Every hour of 1969–1972 (a leap year, the epoch, negative seconds) at an odd second, and
        // the extremes of the years DateTimeOffset can hold.
        var instants = new List<long> { -62_135_596_800, 253_402_300_799, 0, -1, 1_767_225_600 };
        for (var s = -31_536_000L; s < 3 * 31_622_400L; s += 3_607) instants.Add(s);
        foreach (var s in instants)
        {
            var t = SimInstant.FromUnixSeconds(s);
            Bytes(l => l.Instant(t)).Should().Be(t.ToString());
        }
    }

    private static string ByJsonWriter(string text)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonOptions.Compact)) json.WriteStringValue(text);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    [Fact]
    public void Utf8LineWriter_JsonString_WritesWhatTheJsonWriterWrites_ForEveryCodeUnit()
    {
        for (var c = 0; c <= 0xFFFF; c++)
        {
            var text = "ab" + (char)c + "cd";
            var written = Bytes(l => l.JsonString(text));
            if (written != ByJsonWriter(text)) written.Should().Be(ByJsonWriter(text), $"U+{c:X4}");
        }
        Bytes(l => l.JsonString("a \"quote\", a \\, 💊, café, tab\t")).Should().Be(ByJsonWriter("a \"quote\", a \\, 💊, café, tab\t"));
        Bytes(l => l.JsonString(null)).Should().Be("null");
    }

    [Fact]
    public void Utf8LineWriter_LongLines_CrossTheBufferWhole()
    {
        // A narration longer than the buffer, after enough lines to leave the buffer part-full.
        var longText = new string('x', 200_000) + "é";
        var written = Bytes(l =>
        {
            for (var i = 0; i < 10_000; i++) { l.Integer(i); l.Byte((byte)'\n'); }
            l.Text(longText);
        });
        written.Should().Be(string.Concat(Enumerable.Range(0, 10_000).Select(i => i + "\n")) + longText);
    }

    [Fact]
    public void Utf8LineWriter_NumbersCrossTheBufferWhole()
    {
        // Each kind of value across several buffer flushes (a flush inside a number's write once
        // lost the bytes before it).
        var expected = new StringBuilder();
        var written = Bytes(l =>
        {
            for (var i = 0; i < 30_000; i++)
            {
                l.Fixed(i + 0.25, 3); l.Byte((byte)','); l.JsonNumber(-i - 0.5, "x"); l.Byte((byte)',');
                l.Instant(SimInstant.FromUnixSeconds(i)); l.Byte((byte)','); l.JsonString("a" + i); l.Byte((byte)'\n');
                expected.Append(InvariantFormat.Fixed(i + 0.25, 3)).Append(',').Append(InvariantFormat.JsonNumber(-i - 0.5, "x")).Append(',')
                    .Append(SimInstant.FromUnixSeconds(i)).Append(",\"a").Append(i).Append("\"\n");
            }
        });
        written.Should().Be(expected.ToString());
    }

    // ---- CsCheck properties, pinned: case i is generated from its own fixed PCG stream, so every run
    // checks the same cases (a CsCheck seed alone pins only the first iteration). ----

    private static void Pinned<T>(Gen<T> gen, int cases, Action<T> check)
    {
        for (var i = 0; i < cases; i++)
            check(gen.Generate(new PCG((uint)i, 0x9E3779B97F4A7C15UL), null!, out _));
    }

    /// <summary>Every double CsCheck draws (any sign, exponent and mantissa, NaN and the infinities),
    /// and doubles near k / 10^d for integers k up to 10^16 (the rounding edges of every column):
    /// k / 10^d itself and its two neighbours.</summary>
    private static readonly Gen<double> AnyDouble = Gen.OneOf(
        Gen.Double,
        Gen.Select(Gen.Long[-10_000_000_000_000_000, 10_000_000_000_000_000], Gen.Int[0, 8], Gen.Int[-1, 1],
            (k, d, step) =>
            {
                var v = k / Math.Pow(10, d);
                return step < 0 ? Math.BitDecrement(v) : step > 0 ? Math.BitIncrement(v) : v;
            }),
        Gen.Select(Gen.Long[-1_000_000_000, 1_000_000_000], Gen.Int[0, 7], (k, d) => (k + 0.5) / Math.Pow(10, d)));

    [Fact]
    public void Utf8LineWriter_Fixed_WritesWhatInvariantFormatFixedWrites_ForPinnedGeneratedDoubles()
    {
        Pinned(Gen.Select(AnyDouble, Gen.Int[0, 6]), 200_000, t =>
        {
            var (v, d) = t;
            var written = Bytes(l => l.Fixed(v, d));
            if (written != InvariantFormat.Fixed(v, d)) written.Should().Be(InvariantFormat.Fixed(v, d), $"Fixed({v:R}, {d})");
        });
    }

    [Fact]
    public void Utf8LineWriter_JsonNumber_WritesWhatInvariantFormatJsonNumberWrites_ForPinnedGeneratedDoubles()
    {
        Pinned(AnyDouble.Where(double.IsFinite), 200_000, v =>
        {
            var written = Bytes(l => l.JsonNumber(v, "x"));
            if (written != InvariantFormat.JsonNumber(v, "x")) written.Should().Be(InvariantFormat.JsonNumber(v, "x"), $"JsonNumber({v:R})");
        });
    }

    [Theory]
    [InlineData(-0.0, 3, "0.000")]
    [InlineData(-0.0004, 3, "0.000")]
    [InlineData(-0.0005, 3, "-0.001")]
    [InlineData(0.0005, 3, "0.001")]
    [InlineData(2.675, 2, "2.68")]
    [InlineData(1.005, 2, "1.00")]                  // 1.00499999999999989… as a double
    [InlineData(999_999_999.9999995, 6, "1000000000.000000")]
    [InlineData(-123_456_789.123_456_7, 6, "-123456789.123457")]
    [InlineData(1e-7, 6, "0.000000")]
    [InlineData(5e-7, 6, "0.000001")]
    [InlineData(1e20, 2, "100000000000000000000.00")]
    [InlineData(double.NaN, 3, "NaN")]
    [InlineData(double.NegativeInfinity, 3, "-Infinity")]
    public void Utf8LineWriter_Fixed_FixedCases(double value, int decimals, string expected)
    {
        // Each case against the string formatter too: the expectation is today's text, not a guess.
        Bytes(l => l.Fixed(value, decimals)).Should().Be(InvariantFormat.Fixed(value, decimals));
        Bytes(l => l.Fixed(value, decimals)).Should().Be(expected);
    }

    [Theory]
    [InlineData(-0.0, "0")]
    [InlineData(-0.0000004, "0")]
    [InlineData(0.1 + 0.2, "0.3")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(1_000_000, "1000000")]
    [InlineData(0.0000005, "0.000001")]
    [InlineData(-999_999_999.999_999, "-999999999.999999")]
    [InlineData(1e15, "1000000000000000")]
    public void Utf8LineWriter_JsonNumber_FixedCases(double value, string expected)
    {
        Bytes(l => l.JsonNumber(value, "x")).Should().Be(InvariantFormat.JsonNumber(value, "x"));
        Bytes(l => l.JsonNumber(value, "x")).Should().Be(expected);
    }

    [Fact]
    public void Utf8LineWriter_Instant_WritesWhatSimInstantToStringWrites_InAnyOrder()
    {
        // The date is kept from one instant to the next: pinned random instants over 0001–9999,
        // each followed by its neighbours across midnight, in no order.
        Pinned(Gen.Long[-62_135_596_800, 253_402_300_799 - 2], 50_000, s =>
        {
            foreach (var x in new[] { s, s + 1, s - 86_400 >= -62_135_596_800 ? s - 86_400 : s, s + 2 })
            {
                var t = SimInstant.FromUnixSeconds(x);
                var written = Bytes(l => l.Instant(t));
                if (written != t.ToString()) written.Should().Be(t.ToString());
            }
        });
    }

    [Fact]
    public void Utf8LineWriter_Instant_OutsideTheCalendar_ThrowsAsToStringDoes_EvenAfterAnInstantOfTheDayBefore()
    {
        Bytes(l => l.Instant(SimInstant.FromUnixSeconds(253_402_300_799))).Should().Be("9999-12-31T23:59:59Z");
        var act = () => Bytes(l => l.Instant(SimInstant.FromUnixSeconds(253_402_300_800)));
        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Utf8LineWriter_Text_WritesUtf8_ForPinnedGeneratedStrings()
    {
        Pinned(Gen.OneOf(Gen.String, Gen.String[Gen.Char[' ', '~'], 0, 40]), 20_000, text =>
        {
            string expected;
            try { expected = Encoding.UTF8.GetString(new UTF8Encoding(false, true).GetBytes(text)); }
            catch (EncoderFallbackException)
            {
                var act = () => Bytes(l => l.Text(text));
                act.Should().Throw<EncoderFallbackException>();
                return;
            }
            Bytes(l => l.Text(text)).Should().Be(expected);
            Bytes(l => l.JsonString(text)).Should().Be(ByJsonWriter(text));
        });
    }
}
