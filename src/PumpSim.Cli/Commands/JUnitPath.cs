using Spectre.Console;

namespace PumpSim.Cli.Commands;

/// <summary>Checks a --junit value before any work is done, so a bad one is exit 2 at once.</summary>
internal static class JUnitPath
{
    public static ValidationResult Check(string? path)
    {
        if (path is null or "-" or CommandLine.Stdout) return ValidationResult.Success();
        if (string.IsNullOrWhiteSpace(path)) return ValidationResult.Error("--junit needs a file name (or '-' for stdout)");
        if (path.EndsWith('/') || path.EndsWith(Path.DirectorySeparatorChar) || Directory.Exists(path))
            return ValidationResult.Error($"--junit {path} is a folder; give a file name such as {Path.Combine(path, "junit.xml")}");
        return ValidationResult.Success();
    }

    /// <summary>--out: a folder name that is not blank and not a filesystem root.</summary>
    public static ValidationResult CheckOut(string? path)
    {
        if (path is null) return ValidationResult.Success();
        if (string.IsNullOrWhiteSpace(path)) return ValidationResult.Error("--out needs a folder name");
        var full = Path.GetFullPath(path);
        if (Path.GetDirectoryName(full.TrimEnd('/', Path.DirectorySeparatorChar)) is null || full.TrimEnd('/', Path.DirectorySeparatorChar).Length == 0)
            return ValidationResult.Error($"--out {path} is a filesystem root; give a folder for this run's files");
        return ValidationResult.Success();
    }
}
