namespace PumpSim.Core.Sweeps;

/// <summary>Which part of a sweep request a <see cref="SweepException"/> is about, so each front
/// end can name it in its own words (the command line says --vary, --shard, --runs, --workers).</summary>
public enum SweepInput { None, Variation, Shard, Runs, Workers }

/// <summary>A bad sweep request (an unknown key, a malformed distribution, a bad shard). The core
/// speaks the domain: <see cref="Exception.Message"/> names the input in words ("shard '3/2': …"),
/// and <see cref="Detail"/> is the same sentence without that name, for a front end to prefix
/// with its own (the CLI turns it into exit code 2 with "--shard '3/2': …").</summary>
public sealed class SweepException : Exception
{
    public SweepException(string message) : this(SweepInput.None, message) { }

    public SweepException(SweepInput input, string detail) : base(input == SweepInput.None ? detail : $"{Noun(input)} {detail}")
    {
        Input = input;
        Detail = detail;
    }

    public SweepInput Input { get; }
    public string Detail { get; }

    private static string Noun(SweepInput input) => input switch
    {
        SweepInput.Variation => "variation",
        SweepInput.Shard => "shard",
        SweepInput.Runs => "runs",
        SweepInput.Workers => "workers",
        _ => "",
    };
}
