using System.Text.RegularExpressions;

namespace PumpSim.Cli;

/// <summary>What Spectre.Console.Cli gets wrong on its own, fixed before it parses:
/// <c>--</c> ends the options (POSIX), an option that needs a value must get one, and its
/// .NET-flavoured conversion messages are said in the user's terms.</summary>
public static partial class CommandLine
{
    /// <summary>Options that take a value: given last, or followed by another option, the value is
    /// missing (Spectre would otherwise take the next token, or a default such as
    /// "__default_command", as the value).</summary>
    private static readonly string[] ValueOptions =
        ["--out", "--junit", "--step", "--seed", "--runs", "--vary", "--shard", "--workers", "--hours", "--speed", "--format"];

    /// <summary>What a "-" value becomes on its way through Spectre (which cannot take "-" as a value).</summary>
    public const string Stdout = "\u0000-";

    /// <summary>The arguments as Spectre should see them, or null with <paramref name="problem"/> set.</summary>
    public static string[]? Normalise(string[] args, out string problem)
    {
        problem = "";
        var result = new List<string>(args.Length);
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            if (a == "--")
            {
                // Everything after "--" is a path: "./" keeps one that starts with '-' from being read as an option.
                foreach (var rest in args.Skip(i + 1)) result.Add(rest.StartsWith('-') ? "./" + rest : rest);
                break;
            }
            if (ValueOptions.Contains(a, StringComparer.Ordinal) && (i + 1 == args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal)))
            {
                problem = $"{a} needs a value";
                return null;
            }
            result.Add(a);
            // Spectre reads a lone "-" as a nameless option; as a value it means stdout.
            if (ValueOptions.Contains(a, StringComparer.Ordinal)) { i++; result.Add(args[i] == "-" ? Stdout : args[i]); }
        }
        return result.ToArray();
    }

    /// <summary>"Failed to convert '-1' to Nullable`1" becomes "'-1' is not a valid whole number".</summary>
    /// <param name="args">The command line, to name the option the value was given to.</param>
    public static string Explain(string message, IReadOnlyList<string> args)
    {
        var m = Convert().Match(message);
        if (!m.Success) return message;
        var value = m.Groups["value"].Value;
        var type = m.Groups["type"].Value;
        var what = type.Contains("Int", StringComparison.Ordinal) || type.Contains("Nullable", StringComparison.Ordinal) ? "a whole number in range"
            : type.Contains("Double", StringComparison.Ordinal) ? "a number" : "a valid value";
        var at = -1;
        for (var i = 1; i < args.Count; i++)
            if (args[i] == value && args[i - 1].StartsWith("--", StringComparison.Ordinal)) at = i - 1;
        return at >= 0 ? $"{args[at]}: '{value}' is not {what}" : $"'{value}' is not {what}";
    }

    [GeneratedRegex("Failed to convert '(?<value>.*)' to (?<type>[^ .]+)", RegexOptions.CultureInvariant)]
    private static partial Regex Convert();
}
