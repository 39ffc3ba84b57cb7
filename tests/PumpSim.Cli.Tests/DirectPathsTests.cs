using CsCheck;
using FluentAssertions;
using PumpSim.Cli.Commands;
using PumpSim.Cli.Infrastructure;
using Spectre.Console.Cli;
using Spectre.Console.Testing;
using Xunit;

namespace PumpSim.Cli.Tests;

/// <summary><see cref="DirectRun.TryBindPaths"/> binds `validate PATH...` and `verify PATH...` without
/// Spectre.Console.Cli's model: whatever it binds, Spectre must bind to the same paths (and the
/// verb's other settings at their defaults); anything with an option is left to Spectre.</summary>
public class DirectPathsTests
{
    [Theory]
    [InlineData("validate a.yaml", "a.yaml")]
    [InlineData("verify a.yaml b c.yaml", "a.yaml", "b", "c.yaml")]
    [InlineData("validate -- -odd.yaml", "./-odd.yaml")]
    public void DirectPaths_BindThePlainShape(string line, params string[] paths)
    {
        var args = Normalised(line);
        DirectRun.TryBindPaths(args, args[0]).Should().Equal(paths);
        Spectre(args).Should().Equal(paths);
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("verify")]
    [InlineData("verify a.yaml -v")]
    [InlineData("verify --verbose a.yaml")]
    [InlineData("verify a.yaml --junit j.xml")]
    [InlineData("validate a.yaml --help")]
    [InlineData("validate a.yaml -h")]
    [InlineData("run a.yaml")]
    public void DirectPaths_LeaveEverythingElseToSpectre(string line)
    {
        var args = Normalised(line);
        DirectRun.TryBindPaths(args, "validate").Should().BeNull();
        DirectRun.TryBindPaths(args, "verify").Should().BeNull();
    }

    [Fact]
    public void DirectPaths_BindWhatSpectreBinds_ForGeneratedLines()
    {
        string[] words = ["a.yaml", "b c.yaml", "-x.yaml", "", "-", "--", "-v", "--verbose", "--junit", "j.xml", "run", "verify", "--help", "x=y", "@f"];
        var line = Gen.Select(Gen.OneOf("validate", "verify"), Gen.OneOf(words).Array[0, 5]).Select(t => new[] { t.Item1 }.Concat(t.Item2).ToArray());
        var bound = 0;
        line.Sample(args =>
        {
            if (CommandLine.Normalise(args, out _) is not { } normalised) return;
            if (DirectRun.TryBindPaths(normalised, normalised[0]) is not { } direct) return;
            bound++;
            Spectre(normalised).Should().Equal(direct, string.Join(' ', args));
        }, iter: 300);
        bound.Should().BeGreaterThan(20, "the generator must reach lines the direct path binds");
    }

    [Fact]
    public void DirectPaths_AndSpectre_AnswerAMissingFileAlike()
    {
        // `verify -v` goes through Spectre; with nothing to list verbosely it answers the same way.
        var direct = Cli.Run("validate", "no-such.yaml");
        DirectRun.TryBindPaths(["validate", "no-such.yaml"], "validate").Should().NotBeNull();
        direct.ExitCode.Should().Be(ExitCodes.InvalidInput);
        var spectre = Cli.Run("verify", "no-such.yaml", "-v");
        var directVerify = Cli.Run("verify", "no-such.yaml");
        directVerify.Should().Be(spectre);
    }

    private static string[] Normalised(string line) =>
        CommandLine.Normalise(line.Split(' '), out var problem) ?? throw new InvalidOperationException(problem);

    /// <summary>The paths Spectre.Console.Cli binds for the line (the verb's other settings must be
    /// their defaults), configured as PumpSimApp configures it; null if it refuses the line.</summary>
    private static string[]? Spectre(string[] args)
    {
        var captured = new Captured();
        var registrar = new TypeRegistrar();
        registrar.RegisterInstance(typeof(Captured), captured);
        var app = new CommandApp(registrar);
        app.Configure(c =>
        {
            c.Settings.Console = new TestConsole();
            c.Settings.StrictParsing = true;
            c.Settings.ExceptionHandler = (_, _) => -1;
            c.AddCommand<CaptureValidate>("validate");
            c.AddCommand<CaptureVerify>("verify");
        });
        return app.Run(args) == 0 ? captured.Paths : null;
    }

    private sealed class Captured { public string[]? Paths; }

    private sealed class CaptureValidate(Captured captured) : Command<ValidateSettings>
    {
        public override int Execute(CommandContext context, ValidateSettings settings, CancellationToken cancellationToken)
        {
            captured.Paths = settings.Files;
            return 0;
        }
    }

    private sealed class CaptureVerify(Captured captured) : Command<VerifySettings>
    {
        public override int Execute(CommandContext context, VerifySettings settings, CancellationToken cancellationToken)
        {
            captured.Paths = settings.Verbose || settings.JUnit is not null ? null : settings.Paths;
            return 0;
        }
    }
}
