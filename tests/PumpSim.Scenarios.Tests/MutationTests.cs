using PumpSim.Scenarios;

namespace PumpSim.Scenarios.Tests;

/// <summary>Hostile or damaged input: thousands of deterministic mutations of the example must either
/// load or fail with a located <see cref="ScenarioException"/> — never any other exception.</summary>
public class MutationTests
{
    private static readonly string Example = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "kinked-catheter.yaml"));
    private const string Noise = ":[]{}-&*!|>'\"#\n \t0.x,?%@`\\";

    /// <summary>A tiny fixed LCG: the same mutations on every machine, no System.Random.</summary>
    private sealed class Lcg(ulong seed)
    {
        private ulong _state = seed;
        public int Next(int max)
        {
            _state = unchecked(_state * 6364136223846793005UL + 1442695040888963407UL);
            return (int)((_state >> 33) % (ulong)max);
        }
    }

    [Fact]
    public void Loader_DamagedFiles_FailOnlyWithLocatedErrors()
    {
        var rng = new Lcg(42);
        var outcomes = new int[2];
        for (var i = 0; i < 3000; i++)
        {
            var text = Example;
            for (var k = 0; k <= rng.Next(3); k++)
            {
                if (text.Length == 0) break;
                var at = rng.Next(text.Length);
                text = rng.Next(4) switch
                {
                    0 => text[..at],
                    1 => text.Remove(at, 1),
                    2 => text.Insert(at, Noise[rng.Next(Noise.Length)].ToString()),
                    _ => text.Remove(at, 1).Insert(at, Noise[rng.Next(Noise.Length)].ToString()),
                };
            }
            try
            {
                ScenarioLoader.Parse(text, "m.yaml");
                outcomes[0]++;
            }
            catch (ScenarioException e)
            {
                e.Line.Should().BeGreaterThan(0);
                e.Column.Should().BeGreaterThan(0);
                e.Reason.Should().NotBeNullOrWhiteSpace();
                outcomes[1]++;
            }
        }
        outcomes[1].Should().BeGreaterThan(100, "most damage must be caught");
    }

    [Fact]
    public void Loader_ManyUnknownKeys_AreReportedCappedAt25()
    {
        // 40 000 unknown keys: the loader reports the first 25 (from line 2, the first unknown key)
        // and stops. How long it takes is measured in benchmarks/, never asserted here.
        var text = "duration: 3d\n" + string.Concat(Enumerable.Range(0, 40_000).Select(i => $"k{i}: 1\n"));
        var error = FluentActions.Invoking(() => ScenarioLoader.Parse(text, "keys.yaml")).Should().Throw<ScenarioException>().Which;
        error.Errors.Should().HaveCount(25, "errors are capped");
        error.Line.Should().Be(2);
        error.Errors[^1].Line.Should().Be(26, "the 25 errors are the first 25 unknown keys, lines 2 to 26");
    }
}
