namespace PumpSim.Cli.Infrastructure;

/// <summary>Where user-facing errors go (stderr in the real tool, a StringWriter in tests).
/// Messages quote scenario text and file names, so control characters are dropped (<see cref="TerminalText"/>).</summary>
public sealed class ErrorWriter(TextWriter writer)
{
    public TextWriter Writer { get; } = writer;
    public void Line(string message) => Writer.WriteLine(TerminalText.Clean(message));
}
