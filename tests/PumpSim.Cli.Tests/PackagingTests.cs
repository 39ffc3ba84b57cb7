using System.Xml.Linq;

namespace PumpSim.Cli.Tests;

/// <summary>The packaging settings the README's install routes rely on. Packing and installing take a minute on
/// CI, so they are not run here: `dotnet pack` + `dotnet tool install --tool-path` were checked by hand
/// (docs/startup.md); this test keeps the settings from being lost in an edit.</summary>
public class PackagingTests
{
    private static readonly XDocument Project = XDocument.Load(Repo.Path("src", "PumpSim.Cli", "PumpSim.Cli.csproj"));

    private static string? Property(string name, Func<XElement, bool>? group = null) =>
        Project.Root!.Elements("PropertyGroup").Where(g => group?.Invoke(g) ?? g.Attribute("Condition") is null)
            .Elements(name).Select(e => e.Value).LastOrDefault();

    [Fact]
    public void The_cli_packs_as_a_dotnet_tool_named_pumpsim()
    {
        Property("PackAsTool").Should().Be("true");
        Property("ToolCommandName").Should().Be("pumpsim");
        Property("IsPackable").Should().Be("true");
    }

    [Fact]
    public void Publish_targets_one_runtime_framework_dependent_and_ready_to_run()
    {
        static bool Publishing(XElement g) => g.Attribute("Condition")?.Value.Contains("_IsPublishing") == true;
        Property("RuntimeIdentifier", Publishing).Should().Be("$(NETCoreSdkPortableRuntimeIdentifier)");
        Property("SelfContained", Publishing).Should().Be("false");
        Property("PublishReadyToRun", Publishing).Should().Be("true");
    }
}
