using System.Globalization;
using System.Text;
using System.Xml;

namespace PumpSim.Reports;

/// <summary>Writes JUnit XML for CI: one &lt;testsuite&gt; per scenario, one &lt;testcase&gt; per
/// expectation. No timestamps, hostnames or durations (time="0"), so the file depends only on
/// the outcomes and CI can diff it.</summary>
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
                list.Sum(s => s.Expectations.Count(e => !e.Passed)), list.Count(s => s.LoadError is not null));
            foreach (var s in list)
            {
                xml.WriteStartElement("testsuite");
                xml.WriteAttributeString("name", Clean(s.ScenarioId));
                Counts(xml, s.Expectations.Count + (s.LoadError is null ? 0 : 1), s.Expectations.Count(e => !e.Passed), s.LoadError is null ? 0 : 1);
                if (s.File is not null) xml.WriteAttributeString("file", Clean(s.File));
                if (s.LoadError is { } error)
                {
                    xml.WriteStartElement("testcase");
                    xml.WriteAttributeString("name", "scenario file loads");
                    xml.WriteAttributeString("classname", Clean(s.ScenarioId));
                    xml.WriteAttributeString("time", "0");
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
                    xml.WriteAttributeString("time", "0");
                    if (!e.Passed)
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

    private static void Counts(XmlWriter xml, int tests, int failures, int errors)
    {
        xml.WriteAttributeString("tests", tests.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("failures", failures.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("errors", errors.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("skipped", "0");
        xml.WriteAttributeString("time", "0");
    }

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
