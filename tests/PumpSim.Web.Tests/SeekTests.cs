using System.Diagnostics;
using PumpSim.Core.Events;
using Xunit.Abstractions;

namespace PumpSim.Web.Tests;

/// <summary>Issue 21, item 4: seek and next cost what the engine's events cost, not one call per
/// step, and never hold a lock another session needs. Speed is measured and reported here, not
/// asserted (that belongs to benchmarks); the structure is asserted.</summary>
public class SeekTests(ITestOutputHelper output)
{
    [Fact]
    public void SeekingTenYears_CallsTheEngineOncePerDay_AtA1sStepAsAtA1hStep()
    {
        long Advances(string step)
        {
            using var file = new TenYears(step);
            using var session = new Session(1, ScenarioSource.Load(file.Path));
            var before = session.EngineAdvances;
            var clock = Stopwatch.StartNew();
            session.SeekTo("3650d");
            output.WriteLine($"step {step}: seek to the end of ten years took {clock.ElapsedMilliseconds} ms");
            (session.Now - ScenarioSource.Load(file.Path).Loaded.Plan.Start).TotalDays.Should().Be(3650);
            return session.EngineAdvances - before;
        }
        // One engine call per day of simulated time (a day is a whole number of 1-s and of 1-h steps):
        // 3650 days, 3650 calls. Walking the steps, the old code made 315,360,000 calls at 1 s.
        Advances("1s").Should().Be(3650);
        Advances("1h").Should().Be(3650);
    }

    [Fact]
    public void ABusySession_NeverHoldsUpAnotherSessionsClock()
    {
        using var hub = new SessionHub(ScenarioSource.Load(Repo.Path("scenarios/dosing/continuous-maintenance.yaml")));
        var other = hub.Create()!;
        other.Do("speed", """{"value":86400}""");
        other.Do("play");
        hub.Start();
        var busy = hub.Get(1)!;
        var before = other.Now;
        // Session 1 is busy (as during a long seek): its lock is held. The ticker, which paces every
        // session in turn, must still move session 2's clock. With a ticker that waits on session 1
        // it would stay where it is.
        lock (busy.Gate)
        {
            var guard = Stopwatch.StartNew();
            while (other.Now == before && guard.Elapsed < TimeSpan.FromSeconds(20)) Thread.Sleep(20); // a hang guard, not a timing assertion
        }
        other.Now.Should().BeGreaterThan(before);
    }

    [Fact]
    public void TenYearSeek_WhileAnotherSessionPlays_TheOtherClockKeepsMoving()
    {
        using var file = new TenYears("1s");
        using var hub = new SessionHub(ScenarioSource.Load(file.Path));
        var other = hub.Create()!;
        other.Do("speed", """{"value":86400}""");
        other.Do("play");
        hub.Start();
        var before = other.Now;
        var clock = Stopwatch.StartNew();
        hub.Get(1)!.SeekTo("3650d");
        output.WriteLine($"ten-year seek at 1 s beside a playing session: {clock.ElapsedMilliseconds} ms");
        var guard = Stopwatch.StartNew();
        while (other.Now == before && guard.Elapsed < TimeSpan.FromSeconds(20)) Thread.Sleep(20); // hang guard
        other.Now.Should().BeGreaterThan(before);
    }

    [Fact]
    public void Next_StopsOnTheStepOfTheNarration_AsWalkingStepByStepWould()
    {
        // kinked-catheter: step 1m; its first narration line after the start is at 2d (the kink).
        using var session = SessionDriver.Open("scenarios/training/kinked-catheter.yaml");
        var start = session.Result().Events[0].At;
        session.Do("next");
        var narration = session.Result().Events.OfType<Narration>().First(n => n.At > start);
        // The stop is the first step-grid instant at or after the narration: here the narration is on the grid.
        session.Now.Should().Be(narration.At);
        session.Paused.Should().BeTrue();
        // Nothing after that instant was simulated (the day-long engine call that went past was redone).
        session.Result().Events.Should().OnlyContain(e => e.At <= narration.At);
    }

    [Fact]
    public void Next_ToAMomentInsideADay_RunsAgainToItsStep_AndNoFurther()
    {
        // continuous-maintenance, step 1m: a leak injected at 2d applies at 2d + 1 s with its
        // narration; the day-long engine call goes on to 3d, so the session runs again from the
        // start to the step holding 2d + 1 s, which ends at 2d + 60 s.
        using var session = SessionDriver.Open("scenarios/dosing/continuous-maintenance.yaml");
        var start = session.Result().Events[0].At;
        session.SeekTo("2d");
        session.Inject("leak");
        session.Do("next");
        (session.Now - start).Seconds.Should().Be(2 * 86_400 + 60);
        session.Result().Events.OfType<Narration>().Should().Contain(n => n.Text.StartsWith("[trainer] Leak", StringComparison.Ordinal));
        session.Result().Events.Should().OnlyContain(e => e.At <= session.Now);
    }

    [Fact]
    public void PauseAtANamedAlarm_StopsThePlayingSessionAtThatAlarm()
    {
        // pump-flip: low-reservoir is raised on day 18 (PUMP.md: 2 mL left at 1 mL/day, 20 - 18 x 1 = 2).
        using var session = SessionDriver.Open("scenarios/faults/pump-flip.yaml");
        session.Do("pause-at", """{"on":"alarm:low-reservoir"}""");
        session.Do("speed", """{"value":2592000}""");
        session.Do("play");
        for (var i = 0; i < 100 && !session.Paused; i++) session.Tick(1.0); // 30 days a tick: bounded
        session.Paused.Should().BeTrue();
        var raised = session.Result().Events.OfType<AlarmRaised>().Single();
        raised.Alarm.Should().Be("low-reservoir");
        (raised.At - session.Result().Events[0].At).TotalDays.Should().Be(18);
        // Step 5m: day 18 is on the grid, so the session stops exactly there.
        session.Now.Should().Be(raised.At);
    }

    [Fact]
    public void BackToTheLastBookmark_GoesToItsInstant()
    {
        using var session = SessionDriver.Open("scenarios/faults/pump-flip.yaml");
        session.SeekTo("3d");
        session.Do("bookmark");
        session.SeekTo("10d");
        session.Do("back");
        (session.Now - session.Result().Events[0].At).TotalDays.Should().Be(3);
        var none = () => session.Do("restart");
        none();
        var back = () => session.Do("back");
        back.Should().Throw<ControlException>().WithMessage("*no bookmark before*");
    }
}
