namespace PumpSim.Core.Engine;

/// <summary>The simulator's own seeded random numbers: SplitMix64 (Steele, Lea and Flood, 2014, as
/// in java.util.SplittableRandom), not <c>System.Random</c>, whose seeded sequence .NET does
/// not promise to keep across versions (plain text, not a cref: the API is banned, and a cref to it
/// fails the build once documentation is generated). Every draw is integer arithmetic plus, for the normal and
/// lognormal draws, IEEE sqrt and log (Marsaglia's polar method: no sin/cos, no cached spare, so a
/// draw never depends on what was drawn before it other than through the state).</summary>
public sealed class SplitMix64
{
    private const ulong Golden = 0x9E3779B97F4A7C15;
    private ulong _state;

    public SplitMix64(ulong seed) => _state = seed;

    /// <summary>The generator of run <paramref name="run"/> of a sweep: a function of the scenario
    /// seed and the run index only, so a run draws the same values whatever the number of workers
    /// or shards.</summary>
    public static SplitMix64 ForRun(ulong seed, long run) =>
        new(Mix(unchecked(Mix(seed) + (ulong)run * Golden)));

    /// <summary>The SplitMix64 finaliser (a bijective 64-bit hash).</summary>
    public static ulong Mix(ulong z)
    {
        unchecked
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
            return z ^ (z >> 31);
        }
    }

    public ulong NextUInt64()
    {
        unchecked { _state += Golden; }
        return Mix(_state);
    }

    /// <summary>Uniform on [0, 1), 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform on [a, b).</summary>
    public double Uniform(double a, double b) => a + (b - a) * NextDouble();

    /// <summary>Uniform integer on [0, n), by rejection so every value is equally likely.</summary>
    public int NextInt(int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(n, 0);
        var bound = (ulong)n;
        var limit = ulong.MaxValue - ulong.MaxValue % bound;
        ulong x;
        do x = NextUInt64(); while (x >= limit);
        return (int)(x % bound);
    }

    /// <summary>Normal(mu, sigma) by Marsaglia's polar method; the second value is discarded.</summary>
    public double Normal(double mu, double sigma)
    {
        double u, v, s;
        do
        {
            u = 2 * NextDouble() - 1;
            v = 2 * NextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return mu + sigma * u * Math.Sqrt(-2 * Math.Log(s) / s);
    }

    /// <summary>exp(Normal(mu, sigma)): mu and sigma are those of the logarithm.</summary>
    public double LogNormal(double mu, double sigma) => Math.Exp(Normal(mu, sigma));
}
