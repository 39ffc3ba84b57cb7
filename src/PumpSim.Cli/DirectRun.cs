using PumpSim.Cli.Commands;
using PumpSim.Cli.Infrastructure;
using Spectre.Console;

namespace PumpSim.Cli;

/// <summary>`pumpsim run FILE [--out DIR] [--step D] [--seed N] [--html]`, and `pumpsim validate
/// PATH...` and `pumpsim verify PATH...` with paths only, bound without Spectre.Console.Cli's command model.</summary>
/// <remarks>Building that model (reflection over the settings, the help styles, the binder) was a
/// quarter of a one-day run's whole process (docs/startup.md). This binds only the plain shape of the
/// commonest line: the verb, one file, each known option at most once as <c>--name value</c>. Anything
/// else (help, <c>--name=value</c>, a repeat, an unknown option, a value that fails validation) is
/// declined and goes through Spectre as before, so every message and edge case stays Spectre's.
/// <c>DirectRunTests</c> checks that whatever this binds, Spectre binds to the same settings, and that
/// it knows every option <see cref="RunSettings"/> declares.</remarks>
internal static class DirectRun
{
    /// <summary>The options of <see cref="RunSettings"/> that take a value, and its one flag.</summary>
    internal static readonly string[] ValueOptions = ["--out", "--step", "--seed"];
    internal const string Flag = "--html";

    /// <summary>The settings Spectre would bind for <paramref name="args"/> (already through
    /// <see cref="CommandLine.Normalise"/>), or null when the line is not of the plain shape.</summary>
    public static RunSettings? TryBind(IReadOnlyList<string> args)
    {
        if (args.Count < 2 || args[0] != "run") return null;
        string? file = null, @out = null, step = null, seed = null;
        var html = false;
        for (var i = 1; i < args.Count; i++)
        {
            var a = args[i];
            if (a.Length == 0) return null;
            if (a[0] != '-')
            {
                if (file is not null) return null;
                file = a;
                continue;
            }
            if (a == Flag)
            {
                if (html) return null;
                html = true;
                continue;
            }
            // A value option: Normalise has made sure a value follows; one that looks like an option
            // (or the stdout marker) is left to Spectre.
            if (i + 1 >= args.Count || args[i + 1].Length == 0 || args[i + 1][0] is '-' or '\0') return null;
            var value = args[++i];
            switch (a)
            {
                case "--out" when @out is null: @out = value; break;
                case "--step" when step is null: step = value; break;
                case "--seed" when seed is null: seed = value; break;
                default: return null;
            }
        }
        if (file is null) return null;
        var settings = new RunSettings { File = file, Out = @out, Step = step, Seed = seed, Html = html };
        return settings.Validate().Successful ? settings : null;
    }

    /// <summary>The paths of `<paramref name="verb"/> PATH...` when every word after the verb is a
    /// path (none empty, none that could be an option: Normalise has turned those after "--" into
    /// "./-…"), else null. Options (`verify -v`, `--junit`) and help are left to Spectre.</summary>
    public static string[]? TryBindPaths(IReadOnlyList<string> args, string verb)
    {
        if (args.Count < 2 || args[0] != verb) return null;
        for (var i = 1; i < args.Count; i++)
            if (args[i].Length == 0 || args[i][0] is '-' or '\0') return null;
        return args.Skip(1).ToArray();
    }

    /// <summary>The direct line for <paramref name="args"/>, as a command to call, or null for Spectre.</summary>
    public static Func<int>? TryBind(IReadOnlyList<string> args, IAnsiConsole console, ErrorWriter errors)
    {
        if (TryBind(args) is { } run) return () => RunCommand.Run(console, run);
        if (TryBindPaths(args, "validate") is { } files) return () => ValidateCommand.Run(console, errors, new ValidateSettings { Files = files });
        if (TryBindPaths(args, "verify") is { } paths) return () => VerifyCommand.Run(console, errors, new VerifySettings { Paths = paths });
        return null;
    }

    /// <summary>Runs the bound command; an exception is answered as the Spectre path's handler does.</summary>
    public static int Execute(Func<int> command, Func<Exception, int> handle)
    {
        try { return command(); }
        catch (Exception e) { return handle(e); }
    }
}
