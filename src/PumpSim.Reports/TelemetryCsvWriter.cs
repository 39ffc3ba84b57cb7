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

    private static readonly byte[] HeaderLine = Utf8NoBom.Encoding.GetBytes(Header + "\n");

    /// <summary>Rows in the order given: the engine samples on a clock, so sorting here could only
    /// hide a bug in it. Written as bytes (<see cref="Utf8LineWriter"/>): the file's cost per row is
    /// its share of a long run's output.</summary>
    public static void Write(Stream output, IEnumerable<TelemetrySample> samples)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(samples);
        var line = new Utf8LineWriter(output);
        line.Bytes(HeaderLine);
        foreach (var s in samples)
        {
            line.Instant(s.At);
            line.Byte((byte)',');
            Text(line, s.TherapyState);
            Number(line, s.ProgrammedMcgPerDay, Mcg);
            Number(line, s.PumpedMlPerDay, Ml);
            Number(line, s.ReservoirTrueMl, Ml);
            Number(line, s.ReservoirEstimatedMl, Ml);
            Text(line, s.CatheterState);
            Number(line, s.DeliveredCsfMcgCumulative, Mcg);
            Number(line, s.LeakedMcgCumulative, Mcg);
            Number(line, s.BatteryDaysRemaining, Days);
            Alarms(line, s.ActiveAlarms);
            if (s.PatientSpasticity is { } sp) line.Fixed(sp, Spasticity);
            line.Byte((byte)',');
            if (s.PatientEffectPct is { } ef) line.Fixed(ef, EffectPct);
            line.Byte((byte)',');
            Number(line, s.ConcentrationMcgPerMl, Mcg);
            line.Fixed(s.ProgrammedConcentrationMcgPerMl, Mcg);
            line.Byte((byte)'\n');
        }
        line.Flush();
        output.Flush();
    }

    /// <summary>The same file through a text writer (for callers that hold one).</summary>
    public static void Write(TextWriter output, IEnumerable<TelemetrySample> samples)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var bytes = new MemoryStream();
        Write(bytes, samples);
        output.Write(Utf8NoBom.Encoding.GetString(bytes.GetBuffer(), 0, (int)bytes.Length));
        output.Flush();
    }

    private static void Number(Utf8LineWriter line, double value, int decimals)
    {
        line.Fixed(value, decimals);
        line.Byte((byte)',');
    }

    private static void Text(Utf8LineWriter line, string value)
    {
        line.Text(Field(value));
        line.Byte((byte)',');
    }

    /// <summary>The alarm ids joined with ';' as one field; joined as a string only when one needs quoting.</summary>
    private static void Alarms(Utf8LineWriter line, IReadOnlyList<string> alarms)
    {
        for (var i = 0; i < alarms.Count; i++)
            if (NeedsQuotes(alarms[i])) { Text(line, string.Join(';', alarms)); return; }
        for (var i = 0; i < alarms.Count; i++)
        {
            if (i > 0) line.Byte((byte)';');
            line.Text(alarms[i]);
        }
        line.Byte((byte)',');
    }

    private static bool NeedsQuotes(string value) => value.AsSpan().IndexOfAny(",\"\r\n") >= 0;

    /// <summary>RFC 4180: quote a field only when it holds a comma, quote, CR or LF; double the quotes.</summary>
    public static string Field(string value)
    {
        if (!NeedsQuotes(value)) return value;
        return "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
