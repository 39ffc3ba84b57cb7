using PumpSim.Core.Events;
using PumpSim.Core.Firmware;
using PumpSim.Core.Units;

namespace PumpSim.Reports.Tests;

/// <summary>A hand-built 10-day run: ~100 telemetry samples, two alarms (one cleared, one still
/// active), narration with unicode, quotes and markup, patient figures, and one failed expectation.</summary>
internal static class SampleRun
{
    public static readonly SimInstant Start = SimInstant.FromDateTimeOffset(new DateTimeOffset(2026, 1, 13, 0, 0, 0, TimeSpan.Zero));
    public const string Narration1 = "Dose ≥ 100 mcg/day + \"quoted\" <b>bold</b> & café";
    public const string Narration2 = "Refill done: 20 mL of 500 mcg/mL";

    public static SimInstant At(double days) => Start + SimDuration.FromDays(days);

    public static SimulationResult Result()
    {
        var end = At(10);
        var telemetry = new List<TelemetrySample>();
        for (var i = 0; i <= 99; i++)
        {
            var d = i * 10.0 / 99;
            var trueMl = 20 - 1.9 * d;
            telemetry.Add(new TelemetrySample(
                At(d), "running", 100, 0.2, trueMl, trueMl + 0.01 * d, i is > 40 and < 60 ? "leak, partial" : "patent",
                100 * d, i > 40 ? 5 * (d - 4) : 0, 2000 - d,
                i > 80 ? ["low-reservoir", "motor-stall"] : i > 60 ? ["low-reservoir"] : [],
                i % 10 == 3 ? null : 1.0 + 0.01 * i, i % 10 == 3 ? null : 20 + 2.4 * i, "idle",
                i is > 40 and < 60 ? 50 : 100, 500, 500));
        }
        var events = new List<PumpEvent>
        {
            new Narration(Narration1) { At = At(0), Sequence = 0 },
            new AlarmRaised("low-reservoir", AlarmPriority.NonCritical) { At = At(6.2), Sequence = 2 },
            new ProgramChanged("continuous 100.5 mcg/day", 8.1234567, 100.5, "clinician") { At = At(6.2), Sequence = 1 },
            new Refill(20.0, 1e-9, -0.0, 20, 500) { At = At(7), Sequence = 3 },
            new Narration(Narration2) { At = At(7), Sequence = 4 },
            new AlarmRaised("motor-stall", AlarmPriority.Critical) { At = At(8.2), Sequence = 5 },
        };
        var alarms = new List<AlarmRecord>
        {
            new("motor-stall", AlarmPriority.Critical, At(8.2), null, 12),
            new("low-reservoir", AlarmPriority.NonCritical, At(6.2), At(7), 3),
        };
        return new SimulationResult("lra-demo", 42, Start, end,
            new Totals(1000, 2.0, 950.25, 49.75, 0, 1.5),
            new FinalState(1.0, 1.1, 1990, "running"),
            alarms, events, telemetry, new Dictionary<SimInstant, Snapshot>());
    }

    public static IReadOnlyList<ExpectationOutcome> Expectations() =>
    [
        new("low-reservoir raised before day 7", true, "raised at day 6.2"),
        new("no \"critical\" alarm <ever>", false, "motor-stall raised at 2026-01-21T04:48:00Z"),
        new("delivered ≥ 900 mcg", true, ""),
    ];

    public static ReportInput Report() =>
        new(Result(), "Low reservoir & refill <demo>", "A pump runs low, alarms, and is refilled — \"by the book\".",
            ["LRA alarm", "refill"], 2.0, 20.0, Expectations());
}
