using System.Text;

namespace PumpSim.Scenarios.Tests.Fuzz;

/// <summary>Hostile inputs, each bounded in time (a guard fails the test on a hang), each giving a
/// clean load or an error with a file location.</summary>
public class HostileInputTests
{
    private const string Valid = "scenario: hostile\nduration: 3d\nstep: 1m\nreservoir_ml: 20\ntherapy: { mode: continuous, rate_mcg_per_day: 500 }\n";

    private static T Bounded<T>(Func<T> f)
    {
        var task = Task.Run(f);
        task.Wait(LoaderOracle.Limit).Should().BeTrue($"the loader must answer within {LoaderOracle.Limit.TotalSeconds}s");
        return task.Result;
    }

    private static ScenarioException Refused(string text) => Bounded(() =>
    {
        try { ScenarioLoader.Parse(text, "hostile.yaml"); }
        catch (ScenarioException e) { return e; }
        throw new Xunit.Sdk.XunitException("expected the input to be refused, but it loaded");
    }).Also(e => (e.Line, e.Column).Should().Match<(int L, int C)>(p => p.L >= 1 && p.C >= 1, e.Message));

    private static LoadedScenario Loads(string text) => Bounded(() => ScenarioLoader.Parse(text, "hostile.yaml"));

    private static string TempFile(byte[] bytes)
    {
        var path = Path.Combine(Path.GetTempPath(), $"pumpsim-hostile-{Guid.NewGuid():N}.yaml");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void ATwoMegabyteFile_IsRefusedBeforeParsing()
    {
        var big = Valid + "description: >\n" + string.Concat(Enumerable.Repeat("  " + new string('x', 98) + "\n", 21_000));
        Encoding.UTF8.GetByteCount(big).Should().BeGreaterThan(2_000_000);
        var path = TempFile(Encoding.UTF8.GetBytes(big));
        try
        {
            var e = Bounded(() => Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(path)));
            e.Reason.Should().Contain("limited to");
            (e.Line, e.Column).Should().Be((1, 1));
        }
        finally { File.Delete(path); }
        Refused(big).Reason.Should().Contain("limited to 1 MB");
    }

    /// <summary>10 000 levels in flow style and in compact block sequences ("- - - x"); block mappings
    /// need one more column of indentation a level, so 1 400 levels (about 1 MB) is as deep as they go.</summary>
    [Theory]
    [InlineData("flow-sequences")]
    [InlineData("flow-mappings")]
    [InlineData("compact-block-sequences")]
    [InlineData("block-mappings")]
    [InlineData("block-sequences-in-mappings")]
    public void VeryDeepNesting_IsRefusedAtTheDepthLimit(string shape)
    {
        const int n = 10_000;
        var text = shape switch
        {
            "flow-sequences" => "duration: 1d\ncovers: " + new string('[', n) + new string(']', n) + "\n",
            "flow-mappings" => "duration: 1d\ncovers: " + string.Concat(Enumerable.Repeat("{a: ", n)) + "1" + new string('}', n) + "\n",
            "compact-block-sequences" => "duration: 1d\ncovers:\n" + string.Concat(Enumerable.Repeat("- ", n)) + "x\n",
            "block-mappings" => "duration: 1d\n" + string.Concat(Enumerable.Range(0, 1_400).Select(i => new string(' ', i) + "k:\n")),
            _ => "duration: 1d\ncovers:\n" + string.Concat(Enumerable.Range(0, 700).Select(i => new string(' ', 2 * i) + "- k:\n")),
        };
        text.Length.Should().BeLessThan(1024 * 1024, "under the size limit, so the depth limit is what refuses it");
        var e = Refused(text);
        e.Reason.Should().Contain("nesting is deeper than");
    }

    [Fact]
    public void ABillionLaughsAliasBomb_IsRefusedAtTheFirstAlias()
    {
        var sb = new StringBuilder("duration: 1d\nlol0: &a0 [lol]\n");
        for (var i = 1; i <= 9; i++)
            sb.Append($"lol{i}: &a{i} [").Append(string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))).Append("]\n");
        var e = Refused(sb.ToString());
        e.Reason.Should().Contain("aliases");
        (e.Line, e.Column).Should().Be((3, 12), "the first alias, *a0 on line 3");
    }

    [Theory]
    [InlineData("100y", "got '100y'")]
    [InlineData("P100Y", "years or months")]
    [InlineData("5218w", "50 years")]
    [InlineData("P36525D", "50 years")]
    [InlineData("999999999999999w", "too long")]
    public void AHundredYearsAtOneSecondSteps_IsRefusedByTheLoadersLimits(string duration, string phrase)
    {
        var e = Refused($"duration: {duration}\nstep: 1s\n");
        e.Reason.Should().Contain(phrase);
        (e.Line, e.Column).Should().Be((1, 11));
    }

    [Theory]
    [InlineData("4d")]
    [InlineData("1000w")]
    [InlineData("9999-12-31T23:59:59Z")]
    [InlineData("999999999999999d")]
    public void EventsFarPastTheEnd_AreRefusedAtTheirTime(string at)
    {
        var e = Refused(Valid + $"events:\n  - {{ at: {at}, interrogate: {{}} }}\n");
        e.Line.Should().Be(7);
    }

    /// <summary>Found by the fuzz: a start near the end of the calendar made the engine throw
    /// ArgumentOutOfRangeException (DateTimeOffset) instead of the loader refusing the file.</summary>
    [Theory]
    [InlineData("9999-12-31T23:59:59Z", "19d")]
    [InlineData("9999-12-01T00:00:00Z", "50w")]
    public void AScenarioEndingPastTheYear9999_IsRefusedAtItsStart(string start, string duration)
    {
        var e = Refused($"duration: {duration}\nstart: {start}\n");
        (e.Line, e.Column).Should().Be((2, 8));
        e.Reason.Should().Contain("9999-12-31T23:59:59Z");
    }

    [Fact]
    public void TheEngine_RefusesAPlanEndingPastTheYear9999_Cleanly()
    {
        var plan = new Core.Engine.SimulationPlan
        {
            Start = Core.Units.SimInstant.FromDateTimeOffset(new DateTimeOffset(9999, 12, 31, 0, 0, 0, TimeSpan.Zero)),
            Duration = Core.Units.SimDuration.FromDays(2),
        };
        var make = () => new Core.Engine.Simulation(plan);
        make.Should().Throw<Core.Therapy.ProgramRejectedException>().WithMessage("*9999*");
    }

    [Theory]
    [InlineData("reservoir_ml", ".nan")]
    [InlineData("reservoir_ml", ".inf")]
    [InlineData("reservoir_ml", "-.inf")]
    [InlineData("reservoir_ml", ".NaN")]
    [InlineData("seed", ".inf")]
    [InlineData("reservoir_ml", "1e309")]
    public void NaNAndInfinities_AreRefused(string key, string value)
    {
        var e = Refused($"duration: 1d\n{key}: {value}\n");
        e.Line.Should().Be(2);
        e.Column.Should().Be(key.Length + 3);
    }

    [Fact]
    public void NaNInsideAnAction_IsRefused()
    {
        Refused(Valid + "events:\n  - { at: 1d, bolus: { dose_mcg: .nan, duration: 1h } }\n").Line.Should().Be(7);
        Refused(Valid + "pump: { accuracy_pct: -.inf }\n").Line.Should().Be(6);
    }

    [Fact]
    public void UnicodeTitlesAndNarration_LoadUnchanged()
    {
        const string title = "Pompe intrathécale — 髄腔内ポンプ 🧪 עברית e\u0301";
        var loaded = Loads(Valid.Replace("scenario: hostile\n", "") + $"title: \"{title}\"\nnarration:\n  - {{ at: 1d, text: \"Ünïcödé ✓ \\u2028 line\" }}\n");
        loaded.Title.Should().Be(title);
        loaded.Plan.Actions.Select(a => a.Action).OfType<Core.Engine.NarrationAction>().Single().Text.Should().Contain("Ünïcödé ✓");
    }

    [Fact]
    public void AByteOrderMark_IsAccepted_InAFile()
    {
        var path = TempFile([.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(Valid)]);
        try { Bounded(() => ScenarioLoader.Load(path)).Plan.Duration.Should().Be(Core.Units.SimDuration.FromDays(3)); }
        finally { File.Delete(path); }
    }


    /// <summary>Text handed to Parse by a caller that kept the BOM (Encoding.UTF8.GetString does) must
    /// load like the file: the first key used to read as "\uFEFFscenario", an unknown key.</summary>
    [Fact]
    public void AByteOrderMark_IsAccepted_InText()
    {
        var text = Encoding.UTF8.GetString([.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(Valid)]);
        text[0].Should().Be('\uFEFF');
        Loads(text).Plan.Duration.Should().Be(Core.Units.SimDuration.FromDays(3));
        var e = Refused("\uFEFFduration: 1d\nstep: 2h\n");
        (e.Line, e.Column).Should().Be((2, 7), "columns count from after the BOM, as an editor shows them");
    }

    [Fact]
    public void CrlfLineEndings_LoadTheSamePlan_AndLocateErrorsOnTheSameLineAndColumn()
    {
        var lf = Loads(Valid + "events:\n  - at: 1d\n    refill: { add_ml: 5 }\n");
        var crlf = Loads((Valid + "events:\n  - at: 1d\n    refill: { add_ml: 5 }\n").Replace("\n", "\r\n"));
        crlf.Plan.Should().BeEquivalentTo(lf.Plan, o => o.ComparingByMembers<Core.Engine.SimulationPlan>());
        const string bad = "duration: 1d\npump:\n  modle: x\n";
        var a = Refused(bad); var b = Refused(bad.Replace("\n", "\r\n"));
        (b.Line, b.Column, b.Reason).Should().Be((a.Line, a.Column, a.Reason));
    }

    [Fact]
    public void TheOracle_CanFail_OnAnUnlocatedException_AndOnAHang()
    {
        LoaderOracle.Guard(() => throw new InvalidOperationException("boom"), out _).Should().Contain("InvalidOperationException");
        LoaderOracle.Guard(() => throw new ScenarioException([new ScenarioError("f", 0, 0, "x")]), out _).Should().Contain("without a location");
    }
    // ---- issue 13 ----

    [Fact]
    public void DevZero_IsRefusedUnopened_NotReadForGigabytes()
    {
        // FileInfo("/dev/zero").Length is 0, so the old size check let File.ReadAllBytes read 4 GB.
        if (!File.Exists("/dev/zero")) return;
        var e = Bounded(() =>
        {
            try { ScenarioLoader.Load("/dev/zero"); }
            catch (ScenarioException x) { return x; }
            throw new Xunit.Sdk.XunitException("expected /dev/zero to be refused");
        });
        e.Message.Should().Contain("character device");
    }

    [Fact]
    public void AFifo_IsRefusedWithoutBlocking()
    {
        if (OperatingSystem.IsWindows()) return;
        var path = Path.Combine(Path.GetTempPath(), $"pumpsim-fifo-{Guid.NewGuid():N}.yaml");
        using (var mk = System.Diagnostics.Process.Start("mkfifo", path)) mk.WaitForExit();
        try
        {
            var e = Bounded(() =>
            {
                try { ScenarioLoader.Load(path); }
                catch (ScenarioException x) { return x; }
                throw new Xunit.Sdk.XunitException("expected a FIFO to be refused");
            });
            e.Message.Should().Contain("FIFO");
        }
        finally { File.Delete(path); }
    }

    [Theory]
    // 50 y × 366 d... here 18 250 d × 86 400 s / 1 s + 1 = 1 576 800 001 rows > 1 000 000
    [InlineData("duration: 18250d\nsample: 1s\n", "'sample'")]
    // 1 000 d × (24 + 144) = 168 000 tones at the defaults: loads; at 1 s each: 2 × 86 400 000 > 3 200 000
    [InlineData("duration: 1000d\nsample: 1d\npump: { tone_repeat: { noncritical: 1s, critical: 1s } }\n", "'pump.tone_repeat'")]
    [InlineData("duration: 1d\nevents:\n  - { at: 1h, motor_stall: { duration: 1s, every: 2s, count: 50001 } }\n  - { at: 2h, motor_stall: { duration: 1s, every: 2s, count: 50000 } }\n", "'motor_stall.count'")]
    public void WorkPastALimit_IsRefusedAtLoad_NamingTheKey(string head, string key)
    {
        var e = Refused(head + "therapy: { mode: continuous, rate_mcg_per_day: 500 }\n");
        e.Message.Should().Contain(key).And.Contain("limit");
    }

    [Fact]
    public void WorkJustInsideTheLimits_Loads()
    {
        // 100 000 stalls exactly (50 000 + 50 000), and 1 000 d at sample 1d: 1 001 rows.
        Loads("duration: 1000d\nsample: 1d\ntherapy: { mode: continuous, rate_mcg_per_day: 500 }\nevents:\n" +
              "  - { at: 1h, motor_stall: { duration: 1s, every: 2s, count: 50000 } }\n  - { at: 2h, motor_stall: { duration: 1s, every: 2s, count: 50000 } }\n");
    }
}

internal static class TestExtensions
{
    public static T Also<T>(this T value, Action<T> action) { action(value); return value; }
}
