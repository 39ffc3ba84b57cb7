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
    public void Two_files_with_one_scenario_id_are_told_apart_by_their_file()
    {
        var dir = Cli.TempDir();
        File.Copy(Data("verify-one-fails.yaml"), Path.Combine(dir, "a.yaml"));
        File.Copy(Data("verify-one-fails.yaml"), Path.Combine(dir, "b.yaml"));
        var r = Cli.Run("verify", dir);
        var lines = r.Out.Split('\n').Where(l => l.StartsWith("FAIL", StringComparison.Ordinal)).ToList();
        lines.Should().HaveCount(2, r.Out);
        lines[0].Should().Be("FAIL     verify-one-fails  1/2 expectations pass");
        lines[1].Should().Be($"FAIL     verify-one-fails ({Path.Combine(dir, "b.yaml")})  1/2 expectations pass");
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

    [Fact]
    public void Verify_junit_is_valid_under_junit_10_xsd_with_times_that_add_up()
    {
        var dir = Cli.TempDir();
        var junit = Path.Combine(dir, "junit.xml");
        File.Copy(Data("verify-one-fails.yaml"), Path.Combine(dir, "a.yaml"));
        File.WriteAllText(Path.Combine(dir, "b.yaml"), "duration: 1d\ntherapy: { mode: continuous, rate_mcg_per_dya: 5 }\n");
        Cli.Run("verify", dir, "--junit", junit).ExitCode.Should().Be(2);
        var schemas = new System.Xml.Schema.XmlSchemaSet();
        schemas.Add(null, Path.Combine(AppContext.BaseDirectory, "Schemas", "junit-10.xsd"));
        var doc = System.Xml.Linq.XDocument.Load(junit);
        var errors = new List<string>();
        System.Xml.Schema.Extensions.Validate(doc, schemas, (_, e) => errors.Add(e.Message));
        errors.Should().BeEmpty(File.ReadAllText(junit));
        // Wall-clock values are not asserted, only their consistency: the root is the sum of the suites (each rounded to 1 ms).
        static decimal T(System.Xml.Linq.XElement e) => decimal.Parse(e.Attribute("time")!.Value, System.Globalization.CultureInfo.InvariantCulture);
        var suites = doc.Root!.Elements("testsuite").ToList();
        suites.Should().HaveCount(2);
        T(doc.Root).Should().Be(suites.Sum(T));
    }
}
