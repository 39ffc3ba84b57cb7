namespace PumpSim.Web.Tests;

/// <summary>A test that needs Debian's Chromium (<see cref="Path"/>). Outside CI it is skipped, with
/// the reason, when Chromium is not installed; in CI (CI=true, where .ci/run installs it) it always
/// runs, so a missing browser fails instead of hiding.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string Path = "/usr/bin/chromium";

    public ChromiumFactAttribute()
    {
        var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (!ci && !File.Exists(Path))
            Skip = $"{Path} is not installed (apt-get install -y chromium); the browser test runs whenever it is, and always in CI.";
    }
}
