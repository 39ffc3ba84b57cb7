using System.Globalization;
using System.Text;

namespace PumpSim.Web.Tests;

/// <summary>A ten-year scenario (3650 days, a 14-mL refill every 250 days, a daily sample) written
/// to a temporary file at the step asked for: the long run of issue 21's seek and bound tests.</summary>
internal sealed class TenYears : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("pumpsim-ten-");

    public TenYears(string step)
    {
        var yaml = new StringBuilder($"""
            scenario: ten-years
            title: Ten years of refills
            duration: 3650d
            step: {step}
            sample: 1d
            pump: {"{"} model: synchromed-ii-20 {"}"}
            drug: {"{"} concentration_mcg_per_ml: 2000 {"}"}
            reservoir_ml: 20
            therapy: {"{"} mode: continuous, rate_mcg_per_day: 100 {"}"}
            narration:
              - {"{"} at: 1000d, text: "Day 1000." {"}"}
            events:

            """);
        for (var d = 250; d < 3650; d += 250) yaml.Append(CultureInfo.InvariantCulture, $"  - {{ at: {d}d, refill: {{ add_ml: 14 }} }}\n");
        Path = System.IO.Path.Combine(_dir.FullName, "ten-years.yaml");
        File.WriteAllText(Path, yaml.ToString());
    }

    public string Path { get; }

    public void Dispose() => _dir.Delete(recursive: true);
}
