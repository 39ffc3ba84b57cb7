using System.Globalization;
using PumpSim.Core.Engine;

namespace PumpSim.Core.Sweeps;

/// <summary>A distribution a sweep draws one parameter from: uniform(a,b), normal(mu,sigma),
/// lognormal(mu,sigma) (mu, sigma of the logarithm) or choice(a,b,...) (equally likely values).</summary>
public abstract record Distribution
{
    public abstract double Draw(SplitMix64 rng);

    /// <summary>The canonical spelling, as aggregate.json records it.</summary>
    public abstract string Describe();

    public static Distribution Parse(string text)
    {
        var t = text.Trim();
        var open = t.IndexOf('(');
        if (open <= 0 || !t.EndsWith(')'))
            throw new SweepException($"'{text}' is not a distribution: expected uniform(a,b), normal(mu,sigma), lognormal(mu,sigma) or choice(a,b,...)");
        var name = t[..open].Trim().ToLowerInvariant();
        var args = t[(open + 1)..^1].Split(',').Select(a => a.Trim()).ToArray();
        if (name == "choice" && args.Any(a => a.Length == 0)) throw new SweepException($"'{text}': choice needs at least one value, and no empty ones");
        var values = new double[args.Length];
        for (var i = 0; i < args.Length; i++)
        {
            if (!double.TryParse(args[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]))
                throw new SweepException($"'{text}': '{args[i]}' is not a number (use a dot for decimals)");
            // Bounded so every draw is finite: uniform(-1e308,1e308) has an infinite width.
            if (Math.Abs(values[i]) > MaxParameter)
                throw new SweepException($"'{text}': '{args[i]}' is out of range; distribution parameters are limited to ±{MaxParameter:0e0}");
        }
        void Count(int n)
        {
            if (values.Length != n) throw new SweepException($"'{text}': {name} takes {n} numbers, got {values.Length}");
        }
        switch (name)
        {
            case "uniform":
                Count(2);
                if (!(values[0] < values[1])) throw new SweepException($"'{text}': uniform(a,b) needs a < b");
                return new UniformDistribution(values[0], values[1]);
            case "normal":
                Count(2);
                if (!(values[1] > 0)) throw new SweepException($"'{text}': normal(mu,sigma) needs sigma > 0");
                return new NormalDistribution(values[0], values[1]);
            case "lognormal":
                Count(2);
                if (!(values[1] > 0)) throw new SweepException($"'{text}': lognormal(mu,sigma) needs sigma > 0");
                // exp(mu + 8.3 sigma) must stay finite (e^709 is the largest double): mu ≤ 50, sigma ≤ 10.
                if (Math.Abs(values[0]) > 50 || values[1] > 10) throw new SweepException($"'{text}': lognormal(mu,sigma) needs |mu| ≤ 50 and sigma ≤ 10 (mu and sigma are of the logarithm)");
                return new LogNormalDistribution(values[0], values[1]);
            case "choice":
                if (args.Length == 0 || args.Any(a => a.Length == 0)) throw new SweepException($"'{text}': choice needs at least one value");
                return new ChoiceDistribution(values);
            default:
                throw new SweepException($"'{text}': unknown distribution '{name}'; expected uniform, normal, lognormal or choice");
        }
    }

    /// <summary>The largest parameter magnitude (values are clamped to each key's domain anyway).</summary>
    public const double MaxParameter = 1e9;

    internal static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}

public sealed record UniformDistribution(double A, double B) : Distribution
{
    public override double Draw(SplitMix64 rng) => rng.Uniform(A, B);
    public override string Describe() => $"uniform({F(A)},{F(B)})";
}

public sealed record NormalDistribution(double Mu, double Sigma) : Distribution
{
    public override double Draw(SplitMix64 rng) => rng.Normal(Mu, Sigma);
    public override string Describe() => $"normal({F(Mu)},{F(Sigma)})";
}

public sealed record LogNormalDistribution(double Mu, double Sigma) : Distribution
{
    public override double Draw(SplitMix64 rng) => rng.LogNormal(Mu, Sigma);
    public override string Describe() => $"lognormal({F(Mu)},{F(Sigma)})";
}

public sealed record ChoiceDistribution(IReadOnlyList<double> Values) : Distribution
{
    public override double Draw(SplitMix64 rng) => Values[rng.NextInt(Values.Count)];
    public override string Describe() => $"choice({string.Join(",", Values.Select(F))})";
}
