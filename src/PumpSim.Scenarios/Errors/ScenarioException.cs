namespace PumpSim.Scenarios;

/// <summary>A scenario file that cannot be loaded. Carries every error found (in file order), and
/// the first one's location directly, because most callers show or test just that one.</summary>
public sealed class ScenarioException : Exception
{
    public ScenarioException(IReadOnlyList<ScenarioError> errors)
        : base(string.Join(Environment.NewLine, errors.Select(e => e.ToString())))
    {
        if (errors.Count == 0) throw new ArgumentException("at least one error is needed.", nameof(errors));
        Errors = errors;
    }

    public IReadOnlyList<ScenarioError> Errors { get; }
    public string File => Errors[0].File;
    public int Line => Errors[0].Line;
    public int Column => Errors[0].Column;
    /// <summary>The first error's message without its location.</summary>
    public string Reason => Errors[0].Message;
}
