using System.Globalization;
using System.Text;
using System.Xml;

namespace PumpSim.Reports;

/// <summary>Writes JUnit XML for CI: one &lt;testsuite&gt; per scenario, one &lt;testcase&gt; per
/// expectation. The element and attribute set is the one Jenkins' xunit plugin accepts (junit-10.xsd,
/// checked by a test): in particular &lt;testsuites&gt; carries no <c>skipped</c>. No timestamps or
/// hostnames. <c>time</c> is the only field that is not a function of the outcomes: a suite's time is
/// <see cref="ScenarioOutcome.Elapsed"/> (wall clock, seconds with millisecond resolution) and, because
/// one simulation run serves all of a scenario's expectations, it is shared evenly among its test
/// cases. Without <see cref="ScenarioOutcome.Elapsed"/> every time is "0" and the file is byte-stable.</summary>
public static class JUnitWriter
{
    public const string FileName = "junit.xml";

    public static void Write(Stream output, IEnumerable<ScenarioOutcome> scenarios, string suitesName = "PumpSim")
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(scenarios);
        var list = scenarios.ToList();
        var settings = new XmlWriterSettings
        {
            Encoding = Utf8NoBom.Encoding,
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\n",
            NewLineHandling = NewLineHandling.Entitize, // keeps "\n" inside attribute values intact
            CloseOutput = false,
        };
        using (var xml = XmlWriter.Create(output, settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("testsuites");
            xml.WriteAttributeString("name", Clean(suitesName));
            Counts(xml, list.Sum(s => s.Expectations.Count + (s.LoadError is null ? 0 : 1)),
                list.Sum(s => s.Expectations.Count(e => !e.Ok)), list.Count(s => s.LoadError is not null), skipped: null);
            xml.WriteAttributeString("time", Seconds(list.Sum(s => Millis(s.Elapsed))));
            foreach (var s in list)
            {
                xml.WriteStartElement("testsuite");
                xml.WriteAttributeString("name", Clean(s.ScenarioId));
                var cases = s.Expectations.Count + (s.LoadError is null ? 0 : 1);
                Counts(xml, cases, s.Expectations.Count(e => !e.Ok), s.LoadError is null ? 0 : 1, skipped: s.Expectations.Count(e => e.Verdict == "expected-failure"));
                var suiteMillis = Millis(s.Elapsed);
                xml.WriteAttributeString("time", Seconds(suiteMillis));
                // Shared evenly (to the millisecond) so the cases add up to the suite, as Jenkins sums them.
                var caseTime = Seconds(cases == 0 ? 0 : suiteMillis / cases);
                if (s.File is not null) xml.WriteAttributeString("file", Clean(s.File));
                if (s.LoadError is { } error)
                {
                    xml.WriteStartElement("testcase");
                    xml.WriteAttributeString("name", "scenario file loads");
                    xml.WriteAttributeString("classname", Clean(s.ScenarioId));
                    xml.WriteAttributeString("time", caseTime);
                    xml.WriteStartElement("error");
                    xml.WriteAttributeString("message", Clean(error));
                    xml.WriteAttributeString("type", "invalid-scenario");
                    xml.WriteString(Clean(error));
                    xml.WriteEndElement();
                    xml.WriteEndElement();
                }
                foreach (var e in s.Expectations)
                {
                    xml.WriteStartElement("testcase");
                    xml.WriteAttributeString("name", Clean(e.Text));
                    xml.WriteAttributeString("classname", Clean(s.ScenarioId));
                    xml.WriteAttributeString("time", caseTime);
                    if (e.KnownDefect is { } why && !e.Passed)
                    {
                        // An expected failure (known_defect): reported, not counted against the build.
                        xml.WriteStartElement("skipped");
                        xml.WriteAttributeString("message", Clean($"known defect: {why} — {e.Detail}"));
                        xml.WriteEndElement();
                    }
                    else if (e.KnownDefect is { } fixedDefect)
                    {
                        // It passes although it is marked as a known defect: the fix must not land unnoticed.
                        xml.WriteStartElement("failure");
                        xml.WriteAttributeString("message", Clean($"unexpected pass: marked known_defect ({fixedDefect}) but it passes; remove known_defect — {e.Detail}"));
                        xml.WriteAttributeString("type", "unexpected-pass");
                        xml.WriteString(Clean(e.Detail));
                        xml.WriteEndElement();
                    }
                    else if (!e.Passed)
                    {
                        xml.WriteStartElement("failure");
                        xml.WriteAttributeString("message", Clean(e.Detail));
                        xml.WriteAttributeString("type", "expectation");
                        xml.WriteString(Clean(e.Detail));
                        xml.WriteEndElement();
                    }
                    else if (e.Detail.Length > 0)
                    {
                        // The detail of a pass (e.g. the value observed) is still worth seeing in CI.
                        xml.WriteElementString("system-out", Clean(e.Detail));
                    }
                    xml.WriteEndElement();
                }
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }
        output.Write("\n"u8);
        output.Flush();
    }

    /// <param name="skipped">junit-10.xsd allows <c>skipped</c> on &lt;testsuite&gt; but not on &lt;testsuites&gt; (null):
    /// the expected failures of known defects.</param>
    private static void Counts(XmlWriter xml, int tests, int failures, int errors, int? skipped)
    {
        xml.WriteAttributeString("tests", tests.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("failures", failures.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("errors", errors.ToString(CultureInfo.InvariantCulture));
        if (skipped is { } n) xml.WriteAttributeString("skipped", n.ToString(CultureInfo.InvariantCulture));
    }

    private static long Millis(TimeSpan? elapsed) => elapsed is { } e && e > TimeSpan.Zero ? (long)Math.Round(e.TotalMilliseconds) : 0;

    /// <summary>"0", or seconds with three decimals ("1.250"): plain digits and a point, which the
    /// schema's SUREFIRE_TIME pattern accepts (no exponent, no thousands separator).</summary>
    private static string Seconds(long millis) =>
        millis == 0 ? "0" : (millis / 1000m).ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>XML 1.0 cannot hold most control characters (or lone surrogates); XmlWriter would
    /// throw mid-file. Replace them with U+FFFD so one odd narration cannot break CI output.</summary>
    internal static string Clean(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[i + 1]);
                i++;
            }
            else if (XmlConvert.IsXmlChar(c)) sb.Append(c);
            else sb.Append('\uFFFD');
        }
        return sb.ToString();
    }
}
