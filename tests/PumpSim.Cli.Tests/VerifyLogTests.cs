namespace PumpSim.Cli.Tests;

/// <summary>`verify` into a CI log (stdout not a terminal, as with the test console): no wrapping, each
/// failure once, with the file:line of its `expect:` entry.</summary>
public class VerifyLogTests
{
    private static string Data(string name) => Path.Combine(AppContext.BaseDirectory, "Data", name);

    [Fact]
    public void A_failure_is_listed_once_with_the_file_and_line_of_its_expect_entry()
    {
        var file = Data("verify-one-fails.yaml");
        var r = Cli.Run("verify", file);
        r.ExitCode.Should().Be(1, r.Out + r.Error);
        // The failing entry is the second item of expect:, on line 8 of the file.
        var failing = r.Out.Split('\n').Where(l => l.Contains("approx") || l.Contains("= 5 mL")).ToList();
        failing.Should().ContainSingle(r.Out).Which.Should().StartWith($"✗ {file}:8: verify-one-fails: ");
        r.Out.Should().Contain("FAIL     verify-one-fails  1/2 expectations pass").And.NotContain("─"); // plain lines, not a table
    }

    [Fact]
    public void Long_lines_are_not_wrapped_in_a_log()
    {
        // A path longer than 80 columns must stay on one line with its failure text.
        var dir = Path.Combine(Cli.TempDir(), new string('d', 90));
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, "verify-one-fails.yaml");
        File.Copy(Data("verify-one-fails.yaml"), file);
        var r = Cli.Run("verify", file);
        r.Out.Split('\n').Should().Contain(l => l.StartsWith($"✗ {file}:8: ") && l.Contains("true reservoir at 1d = 5 mL"), r.Out);
    }
}
