using CsCheck;

namespace PumpSim.Core.Tests.Properties;

/// <summary>How many cases a property runs. CI: a fixed, small count from a fixed seed, so the suite
/// stays fast and reproducible. More on demand: PUMPSIM_PROPERTY_ITER=N (cases per property) or
/// PUMPSIM_FUZZ_SECONDS=S (run each property for S seconds instead, with a fresh random seed);
/// CsCheck_Seed=... replays the seed CsCheck printed for a failure.</summary>
public static class PropertyRun
{
    /// <summary>The CI seed (any CsCheck seed string; this one is CsCheck's own documented example).</summary>
    public const string CiSeed = "0N0XIzNsQ0O2";

    public static int Seconds => int.TryParse(Environment.GetEnvironmentVariable("PUMPSIM_FUZZ_SECONDS"), out var s) && s > 0 ? s : 0;

    public static long Iter(long ciDefault) =>
        long.TryParse(Environment.GetEnvironmentVariable("PUMPSIM_PROPERTY_ITER"), out var n) && n > 0 ? n : ciDefault;

    /// <summary>True when nothing asks for exploration: CI runs the same cases every time.</summary>
    public static bool Pinned =>
        Seconds == 0
        && Environment.GetEnvironmentVariable("PUMPSIM_PROPERTY_ITER") is not { Length: > 0 }
        && Environment.GetEnvironmentVariable("CsCheck_Seed") is not { Length: > 0 };

    /// <summary>Runs <paramref name="assert"/> over the generated cases. In CI (<see cref="Pinned"/>)
    /// case i is generated from its own fixed PCG stream, so every run checks exactly the same cases
    /// (CsCheck's seed only pins the first iteration) and a failure names the case and prints it.
    /// On demand, CsCheck explores fresh cases, shrinks a failure and prints the seed to replay it.</summary>
    public static void Sample<T>(Gen<T> gen, Action<T> assert, long ciIter, Func<T, string>? print = null)
    {
        if (Pinned)
        {
            for (var i = 0; i < ciIter; i++)
            {
                var value = gen.Generate(new PCG((uint)i, 0x9E3779B97F4A7C15UL), null!, out _);
                try { assert(value); }
                catch (Exception e)
                {
                    throw new Xunit.Sdk.XunitException(
                        $"pinned case {i} of {ciIter} failed: {e.Message}\n{(print is null ? value?.ToString() : print(value))}", e);
                }
            }
            return;
        }
        var seconds = Seconds;
        var seed = Environment.GetEnvironmentVariable("CsCheck_Seed") is { Length: > 0 } s ? s : null;
        if (seconds > 0) gen.Sample(assert, seed: seed, time: seconds, threads: 1, print: print);
        else gen.Sample(assert, seed: seed, iter: Iter(ciIter), threads: 1, print: print);
    }
}
