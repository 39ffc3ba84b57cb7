using PumpSim.Core.Engine;
using PumpSim.Scenarios;

namespace PumpSim.Web.Tests;

/// <summary>Issue 15: a live session with injected faults, saved as YAML, loads with the normal
/// loader and replays byte for byte (events.jsonl and telemetry.csv).</summary>
public class RecordedSessionReplayTests
{
    private static (byte[] Events, byte[] Telemetry) ReplayFromDisk(string yaml, string name)
    {
        var dir = Directory.CreateTempSubdirectory("pumpsim-web-");
        try
        {
            var file = Path.Combine(dir.FullName, name);
            File.WriteAllText(file, yaml);
            var loaded = ScenarioLoader.Load(file);
            return SessionDriver.Files(Simulation.Run(loaded.Plan));
        }
        finally { dir.Delete(recursive: true); }
    }

    public static TheoryData<string> Bundled() => new(
        Directory.GetFiles(Repo.Path("scenarios"), "*.yaml", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Repo.Root, f).Replace('\\', '/')).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Bundled))]
    public void EveryBundledScenario_WithFaultsInjectedLive_ReplaysByteIdenticallyFromTheSavedYaml(string scenario)
    {
        using var session = SessionDriver.Open(scenario);
        var duration = ScenarioSource.Load(Repo.Path(scenario)).Loaded.Plan.Duration.Seconds;
        // Inject at a third and two thirds of the run (grid-rounded by seek); play a little in between.
        session.SeekTo($"{duration / 3}s");
        session.Inject("kink");
        session.Do("play");
        session.Tick(0.5);
        session.Tick(0.5);
        session.Inject("interrogate");
        session.SeekTo($"{2 * duration / 3}s");
        session.Inject("repair");
        session.Inject("missed-refill");
        session.SeekTo($"{duration}s");
        session.Injections().Should().HaveCount(4);

        var live = SessionDriver.Files(session.Result());
        var replay = ReplayFromDisk(session.ScenarioYaml(), Path.GetFileName(scenario));

        replay.Events.Should().Equal(live.Events);
        replay.Telemetry.Should().Equal(live.Telemetry);
    }

    [Fact]
    public void TheComparisonCanFail_TheOriginalFileDoesNotReplayASessionWithAKink()
    {
        using var session = SessionDriver.Open("scenarios/dosing/continuous-maintenance.yaml");
        session.SeekTo("2d");
        session.Inject("kink");
        session.SeekTo("19d");
        var live = SessionDriver.Files(session.Result());
        var original = ReplayFromDisk(File.ReadAllText(Repo.Path("scenarios/dosing/continuous-maintenance.yaml")), "continuous-maintenance.yaml");
        original.Events.Should().NotEqual(live.Events);
    }

    [Fact]
    public void TheSavedYaml_PutsTheInjectionAtItsInstant_WithTheFaultsNarration()
    {
        using var session = SessionDriver.Open("scenarios/dosing/continuous-maintenance.yaml");
        session.SeekTo("2d");
        var at = session.Inject("kink");
        // Day 2 is a processed breakpoint (an hourly sample), so the kink takes the next second: 2d + 1 s.
        (at - session.Result().Events[0].At).ToString().Should().Be("2d1s");
        var yaml = session.ScenarioYaml();
        yaml.Should().Contain("{at: 2d1s, catheter: {fault: kink}}");
        yaml.Should().Contain("at: 2d1s, text: \"[trainer] Kink");
        yaml.Should().NotContain("Placeholder").And.Contain(Core.Plant.CatheterFaultType.Kink.Narration, "an injected fault's narration is its descriptor's");
        ScenarioLoader.Parse(yaml, "saved.yaml").Plan.Actions.Should().Contain(a => a.Action is CatheterFaultAction);
    }

    [Fact]
    public void GoingBackInTime_ReSimulatesTheSameRun_InjectionsIncluded()
    {
        using var session = SessionDriver.Open("scenarios/training/kinked-catheter.yaml");
        session.SeekTo("1d");
        session.Inject("leak");
        session.SeekTo("12d");
        var first = SessionDriver.Files(session.Result());
        session.Do("restart");
        session.Now.Should().Be(session.Result().Events[0].At);
        session.SeekTo("12d");
        var second = SessionDriver.Files(session.Result());
        second.Events.Should().Equal(first.Events);
        second.Telemetry.Should().Equal(first.Telemetry);
    }

    [Fact]
    public void NoInjection_SavesTheOriginalFileUnchanged()
    {
        using var session = SessionDriver.Open("scenarios/training/pocket-fill.yaml");
        session.ScenarioYaml().Should().Be(File.ReadAllText(Repo.Path("scenarios/training/pocket-fill.yaml")));
    }
}
