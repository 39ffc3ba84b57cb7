using System.ComponentModel;
using System.Net.Sockets;
using PumpSim.Cli.Infrastructure;
using PumpSim.Web;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PumpSim.Cli.Commands;

public sealed class ServeSettings : CommandSettings
{
    [CommandArgument(0, "<FILE>")]
    [Description("The scenario file (YAML). The page can run only this file.")]
    public string File { get; init; } = "";

    [CommandOption("--port <N>")]
    [Description("TCP port (0 = any free port). Default 8080.")]
    [DefaultValue(8080)]
    public int Port { get; init; } = 8080;

    [CommandOption("--host <ADDRESS>")]
    [Description("Address to listen on. Default 127.0.0.1 (this machine only); 0.0.0.0 lets a classroom connect.")]
    [DefaultValue("127.0.0.1")]
    public string Host { get; init; } = "127.0.0.1";

    public override ValidationResult Validate()
    {
        if (Port is < 0 or > 65535) return ValidationResult.Error($"--port must be 0 to 65535; got {Port}.");
        return ServerOptions.TryAddress(Host, out _, out var error) ? ValidationResult.Success() : ValidationResult.Error(error!);
    }
}

/// <summary>`pumpsim serve FILE`: the trainer's web console (PumpSim.Web) for one scenario. Prints
/// two URLs, the trainer's (with its secret token: controls) and the class's (view only), and runs
/// until Ctrl-C. A port in use or an address this machine does not have is one line and exit 2.</summary>
public sealed class ServeCommand(IAnsiConsole console, ErrorWriter errors) : Command<ServeSettings>
{
    public override int Execute(CommandContext context, ServeSettings settings, CancellationToken cancellationToken)
    {
        if (Directory.Exists(settings.File)) throw new InputException($"{settings.File} is a folder; give one scenario file.");
        if (!File.Exists(settings.File)) throw new InputException($"no such file: {settings.File}");
        var source = ScenarioSource.Load(settings.File);
        using var app = ConsoleServer.Build(source, new ServerOptions(settings.Host, settings.Port));
        try { app.StartAsync(CancellationToken.None).GetAwaiter().GetResult(); }
        catch (Exception e) when (e is IOException or SocketException or InvalidOperationException)
        {
            // Kestrel wraps "address already in use" and "cannot assign requested address" in an
            // IOException whose inner exception says which; one line, the innermost message.
            var inner = e;
            while (inner.InnerException is not null) inner = inner.InnerException;
            throw new InputException($"cannot listen on {settings.Host}:{settings.Port}: {inner.Message.TrimEnd('.')}.");
        }
        if (!new ServerOptions(settings.Host, settings.Port).IsLoopback)
            errors.Line($"warning: --host {settings.Host}: every machine that can reach this one can open the class's view; " +
                "the controls need the trainer's link, which travels unencrypted (plain HTTP) on this network.");
        // Plain lines, never wrapped: a URL cut at the terminal's width would not open.
        var output = console.Profile.Out.Writer;
        output.WriteLine($"Trainer (controls; keep this link to yourself): {ConsoleServer.TrainerUrl(app)}");
        output.WriteLine($"Class (view only; follows the trainer): {ConsoleServer.ClassUrl(app)}");
        output.WriteLine($"Serving {settings.File} ({source.Loaded.Title}). Several browsers can watch one session. Ctrl-C (or SIGTERM) stops.");
        output.Flush();
        using var stopped = new ManualResetEventSlim();
        using var onCancel = cancellationToken.Register(stopped.Set);
        // SIGTERM (kill, systemd, docker stop) makes the host stop itself; wake the wait so the
        // server is stopped as after Ctrl-C, rather than left half shut down.
        using var onStopping = app.Lifetime.ApplicationStopping.Register(stopped.Set);
        using var onTerm = System.Runtime.InteropServices.PosixSignalRegistration.Create(
            System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; stopped.Set(); });
        ConsoleCancelEventHandler ctrlC = (_, e) => { e.Cancel = true; stopped.Set(); };
        Console.CancelKeyPress += ctrlC;
        try { stopped.Wait(); }
        finally { Console.CancelKeyPress -= ctrlC; }
        app.StopAsync(CancellationToken.None).GetAwaiter().GetResult();
        output.WriteLine("stopped.");
        return ExitCodes.Ok;
    }
}
