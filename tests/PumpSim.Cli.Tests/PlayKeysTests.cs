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

/// <summary>Issue 15's play additions: fault keys with a legend, next narration/alarm, --start, the title's width.</summary>
public class PlayTrainerKeysTests
{
    private static (int Code, string Out) Play(int width, string[] extra, params ConsoleKey[] keys)
    {
        var console = new TestConsole().Width(width).Interactive().EmitAnsiSequences();
        foreach (var k in keys) console.Input.PushKey(k);
        var code = PumpSimApp.Run(["play", Repo.Path("scenarios", "dosing", "continuous-maintenance.yaml"), "--speed", "60", .. extra], console, new StringWriter());
        return (code, console.Output);
    }

    [Fact]
    public void TheFaultKeyK_InjectsAKink_AndTheLegendNamesTheKeys()
    {
        var (code, output) = Play(120, [], ConsoleKey.Spacebar, ConsoleKey.K, ConsoleKey.RightArrow, ConsoleKey.RightArrow, ConsoleKey.Q);
        code.Should().Be(0);
        output.Should().Contain("k kink").And.Contain("p pocket fill").And.Contain("Kink injected at day 0.00");
        // The kink applies one second after the paused instant; a step later the event list shows it.
        output.Should().Contain("BODY: the catheter kinks", "the latest events speak Core's words");
    }

    [Fact]
    public void N_RunsToTheNextNarrationLine_AndPauses()
    {
        // continuous-maintenance narrates at 0d and 18d: from the start, n stops at day 18.00.
        var (code, output) = Play(120, [], ConsoleKey.Spacebar, ConsoleKey.N, ConsoleKey.Q);
        code.Should().Be(0);
        output.Should().Contain("day 18.00").And.Contain("low-reservoir alarm sounds");
    }

    [Fact]
    public void Start_OpensTheDashboardAtThatMoment()
    {
        var (code, output) = Play(120, ["--start", "10d"], ConsoleKey.Spacebar, ConsoleKey.Q);
        code.Should().Be(0);
        output.Should().Contain("day 10.00");
        PumpSimApp.Run(["play", Repo.Path("scenarios", "dosing", "continuous-maintenance.yaml"), "--start", "30d"],
            new TestConsole().Interactive().EmitAnsiSequences(), new StringWriter()).Should().Be(2);
    }

    [Fact]
    public void At120Columns_TheTitleIsNotCut()
    {
        // "Continuous maintenance dosing from a 20 mL pump" is 47 characters: cut at 40 columns before.
        var (_, output) = Play(120, [], ConsoleKey.Q);
        output.Should().Contain("Continuous maintenance dosing from a 20 mL pump");
    }
}

public class PlayRestartTests
{
    [Fact]
    public void B_GoesBackToTheStart_AndAnInjectedFaultReplays()
    {
        var console = new TestConsole().Width(120).Interactive().EmitAnsiSequences();
        // Pause, kink, run to the next narration (day 18), back to the start, one step, quit.
        foreach (var k in new[] { ConsoleKey.Spacebar, ConsoleKey.K, ConsoleKey.N, ConsoleKey.B, ConsoleKey.RightArrow, ConsoleKey.Q })
            console.Input.PushKey(k);
        var code = PumpSimApp.Run(["play", Repo.Path("scenarios", "dosing", "continuous-maintenance.yaml"), "--speed", "60"], console, new StringWriter());
        code.Should().Be(0);
        var output = console.Output;
        // The keys arrive together, so the dashboard draws the first frame and the last. Without the
        // restart the last frame would read day 18 (n ran there); with it, one 1-minute step after the
        // start, and the kink (injected at 0d + 1 s) is in the new run's event list: it replayed.
        output.Should().Contain("back to the start.");
        output.Should().Contain("day 0.00 · 2026-01-01 00:01");
        output.Should().Contain("BODY: the catheter kinks", "the latest events speak Core's words");
        output.Should().NotContain("2026-01-19");
    }
}

public class PlayTerminalTests
{
    [Fact]
    public async Task WithStderrRedirected_PlayStaysLiveOnATerminalStdout()
    {
        // util-linux `script` gives the process a terminal (Debian: bsdutils, an essential package).
        if (OperatingSystem.IsWindows() || !File.Exists("/usr/bin/script")) return;
        var dll = Path.Combine(AppContext.BaseDirectory, "pumpsim.dll");
        var file = Repo.Path("scenarios", "dosing", "continuous-maintenance.yaml");
        var psi = new System.Diagnostics.ProcessStartInfo("/usr/bin/script",
            ["-qc", $"dotnet '{dll}' play '{file}' --speed 0 --no-input 2>/dev/null", "/dev/null"])
        { RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
        psi.Environment["TERM"] = "xterm";
        using var p = System.Diagnostics.Process.Start(psi)!;
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(120)); // a hang guard, not a timing assertion
        var output = await p.StandardOutput.ReadToEndAsync(guard.Token);
        await p.WaitForExitAsync(guard.Token);
        // The live dashboard hides the cursor (ESC[?25l) and draws its panes; the plain story has neither.
        output.Should().Contain("\u001b[?25l").And.Contain("Pump believes");
    }
}
