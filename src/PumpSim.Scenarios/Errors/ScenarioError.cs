namespace PumpSim.Scenarios;

/// <summary>One located problem in a scenario file. Lines and columns are 1-based, as editors show them.</summary>
public sealed record ScenarioError(string File, int Line, int Column, string Message)
{
    /// <summary>The compiler-style form editors and CI logs know how to link: <c>file:line:col: error: message</c>.</summary>
    public override string ToString() => $"{File}:{Line}:{Column}: error: {Message}";
}
