using System.Text;
using PumpSim.Core.Events;

namespace PumpSim.Reports;

/// <summary>Writes telemetry.csv (SCENARIOS.md §3). Each numeric column has a fixed number of
/// decimals so that files diff cleanly and two runs are byte-identical: mL to 6 (1 nL, below
/// anything the pump meters), mcg to 3 (1 ng, the dose resolution), days to 2, patient figures
/// to 3 / 2, concentrations (mcg/mL) to 3. Lines end in "\n" (like events.jsonl); quoting follows RFC 4180.</summary>
public static class TelemetryCsvWriter
{
    public const string FileName = "telemetry.csv";

    /// <summary>The header, from Core's one list of columns (the row below writes them in its order;
    /// a test checks each row has as many fields).</summary>
    public static readonly string Header = TelemetryColumns.CsvHeader;

    private const int Ml = 6, Mcg = 3, Days = 2, Spasticity = 3, EffectPct = 2;

    /// <summary>Rows in the order given: the engine samples on a clock, so sorting here could only
    /// hide a bug in it.</summary>
    public static void Write(TextWriter output, IEnumerable<TelemetrySample> samples)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(samples);
        output.Write(Header);
        output.Write('\n');
        var row = new StringBuilder(256);
        foreach (var s in samples)
        {
            row.Clear();
            row.Append(s.At.ToString()).Append(',')
               .Append(Field(s.TherapyState)).Append(',')
               .Append(InvariantFormat.Fixed(s.ProgrammedMcgPerDay, Mcg)).Append(',')
               .Append(InvariantFormat.Fixed(s.PumpedMlPerDay, Ml)).Append(',')
               .Append(InvariantFormat.Fixed(s.ReservoirTrueMl, Ml)).Append(',')
               .Append(InvariantFormat.Fixed(s.ReservoirEstimatedMl, Ml)).Append(',')
               .Append(Field(s.CatheterState)).Append(',')
               .Append(InvariantFormat.Fixed(s.DeliveredCsfMcgCumulative, Mcg)).Append(',')
               .Append(InvariantFormat.Fixed(s.LeakedMcgCumulative, Mcg)).Append(',')
               .Append(InvariantFormat.Fixed(s.BatteryDaysRemaining, Days)).Append(',')
               .Append(Field(string.Join(';', s.ActiveAlarms))).Append(',')
               .Append(s.PatientSpasticity is { } sp ? InvariantFormat.Fixed(sp, Spasticity) : "").Append(',')
               .Append(s.PatientEffectPct is { } ef ? InvariantFormat.Fixed(ef, EffectPct) : "").Append(',')
               .Append(InvariantFormat.Fixed(s.ConcentrationMcgPerMl, Mcg)).Append(',')
               .Append(InvariantFormat.Fixed(s.ProgrammedConcentrationMcgPerMl, Mcg))
               .Append('\n');
            output.Write(row);
        }
        output.Flush();
    }

    /// <summary>RFC 4180: quote a field only when it holds a comma, quote, CR or LF; double the quotes.</summary>
    public static string Field(string value)
    {
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0) return value;
        return "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
