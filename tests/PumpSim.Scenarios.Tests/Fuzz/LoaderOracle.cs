using System.Text;
using PumpSim.Core.Engine;

namespace PumpSim.Scenarios.Tests.Fuzz;

/// <summary>The fuzz oracle: an input either loads (and the engine accepts the plan the loader
/// built) or is refused with a <see cref="ScenarioException"/> located at line ≥ 1, column ≥ 1.
/// Anything else — another exception, or no answer within the time limit — is a crash.</summary>
internal static class LoaderOracle
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    public enum Kind { Loaded, Refused }

    public static int Tried, Loaded;

    /// <summary>Parses <paramref name="text"/> under a time guard; returns a description of the crash, or null.</summary>
    public static string? Crash(string text) => Guard(() => ScenarioLoader.Parse(text, "fuzz.yaml"), out _);

    /// <summary>Loads <paramref name="bytes"/> from a file (so the UTF-8/BOM/size guard runs too).</summary>
    public static string? CrashBytes(byte[] bytes)
    {
        var path = Path.Combine(Path.GetTempPath(), $"pumpsim-fuzz-{Environment.ProcessId}-{Environment.CurrentManagedThreadId}.yaml");
        File.WriteAllBytes(path, bytes);
        try { return Guard(() => ScenarioLoader.Load(path), out _); }
        finally { File.Delete(path); }
    }

    public static string? Guard(Func<LoadedScenario> load, out Kind kind)
    {
        Interlocked.Increment(ref Tried);
        var outcome = Kind.Refused;
        var task = Task.Run(() =>
        {
            try
            {
                var loaded = load();
                // What the loader accepts, the engine must accept too (Validate throws on what it refuses).
                using var sim = new Simulation(loaded.Plan);
                // ...and run its first day (bounded) without an exception: checked arithmetic, extreme values.
                sim.AdvanceTo(Core.Units.SimInstant.Min(loaded.Plan.End, loaded.Plan.Start + Core.Units.SimDuration.FromDays(1)));
                outcome = Kind.Loaded;
                Interlocked.Increment(ref Loaded);
                return (string?)null;
            }
            catch (ScenarioException e)
            {
                return e.Line >= 1 && e.Column >= 1 && e.Reason.Length > 0 ? null : $"ScenarioException without a location: {e.Message}";
            }
            catch (Exception e)
            {
                return $"{e.GetType().FullName}: {e.Message}\n{e.StackTrace}";
            }
        });
        if (!task.Wait(Limit))
        {
            kind = Kind.Refused;
            return $"no answer within {Limit.TotalSeconds}s (hang)";
        }
        kind = outcome;
        return task.Result;
    }

    /// <summary>An input as a C# string literal, so a crasher can be pasted into a regression file.</summary>
    public static string Show(string text)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in text.Length > 4000 ? text[..4000] + "…" : text)
            sb.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '"' => "\\\"",
                '\\' => "\\\\",
                < ' ' or (>= '\u007f' and < '\u00a0') => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        return sb.Append('"').ToString();
    }
}
