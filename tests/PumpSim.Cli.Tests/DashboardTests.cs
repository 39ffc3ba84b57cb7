using PumpSim.Core.Engine;
using PumpSim.Scenarios;
using Spectre.Console.Testing;

namespace PumpSim.Cli.Tests;

public class DashboardTests
{
    [Fact]
    public void Dashboard_FitsAnEightyByTwentyFourTerminal_AndShowsBothWorlds()
    {
        var s = ScenarioLoader.Load(Repo.Path("scenarios", "dosing", "continuous-maintenance.yaml"));
        using var sim = new Simulation(s.Plan);
        var dash = new Dashboard(sim, s.Title);
        using var feed = sim.Events.Subscribe(dash.OnEvent);
        sim.AdvanceTo(s.Plan.Start + PumpSim.Core.Units.SimDuration.FromDays(18.5));
        var console = new TestConsole().Width(80);
        console.Write(dash.Render());
        var lines = console.Lines;
        lines.Count.Should().BeLessThanOrEqualTo(24);
        lines.Should().OnlyContain(l => l.Length <= 80);
        console.Output.Should().Contain("Pump believes").And.Contain("Body receives").And.Contain("low-reservoir")
            .And.Contain("1-s single tone").And.Contain("illustrative");
    }
}
