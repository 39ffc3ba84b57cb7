using Spectre.Console.Testing;

namespace PumpSim.Cli.Tests;

public class PlayKeysTests
{
    [Fact]
    public void Play_OnATerminal_DrawsTheDashboard_AndQuitsOnQ()
    {
        var console = new TestConsole().Width(80).Interactive().EmitAnsiSequences();
        console.Input.PushKey(ConsoleKey.Spacebar);   // pause
        console.Input.PushKey(ConsoleKey.RightArrow); // one step while paused
        console.Input.PushKey(ConsoleKey.Q);
        var code = PumpSimApp.Run(["play", Repo.Path("scenarios", "training", "kinked-catheter.yaml"), "--speed", "0"], console, new StringWriter());
        code.Should().Be(0);
        console.Output.Should().Contain("Pump believes").And.Contain("Body receives").And.Contain("paused");
        console.Output.Should().NotContain("day 12.00", "q quit before the end");
    }
}
