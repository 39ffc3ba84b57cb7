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

    /// <summary>Telemetry rows (duration / sample + 1): 2,000,000 rows is about 300 MB of telemetry.csv.</summary>
    public const long MaxTelemetrySamples = 2_000_000;

    /// <summary>Timed actions after expansion (every repeat of every event, e.g. motor_stall count).</summary>
    public const long MaxActions = 1_000_000;
}
