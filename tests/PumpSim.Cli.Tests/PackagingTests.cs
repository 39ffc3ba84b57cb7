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

    [Fact]
    public void Native_build_keeps_spectre_and_pumpsim_whole_for_their_reflection()
    {
        // Without these roots every verb Spectre.Console.Cli binds dies at start in the native binary
        // ("Could not get settings type for command"); .ci/native runs them all.
        var roots = Project.Root!.Elements("ItemGroup").Where(g => g.Attribute("Condition")?.Value == "'$(PublishAot)' == 'true'")
            .Elements("TrimmerRootAssembly").Select(e => e.Attribute("Include")!.Value);
        roots.Should().BeEquivalentTo("Spectre.Console.Cli", "pumpsim");
        static bool Aot(XElement g) => g.Attribute("Condition")?.Value == "'$(PublishAot)' == 'true'";
        Property("SelfContained", Aot).Should().Be("true");
        Property("PublishReadyToRun", Aot).Should().Be("false");
    }

    [Fact]
    public void Native_tool_packages_name_any_and_the_packing_platform()
    {
        static bool Native(XElement g) => g.Attribute("Condition")?.Value == "'$(NativeTool)' == 'true'";
        // dotnet tool install fails when the pointer names a package the feed lacks: only what is packed.
        Property("ToolPackageRuntimeIdentifiers", Native).Should().Be("any;$(NativeToolRids)");
        Property("NativeToolRids", Native).Should().Be("$(NETCoreSdkPortableRuntimeIdentifier)");
        Property("PublishAot", Native).Should().Be("true");
    }

    [Fact]
    public void Single_file_carries_runtime_natives_and_scenarios()
    {
        static bool Single(XElement g) => g.Attribute("Condition")?.Value == "'$(SingleFile)' == 'true'";
        Property("SelfContained", Single).Should().Be("true");
        Property("PublishSingleFile", Single).Should().Be("true");
        Property("IncludeAllContentForSelfExtract", Single).Should().Be("true");
    }

    [Fact]
    public void The_cli_runs_without_dynamic_code()
    {
        // Set in the project file, so every build, publish and tool package carries it (docs/startup.md).
        var config = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "pumpsim.runtimeconfig.json")))!;
        config["runtimeOptions"]!["configProperties"]!["System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported"]!.GetValue<bool>().Should().BeFalse();
    }
}

/// <summary>The README's third install route, end to end: pack the CLI as a dotnet tool, install it
/// into a private tool path from that folder, and run it. Packs the build the tests already made
/// (`--no-build`), so it costs the pack and the install, not a compile.</summary>
public class ToolPackageTests
{
    [Fact]
    public async Task Packed_tool_installs_and_runs_as_pumpsim()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var root = Path.Combine(Path.GetTempPath(), "pumpsim-tool-" + Guid.NewGuid().ToString("N"));
        try
        {
            var feed = Path.Combine(root, "nupkg");
            var tools = Path.Combine(root, "tools");
            (await Dotnet("pack", Repo.Path("src", "PumpSim.Cli", "PumpSim.Cli.csproj"), "-c", configuration, "--no-build", "-o", feed)).Should().Be(0);
            Directory.GetFiles(feed, "PumpSim.Cli.*.nupkg").Should().ContainSingle();
            (await Dotnet("tool", "install", "--tool-path", tools, "--add-source", feed, "PumpSim.Cli", "--version", PumpSimApp.Version)).Should().Be(0);
            var exe = Path.Combine(tools, OperatingSystem.IsWindows() ? "pumpsim.exe" : "pumpsim");
            var (code, output) = await Run(exe, "--version");
            code.Should().Be(0);
            output.Trim().Should().Be(PumpSimApp.Version);
            (code, output) = await Run(exe, "validate", Repo.Path("scenarios", "training", "kinked-catheter.yaml"));
            code.Should().Be(0);
            output.Should().StartWith("ok ");

            // Outside the repository the installed library is listed (before: "0 scenarios, 1 invalid", exit 2).
            var elsewhere = Path.Combine(root, "elsewhere");
            Directory.CreateDirectory(elsewhere);
            // Every bundled YAML file but the requirements catalog is a scenario.
            var bundled = Directory.GetFiles(Repo.Path("scenarios"), "*.yaml", SearchOption.AllDirectories)
                .Count(f => Path.GetFileName(f) != "requirements.yaml");
            (code, output) = await RunIn(elsewhere, exe, "list");
            code.Should().Be(0, output);
            output.Should().Contain($"{bundled} scenarios.");
            (code, output) = await RunIn(elsewhere, exe, "list", "--copy-to", "mine");
            code.Should().Be(0, output);
            File.ReadAllBytes(Path.Combine(elsewhere, "mine", "training", "kinked-catheter.yaml"))
                .Should().Equal(File.ReadAllBytes(Repo.Path("scenarios", "training", "kinked-catheter.yaml")));
            (code, output) = await RunIn(elsewhere, exe, "list", "--copy-to", "mine");
            code.Should().Be(2, "a non-empty folder is never overwritten");

            // The package says what it is and under which licences.
            using var zip = System.IO.Compression.ZipFile.OpenRead(Directory.GetFiles(feed, "PumpSim.Cli.*.nupkg").Single());
            using (var nuspecStream = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open())
            {
                var nuspec = XDocument.Load(nuspecStream).Root!.Descendants().ToArray();
                XElement Get(string name) => nuspec.First(e => e.Name.LocalName == name);
                Get("license").Value.Should().Be("MIT");
                Get("authors").Value.Should().Be("PumpSim contributors");
                Get("repository").Attribute("type")!.Value.Should().Be("git");
            }
            zip.Entries.Select(e => e.FullName).Should().Contain(["LICENSE", "LICENSE-DejaVu.txt"])
                .And.Contain(n => n.EndsWith("/scenarios/training/kinked-catheter.yaml", StringComparison.Ordinal));
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<int> Dotnet(params string[] args) => (await Run("dotnet", args)).Code;

    private static Task<(int Code, string Output)> Run(string file, params string[] args) => RunIn(Environment.CurrentDirectory, file, args);

    private static async Task<(int Code, string Output)> RunIn(string workingDirectory, string file, params string[] args)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(file, args)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(5)); // a hang guard, not a timing assertion
        var output = process.StandardOutput.ReadToEndAsync(guard.Token);
        var error = process.StandardError.ReadToEndAsync(guard.Token);
        await process.WaitForExitAsync(guard.Token);
        return (process.ExitCode, await output + await error);
    }
}
