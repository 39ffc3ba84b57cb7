using System.Text.RegularExpressions;

namespace PumpSim.Cli.Tests;

/// <summary>YAML 1.1 tools (PyYAML, ajv-cli) read an unquoted timestamp as a date, and the schema's
/// "string" then fails: every scenario a user gets from us (bundled, benchmarks, deploy, docs) quotes it.</summary>
public partial class QuotedTimestampTests
{
    [GeneratedRegex(@"^\s*(-\s+)?[A-Za-z_]+:\s+\d{4}-\d{2}-\d{2}([Tt ]|\s*(#|$))", RegexOptions.Multiline)]
    private static partial Regex UnquotedTimestamp();

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var folder in new[] { "scenarios", "benchmarks", "deploy", "docs" })
            foreach (var f in Directory.EnumerateFiles(Repo.Path(folder), "*", SearchOption.AllDirectories)
                         .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".md", StringComparison.Ordinal))
                         .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                         .Order(StringComparer.Ordinal))
                data.Add(Path.GetRelativePath(Repo.Path("."), f));
        data.Add("README.md");
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Bundled_file_has_no_unquoted_timestamp(string file)
    {
        var text = File.ReadAllText(Repo.Path(file));
        UnquotedTimestamp().Matches(text).Select(m => m.Value.Trim()).Should().BeEmpty($"{file}: quote timestamps (start: \"2026-01-05T08:00:00Z\")");
    }

    [Fact]
    public void The_pattern_finds_the_unquoted_forms()
    {
        UnquotedTimestamp().IsMatch("start: 2026-01-05T08:00:00Z").Should().BeTrue();
        UnquotedTimestamp().IsMatch("  - at: 2026-01-05").Should().BeTrue();
        UnquotedTimestamp().IsMatch("start: \"2026-01-05T08:00:00Z\"").Should().BeFalse();
    }
}
