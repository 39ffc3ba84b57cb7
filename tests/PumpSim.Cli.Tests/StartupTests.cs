using System.Reflection;
using System.Runtime.Loader;

namespace PumpSim.Cli.Tests;

/// <summary>Start-up: the chart libraries (ScottPlot, SkiaSharp, HarfBuzz) are not loaded by a run without
/// --html. The CLI runs through its real entry point inside its own AssemblyLoadContext, so what it loads
/// is seen apart from what other tests in this process have loaded.</summary>
public class StartupTests
{
    private sealed class IsolatedCli() : AssemblyLoadContext("pumpsim-isolated", isCollectible: true)
    {
        // The CLI's own and third-party assemblies from the test output folder; the framework from the default context.
        protected override Assembly? Load(AssemblyName name)
        {
            var path = Path.Combine(AppContext.BaseDirectory, name.Name + ".dll");
            return File.Exists(path) && !name.Name!.StartsWith("System.", StringComparison.Ordinal) ? LoadFromAssemblyPath(path) : null;
        }
    }

    private static (int Code, string[] Loaded) RunIsolated(params string[] args)
    {
        var alc = new IsolatedCli();
        try
        {
            var main = alc.LoadFromAssemblyPath(Path.Combine(AppContext.BaseDirectory, "pumpsim.dll"));
            var code = (int)main.EntryPoint!.Invoke(null, [args])!;
            return (code, alc.Assemblies.Select(a => a.GetName().Name!).Order(StringComparer.Ordinal).ToArray());
        }
        finally { alc.Unload(); }
    }

    private static readonly string[] Charting = ["ScottPlot", "SkiaSharp", "HarfBuzzSharp", "SkiaSharp.HarfBuzz"];

    [Fact]
    public void Run_without_html_does_not_load_the_chart_libraries()
    {
        var (code, loaded) = RunIsolated("run", Repo.Path("scenarios", "dosing", "continuous-maintenance.yaml"), "--out", Cli.TempDir());
        code.Should().Be(0);
        loaded.Should().Contain(["pumpsim", "PumpSim.Core", "PumpSim.Reports"], "the isolated context sees what the CLI loads");
        loaded.Should().NotContain(Charting);
    }

    [Fact]
    public void The_reports_library_does_reference_the_chart_libraries()
    {
        // So the check above is about a real dependency: PumpSim.Reports is loaded by `run` and references
        // ScottPlot, which must still stay unloaded. (`run --html` is not run in the isolated context: SkiaSharp's
        // native callbacks would cross into the copy loaded by other tests and crash the test host.)
        typeof(PumpSim.Reports.RunOutputs).Assembly.GetReferencedAssemblies().Select(a => a.Name).Should().Contain("ScottPlot");
    }

    [Fact]
    public void Version_loads_neither_the_engine_nor_the_charts()
    {
        var (code, loaded) = RunIsolated("--version");
        code.Should().Be(0);
        loaded.Should().NotContain(Charting).And.NotContain("PumpSim.Core").And.NotContain("Spectre.Console.Cli");
    }
}
