using System.Globalization;
using PumpSim.Core.Engine;
using PumpSim.Core.Events;
using PumpSim.Core.Units;

namespace PumpSim.Scenarios;

/// <summary>One check of a scenario's <c>expect:</c> list. It says which instants it needs a
/// <see cref="Snapshot"/> at (so the engine records exactly those), then judges a finished run.
/// <see cref="Origin"/> is the scenario start: texts and details speak in offsets and days from it.</summary>
public abstract class Expectation(SimInstant origin)
{
    public SimInstant Origin { get; } = origin;

    /// <summary>Line of this entry in the scenario file (1-based; 0 when not read from a file), so a
    /// failure in a CI log can name file:line.</summary>
    public int Line { get; internal set; }

    /// <summary>Requirement ids this expectation verifies (<c>verifies:</c>), checked against requirements.yaml.</summary>
    public IReadOnlyList<string> Verifies { get; internal set; } = [];

    /// <summary><c>known_defect:</c> why this check is expected to fail; null for an ordinary expectation.</summary>
    public string? KnownDefect { get; internal set; }

    /// <summary>Readable statement, e.g. "alarm low-reservoir raised between 17d and 19d".</summary>
    public abstract string Text { get; }

    public virtual IEnumerable<SimInstant> Probes(SimulationPlan plan) => [];

    public abstract ExpectationOutcome Evaluate(SimulationResult result);

    public override string ToString() => Text;

    protected ExpectationOutcome Pass(string detail) => new(Text, true, detail) { KnownDefect = KnownDefect };
    protected ExpectationOutcome Fail(string detail) => new(Text, false, detail) { KnownDefect = KnownDefect };

    /// <summary>"13d1h" — how scenario files write times, so a text reads like its YAML.</summary>
    protected string Offset(SimInstant t) => t >= Origin ? (t - Origin).ToString() : t.ToString();

    /// <summary>"2026-01-19T00:00:00Z (day 18.000)".</summary>
    protected string Stamp(SimInstant t) =>
        $"{t} (day {(t - Origin).TotalDays.ToString("0.000", CultureInfo.InvariantCulture)})";

    protected static string Num(double v) => v.ToString("0.######", CultureInfo.InvariantCulture);

    /// <summary>A snapshot the engine should have recorded at a probe; null (and a failing detail) if not.</summary>
    protected static Snapshot? SnapshotAt(SimulationResult result, SimInstant t) =>
        result.Snapshots.TryGetValue(t, out var s) ? s : null;

    protected string NoSnapshot(SimInstant t) => $"no snapshot at {Stamp(t)}: the engine did not record the probe";
}

/// <summary>An inclusive time window; an absent end is open.</summary>
public sealed record TimeWindow(SimInstant? After, SimInstant? Before)
{
    public static TimeWindow Any { get; } = new(null, null);

    public bool Contains(SimInstant t) => (After is not { } a || t >= a) && (Before is not { } b || t <= b);

    public string Describe(Func<SimInstant, string> offset) => (After, Before) switch
    {
        ({ } a, { } b) when a == b => $"at {offset(a)}",
        ({ } a, { } b) => $"between {offset(a)} and {offset(b)}",
        ({ } a, null) => $"after {offset(a)}",
        (null, { } b) => $"before {offset(b)}",
        _ => "at any time",
    };
}
