namespace PumpSim.Scenarios;

/// <summary>Every limit on what one scenario may ask for, in one place (docs/scenario-format.md,
/// "Limits"). A file of a few lines must not be able to ask for unbounded memory, time or output:
/// the loader estimates the work at load time and refuses past these limits with exit 2, naming
/// the key and the limit, so `validate` catches everything `run` would refuse.</summary>
public static class ScenarioLimits
{
    /// <summary>Scenario files are at most 1 MB (a bigger file is refused before it is parsed).</summary>
    public const int MaxFileBytes = 1024 * 1024;

    /// <summary>An id (given or derived from the file name) names output folders such as
    /// out/&lt;id&gt;-trumpet; 200 characters stays inside a file name's 255 bytes.</summary>
    public const int MaxIdLength = 200;

    /// <summary>Telemetry rows (duration / sample + 1): 1,000,000 rows is about 160 MB of telemetry.csv
    /// (a row is about 161 bytes). A 50-year scenario needs <c>sample: 30m</c> or longer.</summary>
    public const long MaxTelemetrySamples = 1_000_000;

    /// <summary>Alarm tones one alarm of each priority could sound over the whole scenario
    /// (duration / tone_repeat.noncritical + duration / tone_repeat.critical). Each tone is an
    /// event (about 120 bytes of events.jsonl). Set so the defaults (1h, 10m) allow the longest
    /// scenario, 50 years (3,074,400): it catches a `tone_repeat: 1s` that asks for billions, while an
    /// alarm that really does tone for decades meets the run-time backstop <see cref="MaxEvents"/>.</summary>
    public const long MaxToneEstimate = 3_200_000;

    /// <summary>Motor stalls over all events (the sum of every motor_stall's count).</summary>
    public const long MaxMotorStalls = 100_000;

    /// <summary>Events of one run, the backstop when several alarms sound at once: past this `run`,
    /// `verify` and `play` stop with exit 2 rather than grow without bound.</summary>
    public const int MaxEvents = 1_000_000;

    /// <summary>A duration inside an event (silence, stall, bolus, repeat interval): at most the
    /// longest scenario, 50 years, so instants computed from it cannot overflow.</summary>
    public const long MaxEventDurationSeconds = 50L * 366 * 86_400;

    /// <summary>`trumpet --hours`: the analysis keeps a point per 30 s window, so it is bounded too.</summary>
    public const int MaxTrumpetHours = 24 * 366;

    /// <summary>Estimates the work a plan asks for and returns the first limit it passes, as
    /// (key, message), or null. Called by the loader, so `validate` refuses what `run` would.</summary>
    public static (string Key, string Message)? CheckWork(PumpSim.Core.Engine.SimulationPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var seconds = plan.Duration.Seconds;
        var samples = seconds / plan.Sample.Seconds + 1;
        if (samples > MaxTelemetrySamples)
            return ("sample", $"duration / sample gives {samples:N0} telemetry rows; the limit is {MaxTelemetrySamples:N0} (use a longer 'sample', at least {Ceiling(seconds, MaxTelemetrySamples - 1)}s, or a shorter 'duration')");
        var tones = seconds / plan.NonCriticalToneRepeat.Seconds + seconds / plan.CriticalToneRepeat.Seconds;
        if (tones > MaxToneEstimate)
            return ("pump.tone_repeat", $"duration / tone_repeat allows {tones:N0} alarm tones (one alarm of each priority for the whole run); the limit is {MaxToneEstimate:N0} (lengthen pump.tone_repeat or shorten 'duration')");
        long stalls = 0;
        foreach (var a in plan.Actions)
            if (a.Action is PumpSim.Core.Engine.MotorStallAction m) stalls += m.Count;
        if (stalls > MaxMotorStalls)
            return ("motor_stall.count", $"the events ask for {stalls:N0} motor stalls in all; the limit is {MaxMotorStalls:N0}");
        return null;
    }

    private static long Ceiling(long a, long b) => (a + b - 1) / b;
}
