using System.Diagnostics;
using System.Text.RegularExpressions;

namespace PumpSim.Cli.Tests;

/// <summary>.ci/run cannot pass silently: it runs the README's test command with a hang guard, fails
/// on a skipped test that tests/allowed-skips.txt does not list with a reason, and on a dirty tree.</summary>
public class CiScriptTests
{
    private static string ReadmeTestCommand() =>
        Regex.Match(File.ReadAllText(Repo.Path("README.md")), @"(?m)^# 2\. run the tests.*\n(dotnet test .*)$").Groups[1].Value.Trim();

    [Fact]
    public void CiRun_runs_the_readme_test_command_with_a_hang_guard()
    {
        var command = ReadmeTestCommand();
        command.Should().StartWith("dotnet test PumpSim.sln").And.Contain("--blame-hang-timeout");
        File.ReadAllLines(Repo.Path(".ci", "run")).Should().Contain(l => l.StartsWith(command + " ", StringComparison.Ordinal) || l == command);
    }

    [Fact]
    public void CiRun_fails_on_an_unlisted_skip_and_on_a_dirty_tree()
    {
        var script = File.ReadAllText(Repo.Path(".ci", "run"));
        script.Should().Contain("--logger trx").And.Contain(".ci/skipped-tests").And.Contain("tests/allowed-skips.txt");
        script.Should().Contain("git status --porcelain");
    }

    [Fact]
    public void CiRun_compares_the_native_build_with_the_jit_build()
    {
        File.ReadAllText(Repo.Path(".ci", "run")).Should().Contain(".ci/native src/PumpSim.Cli/bin/Debug/net10.0");
        var native = File.ReadAllText(Repo.Path(".ci", "native"));
        // Every bundled scenario and every verb's help, with the allowed warnings read from their file.
        native.Should().Contain("find scenarios -name '*.yaml'").And.Contain("-p:PublishAot=true").And.Contain(".ci/aot-warnings.txt");
        var helpLoop = native.Split('\n').Single(l => l.StartsWith("for verb in ", StringComparison.Ordinal)).Split([' ', ';']);
        helpLoop.Should().Contain(["run", "verify", "play", "list", "validate", "diagram", "schema", "sweep", "merge", "serve", "trace", "check", "grade", "trumpet"]);
    }

    [Fact]
    public void Every_allowed_skip_names_a_test_and_its_reason()
    {
        foreach (var line in File.ReadAllLines(Repo.Path("tests", "allowed-skips.txt")).Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#')))
            line.Should().MatchRegex(@"^[A-Za-z0-9_.]+(\(.*\))? \| .+$");
    }

    [SkippableFact]
    public void SkippedTests_names_the_tests_a_trx_records_as_not_executed()
    {
        Skip.If(OperatingSystem.IsWindows(), "a bash script");
        var dir = Cli.TempDir();
        File.WriteAllText(Path.Combine(dir, "a.trx"),
            """<TestRun><Results><UnitTestResult testName="N.C.Skipped" outcome="NotExecuted" /><UnitTestResult testName="N.C.Ran" outcome="Passed" /></Results></TestRun>""");
        var psi = new ProcessStartInfo("bash", [Repo.Path(".ci", "skipped-tests"), dir]) { RedirectStandardOutput = true };
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        p.ExitCode.Should().Be(0);
        output.Should().Be("N.C.Skipped\n");
    }

    [Fact]
    public void GlobalJson_pins_sdk_10_and_rolls_forward_to_the_installed_feature_band()
    {
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Repo.Path("global.json")));
        var sdk = doc.RootElement.GetProperty("sdk");
        sdk.GetProperty("version").GetString().Should().StartWith("10.0.");
        sdk.GetProperty("rollForward").GetString().Should().Be("latestFeature", "10.0.100 must accept any 10.0.x SDK such as 10.0.401");
        var psi = new ProcessStartInfo("dotnet", ["--version"]) { WorkingDirectory = Repo.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        var version = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        p.ExitCode.Should().Be(0, "the SDK resolves under global.json: " + p.StandardError.ReadToEnd());
        version.Should().StartWith("10.0.");
    }
}
