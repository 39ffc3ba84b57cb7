using PumpSim.Core.Engine;
using PumpSim.Scenarios;
using Spectre.Console.Testing;

namespace PumpSim.Cli.Tests;

public class DashboardTests
{
    [Theory]
    [InlineData("dosing/continuous-maintenance.yaml", 18.5, "1-s single tone")]
    [InlineData("training/pocket-fill.yaml", 4, "overdose-risk")]
    [InlineData("training/missed-refill.yaml", 6, "withdrawal-risk")]
    public void Dashboard_FitsAnEightyByTwentyFourTerminal_AndShowsBothWorlds(string file, double day, string shows)
    {
        var s = ScenarioLoader.Load(Repo.Path(["scenarios", .. file.Split('/')]));
        using var sim = new Simulation(s.Plan);
        var dash = new Dashboard(sim, s.Title, s.Description);
        using var feed = sim.Events.Subscribe(dash.OnEvent);
        sim.AdvanceTo(s.Plan.Start + PumpSim.Core.Units.SimDuration.FromDays(day));
        var console = new TestConsole().Width(80);
        console.Write(dash.Render());
        var lines = console.Lines;
        lines.Count.Should().BeLessThanOrEqualTo(24);
        lines.Should().OnlyContain(l => l.Length <= 80);
        console.Output.Should().Contain("Pump believes").And.Contain("Body receives").And.Contain(shows).And.Contain("illustrative");
        lines.Count(l => l.Contains("Pump believes") && l.Contains("Body receives")).Should().Be(1, "the two worlds sit side by side");
    }
}
