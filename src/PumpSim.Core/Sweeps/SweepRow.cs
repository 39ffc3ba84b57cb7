using System.Globalization;
using PumpSim.Core.Engine;
using PumpSim.Core.Events;
using PumpSim.Core.Firmware;

namespace PumpSim.Core.Sweeps;

/// <summary>What one run of a sweep leaves behind: one row of runs.csv. Every number is quantised
/// to the 6 decimals runs.csv holds (<see cref="Quantise"/>), so a row read back from a shard's
/// file is equal, bit for bit, to the row in memory, and merged shards aggregate exactly as the
/// whole sweep does.</summary>
public sealed record SweepRow(
    int Run,
    IReadOnlyList<double> Values,
    IReadOnlyList<string> Clamped,
    double DeliveredCsfMcg,
    double ProgrammedMcg,
    IReadOnlyList<double?> AlarmFirstRaiseDay,
    bool TrueEmptyBeforeLra,
    bool WithdrawalRisk,
    string FinalTherapyState)
{
    /// <summary>The alarm columns, in <see cref="AlarmIds.All"/> order.</summary>
    public static IReadOnlyList<string> AlarmColumns { get; } = AlarmIds.All.Select(a => a.Id).ToArray();

    public const int Decimals = 6;

    /// <summary>The double that runs.csv's text of <paramref name="v"/> parses back to.</summary>
    public static double Quantise(double v)
    {
        if (!double.IsFinite(v)) throw new ArgumentOutOfRangeException(nameof(v), v, "a sweep value must be finite");
        var q = double.Parse(Format(v), CultureInfo.InvariantCulture);
        return q == 0 ? 0 : q;
    }

    /// <summary>Fixed-point, at most 6 decimals, no exponent, invariant culture.</summary>
    public static string Format(double v)
    {
        var r = Math.Round(v, Decimals, MidpointRounding.AwayFromZero);
        if (r == 0) r = 0;
        return r.ToString("0.######", CultureInfo.InvariantCulture);
    }

    /// <summary>Reads a finished run. "True empty before the LRA": the true reservoir ran dry
    /// (event reservoir-empty-true) while the low-reservoir alarm was not active, i.e. it had not
    /// been raised, or had been cleared by a refill and not raised again: the pump ran dry with no
    /// warning. With no refill this is "true empty earlier than the first LRA, or with no LRA".</summary>
    public static SweepRow From(int run, IReadOnlyList<double> values, IReadOnlyList<string> clamped, SimulationResult result)
    {
        var first = new double?[AlarmColumns.Count];
        foreach (var a in result.Alarms)
        {
            var i = IndexOf(a.Id);
            var day = Quantise((a.Raised - result.Start).TotalDays);
            if (i >= 0 && (first[i] is null || day < first[i])) first[i] = day;
        }
        bool lraActive = false, emptyFirst = false, withdrawal = false;
        foreach (var e in result.Events)
        {
            switch (e)
            {
                case AlarmRaised { Alarm: AlarmIds.LowReservoir }: lraActive = true; break;
                case AlarmCleared { Alarm: AlarmIds.LowReservoir }: lraActive = false; break;
                case ReservoirEmptyTrue when !lraActive: emptyFirst = true; break;
                case PatientFlagRaised { Flag: Simulation.WithdrawalRisk }: withdrawal = true; break;
            }
        }
        return new SweepRow(run, values.Select(Quantise).ToArray(), clamped,
            Quantise(result.Totals.DeliveredCsfMcg), Quantise(result.Totals.ProgrammedMcg), first,
            emptyFirst, withdrawal, result.Final.TherapyState);
    }

    private static int IndexOf(string id)
    {
        for (var i = 0; i < AlarmColumns.Count; i++) if (AlarmColumns[i] == id) return i;
        return -1;
    }
}
