using System.Diagnostics;

namespace PumpSim.Cli.Tests;

/// <summary>`pumpsim serve`: bad input exits 2 with a message; a real server prints its URL, serves,
/// and stops cleanly on Ctrl-C (SIGINT) with a viewer's stream still open.</summary>
public class ServeCommandTests
{
    private static readonly string Continuous = Repo.Path("scenarios", "dosing", "continuous-maintenance.yaml");

    [Fact]
    public void Help_NamesServe()
    {
        var r = Cli.Run("--help");
        r.ExitCode.Should().Be(0);
        r.Out.Should().Contain("serve");
    }

    [Theory]
    [InlineData("--port", "70000", "--port must be 0 to 65535")]
    [InlineData("--host", "example.org", "--host must be an IP address")]
    public void BadOptions_Exit2WithAMessage(string option, string value, string message)
    {
        var r = Cli.Run("serve", Continuous, option, value);
        r.ExitCode.Should().Be(2);
        (r.Error + r.Out).Should().Contain(message);
    }

    [Fact]
    public void AMissingFile_Exits2()
    {
        var r = Cli.Run("serve", Repo.Path("scenarios", "nope.yaml"));
        r.ExitCode.Should().Be(2);
        r.Error.Should().Contain("no such file");
    }

    [Fact]
    public void AnInvalidScenario_Exits2WithFileLineAndColumn()
    {
        var dir = Cli.TempDir();
        var file = Path.Combine(dir, "bad.yaml");
        File.WriteAllText(file, "duration: 1d\nreservoir_ml: lots\n");
        var r = Cli.Run("serve", file);
        r.ExitCode.Should().Be(2);
        r.Error.Should().Contain("bad.yaml:2:");
    }

    [Theory]
    [InlineData("alarm:nonsense")]
    [InlineData("flag:sleepy")]
    [InlineData("sometimes")]
    public void PlayWithAnUnknownPauseCondition_Exits2NamingIt(string condition)
    {
        // `play --pause-at` takes the console's pause conditions (PauseConditions), checked against Core's names.
        var r = Cli.Run("play", Continuous, "--no-input", "--pause-at", condition);
        r.ExitCode.Should().Be(2);
        (r.Error + r.Out).Should().Contain($"unknown pause condition '{condition}'");
    }

    [Fact]
    public void APortInUse_IsOneLineAndExit2()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var r = Cli.Run("serve", Continuous, "--port", port);
        r.ExitCode.Should().Be(2);
        r.Error.TrimEnd().Split('\n').Should().ContainSingle().Which.Should().StartWith($"error: cannot listen on 127.0.0.1:{port}:");
    }

    [Fact]
    public void AnAddressThisMachineDoesNotHave_IsOneLineAndExit2()
    {
        // 192.0.2.0/24 is TEST-NET-1 (RFC 5737): no machine has it.
        var r = Cli.Run("serve", Continuous, "--host", "192.0.2.7", "--port", "0");
        r.ExitCode.Should().Be(2);
        r.Error.TrimEnd().Split('\n').Should().ContainSingle().Which.Should().StartWith("error: cannot listen on 192.0.2.7:0:");
    }

    [Fact]
    public async Task AnotherThanLoopbackHost_Warns_AndPrintsAnAddressAClassCanOpen()
    {
        if (OperatingSystem.IsWindows()) return;
        var dll = Path.Combine(AppContext.BaseDirectory, "pumpsim.dll");
        using var process = Process.Start(new ProcessStartInfo("dotnet", [dll, "serve", Continuous, "--host", "0.0.0.0", "--port", "0"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(120)); // a hang guard, not a timing assertion
        try
        {
            var warning = await process.StandardError.ReadLineAsync(guard.Token);
            warning.Should().StartWith("warning: --host 0.0.0.0: every machine that can reach this one can open the class's view");
            var trainer = await process.StandardOutput.ReadLineAsync(guard.Token);
            var url = (await process.StandardOutput.ReadLineAsync(guard.Token))!.Split(": ", 2)[1];
            // Not the wildcard: an address of this machine (or loopback when it has no other).
            url.Should().StartWith("http://").And.NotContain("0.0.0.0");
            trainer.Should().Contain(url + "#trainer=");
            using var http = new HttpClient { BaseAddress = new Uri(url) };
            (await http.GetStringAsync("api/scenario", guard.Token)).Should().Contain("\"id\":\"continuous-maintenance\"");
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }

    [Theory]
    [InlineData("-INT")]   // Ctrl-C in a terminal
    [InlineData("-TERM")]  // kill, systemd, docker stop: it once shut the sessions down but never exited
    public async Task TheServer_PrintsItsUrl_Serves_AndStopsOnASignal(string signal)
    {
        if (OperatingSystem.IsWindows()) return; // SIGINT is sent with kill(1)
        var dll = Path.Combine(AppContext.BaseDirectory, "pumpsim.dll");
        using var process = Process.Start(new ProcessStartInfo("dotnet", [dll, "serve", Continuous, "--port", "0"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(120)); // a hang guard, not a timing assertion
        try
        {
            var first = await process.StandardOutput.ReadLineAsync(guard.Token);
            first.Should().MatchRegex(@"^Trainer \(controls; keep this link to yourself\): http://127\.0\.0\.1:[0-9]+/#trainer=[A-Za-z0-9_-]{43}$");
            var second = await process.StandardOutput.ReadLineAsync(guard.Token);
            second.Should().MatchRegex(@"^Class \(view only; follows the trainer\): http://127\.0\.0\.1:[0-9]+/$");
            var url = second![(second.IndexOf("http", StringComparison.Ordinal))..].Trim();
            first.Should().Contain(url + "#trainer=");
            using var http = new HttpClient { BaseAddress = new Uri(url) };
            (await http.GetStringAsync("api/scenario", guard.Token)).Should().Contain("\"id\":\"continuous-maintenance\"");
            using var stream = await http.GetAsync("api/sessions/1/stream", HttpCompletionOption.ResponseHeadersRead, guard.Token);
            stream.IsSuccessStatusCode.Should().BeTrue();

            using (var kill = Process.Start("kill", [signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync(guard.Token);
            await process.WaitForExitAsync(guard.Token);
            process.ExitCode.Should().Be(0, await process.StandardError.ReadToEndAsync(guard.Token));
            (await process.StandardOutput.ReadToEndAsync(guard.Token)).Should().Contain("stopped.");
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }
}
