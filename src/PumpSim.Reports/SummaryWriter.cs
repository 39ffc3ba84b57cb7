using System.Text.Json;
using PumpSim.Core.Events;
using PumpSim.Core.Firmware;

namespace PumpSim.Reports;

/// <summary>Writes summary.json with exactly the keys of SCENARIOS.md §3, in that order, plus a
/// trailing "disclaimer" (the file travels without the HTML page, so it must carry the warning).</summary>
public static class SummaryWriter
{
    public const string FileName = "summary.json";

    public const string Disclaimer =
        "PumpSim is a simulator for training and testing. It is not a medical device and its figures, " +
        "including all patient figures, are illustrative: do not use them for clinical decisions.";

    public static void Write(Stream output, SimulationResult result, IReadOnlyList<ExpectationOutcome> expectations)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(expectations);
        using (var json = new Utf8JsonWriter(output, JsonOptions.Pretty))
        {
            json.WriteStartObject();
            json.WriteString("scenario", result.ScenarioId);
            json.WriteNumber("seed", result.Seed);
            json.WriteString("start", result.Start.ToString());
            json.WriteString("end", result.End.ToString());

            var t = result.Totals;
            json.WriteStartObject("totals");
            Number(json, "programmed_mcg", t.ProgrammedMcg);
            Number(json, "pumped_ml", t.PumpedMl);
            Number(json, "delivered_csf_mcg", t.DeliveredCsfMcg);
            Number(json, "leaked_mcg", t.LeakedMcg);
            Number(json, "pocket_mcg", t.PocketMcg);
            Number(json, "withdrawn_ml", t.WithdrawnMl);
            // Delivered ÷ prescribed, in %: above 100 is an overdose as surely as below is an underdose.
            if (t.ProgrammedMcg > 0) Number(json, "delivered_pct_of_prescribed", t.DeliveredCsfMcg / t.ProgrammedMcg * 100);
            else json.WriteNull("delivered_pct_of_prescribed");
            json.WriteEndObject();

            var f = result.Final;
            json.WriteStartObject("final");
            Number(json, "reservoir_true_ml", f.ReservoirTrueMl);
            Number(json, "reservoir_estimated_ml", f.ReservoirEstimatedMl);
            Number(json, "battery_days_remaining", f.BatteryDaysRemaining);
            json.WriteString("therapy_state", f.TherapyState);
            json.WriteEndObject();

            json.WriteStartArray("alarms");
            foreach (var a in OrderedAlarms(result.Alarms))
            {
                json.WriteStartObject();
                json.WriteString("id", a.Id);
                json.WriteString("priority", AlarmIds.Text(a.Priority));
                json.WriteString("raised", a.Raised.ToString());
                if (a.Cleared is { } c) json.WriteString("cleared", c.ToString());
                else json.WriteNull("cleared");
                json.WriteNumber("tones", a.Tones);
                json.WriteEndObject();
            }
            json.WriteEndArray();

            json.WriteStartArray("expectations");
            foreach (var e in expectations)
            {
                json.WriteStartObject();
                json.WriteString("text", e.Text);
                json.WriteBoolean("passed", e.Passed);
                json.WriteString("detail", e.Detail);
                // Only on a known defect, so every other summary keeps its bytes.
                if (e.KnownDefect is { } why)
                {
                    json.WriteString("known_defect", why);
                    json.WriteString("verdict", e.Verdict);
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();

            json.WriteString("disclaimer", Disclaimer);
            json.WriteEndObject();
        }
        output.Write("\n"u8); // POSIX text file: end with a newline
        output.Flush();
    }

    /// <summary>By raise time, then in the engine's order (a stable sort), so the list reads as a
    /// history whatever order the engine collected records in.</summary>
    internal static IEnumerable<AlarmRecord> OrderedAlarms(IEnumerable<AlarmRecord> alarms) => alarms.OrderBy(a => a.Raised);

    private static void Number(Utf8JsonWriter json, string name, double value)
    {
        json.WritePropertyName(name);
        json.WriteRawValue(InvariantFormat.JsonNumber(value, name), skipInputValidation: true);
    }
}
