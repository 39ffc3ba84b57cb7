using PumpSim.Cli.Commands;
using PumpSim.Cli.Infrastructure;
using PumpSim.Scenarios;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PumpSim.Cli;

/// <summary>The `pumpsim` command line: thin verbs over the libraries (SCENARIOS.md §2).</summary>
public static class PumpSimApp
{
    /// <summary>The product version (Directory.Build.props), without the build's commit suffix.</summary>
    public static string Version { get; } =
        (typeof(PumpSimApp).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion ?? "0.0.0")
        .Split('+')[0];

    public static int Run(string[] args, IAnsiConsole console, TextWriter error)
    {
        // The version alone needs no command model: answering before Spectre.Console.Cli reflects over
        // every command's settings keeps `pumpsim --version` quick (docs/startup.md).
        if (args is ["--version"] or ["-v"])
        {
            console.Profile.Out.Writer.WriteLine(Version);
            return ExitCodes.Ok;
        }
        return RunCommands(args, console, error);
    }

    // A method of its own: the JIT resolves Spectre.Console.Cli (and the commands' assemblies) when it
    // compiles this, so `--version` above never loads them.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("AOT", "IL3050:RequiresDynamicCode",
        Justification = "Spectre.Console.Cli reflects over types, it emits no code; the native build keeps its assembly and pumpsim's whole (TrimmerRootAssembly), and .ci/native checks every help page and verb of the native binary against the JIT build.")]
    private static int RunCommands(string[] args, IAnsiConsole console, TextWriter error)
    {
        // --debug is accepted anywhere on the line and only decides whether a stack trace is shown.
        var debug = args.Contains("--debug");
        args = args.Where(a => a != "--debug").ToArray();
        console = new SafeConsole(console);
        var errors = new ErrorWriter(error);
        if (CommandLine.Normalise(args, out var problem) is not { } normalised)
        {
            errors.Line($"error: {problem}");
            errors.Line("Try 'pumpsim --help' or 'pumpsim <command> --help'.");
            return ExitCodes.InvalidInput;
        }
        args = normalised;
        // The commonest lines skip Spectre.Console.Cli's command model (DirectRun says why and how).
        if (DirectRun.TryBind(args, console, errors) is { } direct)
            return DirectRun.Execute(direct, ex => Handle(ex, errors, debug, normalised));
        var registrar = new TypeRegistrar();
        registrar.RegisterInstance(typeof(ErrorWriter), errors);
        registrar.RegisterInstance(typeof(IAnsiConsole), console);
        var app = new CommandApp(registrar);
        app.Configure(c =>
        {
            c.SetApplicationName("pumpsim");
            c.SetApplicationVersion(Version);
            c.Settings.Console = console;
            c.Settings.StrictParsing = true;
            c.Settings.ExceptionHandler = (ex, _) => Handle(ex, errors, debug, normalised);
            // `pumpsim <verb> …` needs only that verb in the model: Spectre reflects over every
            // registered command's settings before it parses, a tenth of a one-day run for the
            // eleven others. The bare command, --help and an unknown verb get them all.
            var only = args.Length > 0 ? Array.FindAll(Verbs.All, v => v.Name == args[0]) : [];
            foreach (var (_, add) in only.Length == 1 ? only : Verbs.All) add(c);
        });
        return app.Run(args);
    }

    /// <summary>Every verb, in the order `pumpsim --help` lists them. A class of its own, so that
    /// `--version` never initialises it (that would load Spectre.Console.Cli).</summary>
    private static class Verbs
    {
        public static readonly (string Name, Action<IConfigurator> Add)[] All =
        [
            ("run", c => c.AddCommand<RunCommand>("run")
                .WithDescription("Run one scenario: print a summary and write events.jsonl, telemetry.csv, summary.json (and report.html with --html).")
                .WithExample("run", "scenarios/training/kinked-catheter.yaml", "--out", "out/kink", "--html")),
            ("verify", c => c.AddCommand<VerifyCommand>("verify")
                .WithDescription("Run every scenario under the paths and check its expectations; exit 1 if any fails.")
                .WithExample("verify", "scenarios", "--junit", "out/junit.xml")),
            ("play", c => c.AddCommand<PlayCommand>("play")
                .WithDescription("Play a scenario as a live dashboard in the terminal (space pauses, → steps, n next narration/alarm, b back to the start, +/- speed, q quits; fault keys inject).")
                .WithExample("play", "scenarios/training/kinked-catheter.yaml", "--speed", "3600")),
            ("list", c => c.AddCommand<ListCommand>("list")
                .WithDescription("List the scenario library with titles and what each covers.")
                .WithExample("list", "scenarios")),
            ("validate", c => c.AddCommand<ValidateCommand>("validate")
                .WithDescription("Load and check scenario files without running them; exit 2 if any is invalid.")
                .WithExample("validate", "scenarios/alarms/low-reservoir-4ml.yaml")),
            ("diagram", c => c.AddCommand<DiagramCommand>("diagram")
                .WithDescription("Draw the firmware state machines from the running code (Mermaid or Graphviz dot).")
                .WithExample("diagram", "--out", "docs/diagrams")),
            ("schema", c => c.AddCommand<SchemaCommand>("schema")
                .WithDescription("Print the JSON Schema of the scenario format, for editors.")),
            ("sweep", c => c.AddCommand<SweepCommand>("sweep")
                .WithDescription("Monte Carlo sweep of one scenario: N runs with drawn parameters; writes runs.csv and aggregate.json.")
                .WithExample("sweep", "scenarios/dosing/continuous-maintenance.yaml", "--runs", "1000", "--vary", "'pump.accuracy_pct=normal(0,5)'", "--shard", "0/4")),
            ("merge", c => c.AddCommand<MergeCommand>("merge")
                .WithDescription("Merge the outputs of sweep shards into the files the unsharded sweep writes.")
                .WithExample("merge", "out/s0", "out/s1", "out/s2", "out/s3", "--out", "out/sweep")),
            ("serve", c => c.AddCommand<ServeCommand>("serve")
                .WithDescription("Serve a live web console of one scenario for a class: belief vs truth, controls, fault buttons.")
                .WithExample("serve", "scenarios/training/kinked-catheter.yaml", "--port", "8080")),
            ("trace", c => c.AddCommand<TraceCommand>("trace")
                .WithDescription("Run the scenarios and write the traceability matrix: requirement × verifying expectation with verdicts, gaps as rows, hazards (CSV, JSON, HTML, ReqIF).")
                .WithExample("trace", "scenarios", "--out", "out/trace")),
            ("check", c => c.AddCommand<CheckCommand>("check")
                .WithDescription("Recompute the SHA-256 of every file in an output folder's manifest.json; exit 1 on any difference.")
                .WithExample("check", "out/kink")),
            ("grade", c => c.AddCommand<GradeCommand>("grade")
                .WithDescription("Grade a trainee's saved session against its lesson: one finding per problem, and what the patient would have received (illustrative).")
                .WithExample("grade", "scenarios/lessons/new-concentration-refill.yaml", "session.yaml")),
            ("trumpet", c => c.AddCommand<TrumpetCommand>("trumpet")
                .WithDescription("Flow-accuracy analysis (IEC 60601-2-24 style): trumpet and start-up curves as CSV and SVG.")
                .WithExample("trumpet", "scenarios/dosing/continuous-maintenance.yaml", "--out", "out/trumpet")),
        ];
    }

    private static int Handle(Exception ex, ErrorWriter errors, bool debug, IReadOnlyList<string> args)
    {
        switch (ex)
        {
            case ScenarioException se:
                foreach (var e in se.Errors) errors.Line(e.ToString());
                return ExitCodes.InvalidInput;
            case PumpSim.Core.Sweeps.SweepException se2:
                errors.Line($"error: {SweepErrors.Message(se2)}");
                return ExitCodes.InvalidInput;
            case InputException ie:
                errors.Line($"error: {ie.Message}");
                return ExitCodes.InvalidInput;
            case IOException or UnauthorizedAccessException:
                // The environment, not a bug: a read-only folder, a full disk (EFBIG, ENOSPC), a
                // file where a folder is needed, a refused link. Exit 2, the message, no trace.
                errors.Line($"error: {ex.Message}");
                return ExitCodes.InvalidInput;
            case CommandParseException or CommandRuntimeException:
                errors.Line($"error: {CommandLine.Explain(ex.Message, args)}");
                errors.Line("Try 'pumpsim --help' or 'pumpsim <command> --help'.");
                return ExitCodes.InvalidInput;
            default:
                errors.Line($"internal error: {ex.GetType().Name}: {ex.Message}");
                errors.Line(debug ? ex.ToString() : "This is a bug in PumpSim, not in your scenario. Run again with --debug for the stack trace and report it.");
                return ExitCodes.InternalError;
        }
    }
}
