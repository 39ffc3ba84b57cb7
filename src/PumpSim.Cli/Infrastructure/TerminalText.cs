using System.Text;

namespace PumpSim.Cli.Infrastructure;

/// <summary>Scenario text (titles, narration, expectation text, file names, error messages that
/// quote them) is data, not terminal commands. A YAML "\e]52;c;…\a" would otherwise set the
/// clipboard, retitle the window or clear the screen. Every console path goes through
/// <see cref="Clean"/>: C0 controls other than newline and tab, DEL, and C1 controls (U+0080-U+009F,
/// which include the one-character CSI U+009B) are dropped; dropping ESC leaves the rest of a
/// sequence as harmless visible text.</summary>
public static class TerminalText
{
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var i = 0;
        while (i < text.Length && !IsControl(text[i])) i++;
        if (i == text.Length) return text;
        var sb = new StringBuilder(text.Length);
        sb.Append(text, 0, i);
        for (; i < text.Length; i++)
            if (!IsControl(text[i])) sb.Append(text[i]);
        return sb.ToString();
    }

    public static bool IsControl(char c) =>
        (c < ' ' && c is not ('\n' or '\t')) || c is >= '\u007F' and <= '\u009F';
}
