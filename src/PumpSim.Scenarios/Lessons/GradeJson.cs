using System.Text.Json;

namespace PumpSim.Scenarios.Lessons;

/// <summary>A grade as JSON (`pumpsim grade --json` and the web console's lesson grade): findings in
/// order, each with its kind, sentence and numbers, and what the patient would have received.</summary>
public static class GradeJson
{
    /// <param name="text">The grade as <see cref="GradeText.Lines"/> words it, written as "text" when given
    /// (the web console shows these lines, so it words nothing itself).</param>
    public static string Write(GradeReport report, string illustrative, IReadOnlyList<string>? text = null)
    {
        using var buffer = new MemoryStream();
        using (var j = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            j.WriteStartObject();
            j.WriteString("lesson", report.LessonId);
            j.WriteBoolean("passed", report.Passed);
            j.WriteStartArray("findings");
            foreach (var f in report.Findings)
            {
                j.WriteStartObject();
                j.WriteString("kind", f.Kind);
                j.WriteString("message", f.Message);
                j.WriteStartObject("numbers");
                foreach (var (name, value) in f.Numbers) j.WriteNumber(name, value);
                j.WriteEndObject();
                j.WriteEndObject();
            }
            j.WriteEndArray();
            var r = report.Received;
            j.WriteStartObject("received");
            j.WriteString("from", r.From.ToString());
            j.WriteString("to", r.To.ToString());
            j.WriteNumber("delivered_mcg", r.DeliveredMcg);
            j.WriteNumber("mcg_per_day", r.McgPerDay);
            j.WriteNumber("prescribed_mcg_per_day", r.PrescribedMcgPerDay);
            j.WriteNumber("percent_of_prescription", r.PercentOfPrescription);
            j.WriteString("note", illustrative);
            j.WriteEndObject();
            if (text is not null)
            {
                j.WriteStartArray("text");
                foreach (var line in text) j.WriteStringValue(line);
                j.WriteEndArray();
            }
            j.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}
