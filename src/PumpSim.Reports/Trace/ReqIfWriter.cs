using System.Xml;

namespace PumpSim.Reports.Trace;

/// <summary>trace.reqif: the requirements and their coverage as ReqIF 1.2 (OMG formal/2016-07-01), the exchange
/// format DOORS, Polarion, Jama, Codebeamer, ReqView and Eclipse RMF/Capra import. Chosen over OpenFastTrace's
/// formats because the requirements tools regulated teams keep their trace in read ReqIF, while OFT is a build-time
/// tracer of its own markup. One SPEC-OBJECT per requirement (ReqIF.ForeignID, ReqIF.Text, Source, Coverage,
/// Verdict, VerifiedBy), in one SPECIFICATION. ReqIF demands CREATION-TIME and LAST-CHANGE; PumpSim writes no
/// clock time, so both are the fixed <see cref="Epoch"/> and the file is a function of its inputs.</summary>
internal static class ReqIfWriter
{
    public const string Namespace = "http://www.omg.org/spec/ReqIF/20110401/reqif.xsd";
    public const string Epoch = "1970-01-01T00:00:00Z";

    /// <summary>Attribute definitions of the requirement type: identifier and LONG-NAME.</summary>
    public static readonly (string Id, string Name)[] Attributes =
    [
        ("ad-foreign-id", "ReqIF.ForeignID"), ("ad-text", "ReqIF.Text"), ("ad-source", "Source"),
        ("ad-coverage", "Coverage"), ("ad-verdict", "Verdict"), ("ad-verified-by", "VerifiedBy"),
    ];

    public static void Write(Stream output, TraceMatrix m, string toolVersion)
    {
        var settings = new XmlWriterSettings { Encoding = Utf8NoBom.Encoding, Indent = true, IndentChars = "  ", NewLineChars = "\n", CloseOutput = false };
        using (var x = XmlWriter.Create(output, settings))
        {
            x.WriteStartDocument();
            x.WriteStartElement("REQ-IF", Namespace);
            x.WriteStartElement("THE-HEADER", Namespace);
            x.WriteStartElement("REQ-IF-HEADER", Namespace);
            x.WriteAttributeString("IDENTIFIER", "pumpsim-trace");
            x.WriteElementString("COMMENT", Namespace, "Requirements of the PumpSim pump model with their verification verdicts (illustrative simulation, not a medical device).");
            x.WriteElementString("CREATION-TIME", Namespace, Epoch);
            x.WriteElementString("REQ-IF-TOOL-ID", Namespace, $"pumpsim {toolVersion}");
            x.WriteElementString("REQ-IF-VERSION", Namespace, "1.0");
            x.WriteElementString("SOURCE-TOOL-ID", Namespace, "pumpsim trace");
            x.WriteElementString("TITLE", Namespace, "PumpSim traceability");
            x.WriteEndElement();
            x.WriteEndElement();
            x.WriteStartElement("CORE-CONTENT", Namespace);
            x.WriteStartElement("REQ-IF-CONTENT", Namespace);

            x.WriteStartElement("DATATYPES", Namespace);
            Identified(x, "DATATYPE-DEFINITION-STRING", "dt-string", "String");
            x.WriteAttributeString("MAX-LENGTH", "32000");
            x.WriteEndElement();
            x.WriteEndElement();

            x.WriteStartElement("SPEC-TYPES", Namespace);
            Identified(x, "SPEC-OBJECT-TYPE", "type-requirement", "Requirement");
            x.WriteStartElement("SPEC-ATTRIBUTES", Namespace);
            foreach (var (id, name) in Attributes)
            {
                Identified(x, "ATTRIBUTE-DEFINITION-STRING", id, name);
                x.WriteStartElement("TYPE", Namespace);
                x.WriteElementString("DATATYPE-DEFINITION-STRING-REF", Namespace, "dt-string");
                x.WriteEndElement();
                x.WriteEndElement();
            }
            x.WriteEndElement();
            x.WriteEndElement();
            Identified(x, "SPECIFICATION-TYPE", "type-specification", "Requirements");
            x.WriteEndElement();
            x.WriteEndElement();

            x.WriteStartElement("SPEC-OBJECTS", Namespace);
            foreach (var group in m.Rows.GroupBy(r => r.Requirement))
            {
                var req = group.Key;
                var rows = group.Where(r => r.Verdict != TraceRow.NotCovered).ToArray();
                var verdict = rows.Length == 0 ? TraceRow.NotCovered
                    : rows.All(r => r.Verdict == "pass") ? "pass"
                    : rows.Any(r => r.Verdict is "fail" or "unexpected-pass") ? "fail" : "expected-failure";
                Identified(x, "SPEC-OBJECT", req.Id, null);
                x.WriteStartElement("VALUES", Namespace);
                Value(x, "ad-foreign-id", req.Id);
                Value(x, "ad-text", req.Text);
                Value(x, "ad-source", req.Source);
                Value(x, "ad-coverage", rows.Length == 0 ? TraceRow.NotCovered : "covered");
                Value(x, "ad-verdict", verdict);
                Value(x, "ad-verified-by", string.Join("; ", rows.Select(r => $"{r.Scenario}{(r.Line > 0 ? $":{r.Line}" : "")} {r.Verdict}")));
                x.WriteEndElement();
                x.WriteStartElement("TYPE", Namespace);
                x.WriteElementString("SPEC-OBJECT-TYPE-REF", Namespace, "type-requirement");
                x.WriteEndElement();
                x.WriteEndElement();
            }
            x.WriteEndElement();
            x.WriteStartElement("SPEC-RELATIONS", Namespace);
            x.WriteEndElement();

            x.WriteStartElement("SPECIFICATIONS", Namespace);
            Identified(x, "SPECIFICATION", "spec-requirements", "PumpSim requirements");
            x.WriteStartElement("TYPE", Namespace);
            x.WriteElementString("SPECIFICATION-TYPE-REF", Namespace, "type-specification");
            x.WriteEndElement();
            x.WriteStartElement("CHILDREN", Namespace);
            foreach (var req in m.Catalog.Requirements)
            {
                Identified(x, "SPEC-HIERARCHY", "h-" + req.Id, null);
                x.WriteStartElement("OBJECT", Namespace);
                x.WriteElementString("SPEC-OBJECT-REF", Namespace, req.Id);
                x.WriteEndElement();
                x.WriteEndElement();
            }
            x.WriteEndElement();
            x.WriteEndElement();
            x.WriteEndElement();

            x.WriteEndElement();
            x.WriteEndElement();
            x.WriteEndElement();
            x.WriteEndDocument();
        }
        output.Write("\n"u8);
    }

    /// <summary>Starts an identifiable element: IDENTIFIER, LAST-CHANGE (required by ReqIF) and LONG-NAME.</summary>
    private static void Identified(XmlWriter x, string element, string id, string? longName)
    {
        x.WriteStartElement(element, Namespace);
        x.WriteAttributeString("IDENTIFIER", id);
        x.WriteAttributeString("LAST-CHANGE", Epoch);
        if (longName is not null) x.WriteAttributeString("LONG-NAME", longName);
    }

    private static void Value(XmlWriter x, string definition, string value)
    {
        x.WriteStartElement("ATTRIBUTE-VALUE-STRING", Namespace);
        x.WriteAttributeString("THE-VALUE", JUnitWriter.Clean(value));
        x.WriteStartElement("DEFINITION", Namespace);
        x.WriteElementString("ATTRIBUTE-DEFINITION-STRING-REF", Namespace, definition);
        x.WriteEndElement();
        x.WriteEndElement();
    }
}
