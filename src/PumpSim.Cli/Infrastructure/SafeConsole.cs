using Spectre.Console;
using Spectre.Console.Rendering;

namespace PumpSim.Cli.Infrastructure;

/// <summary>The console every command writes to: the real one, with the text of every rendered
/// segment passed through <see cref="TerminalText.Clean"/>. Spectre's own control codes (colours,
/// the live dashboard's cursor moves) are separate control segments and pass untouched, so the
/// filter sits at the one place all output crosses instead of at each call site.</summary>
internal sealed class SafeConsole(IAnsiConsole inner) : IAnsiConsole
{
    public Profile Profile => inner.Profile;
    /// <summary>The console this one cleans for.</summary>
    public IAnsiConsole Inner => inner;

    /// <summary>Whether <paramref name="console"/> writes to this process's own terminal, cleaned or not.</summary>
    public static bool IsProcessConsole(IAnsiConsole console) =>
        ReferenceEquals(console is SafeConsole safe ? safe.Inner : console, AnsiConsole.Console);
    public IAnsiConsoleCursor Cursor => inner.Cursor;
    public IAnsiConsoleInput Input => inner.Input;
    public IExclusivityMode ExclusivityMode => inner.ExclusivityMode;
    public RenderPipeline Pipeline => inner.Pipeline;
    public void Clear(bool home) => inner.Clear(home);
    public void WriteAnsi(Action<AnsiWriter> action) => inner.WriteAnsi(action); // Spectre's own escape codes
    public void Write(IRenderable renderable) => inner.Write(new Cleaned(renderable));

    private sealed class Cleaned(IRenderable inner) : IRenderable
    {
        public Measurement Measure(RenderOptions options, int maxWidth) => inner.Measure(options, maxWidth);

        public IEnumerable<Segment> Render(RenderOptions options, int maxWidth)
        {
            foreach (var s in inner.Render(options, maxWidth))
            {
                if (s.IsControlCode || s.IsLineBreak) { yield return s; continue; }
                var text = TerminalText.Clean(s.Text);
                yield return ReferenceEquals(text, s.Text) ? s : new Segment(text, s.Style);
            }
        }
    }
}
