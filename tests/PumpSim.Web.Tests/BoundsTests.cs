using System.Net;
using System.Net.Sockets;

namespace PumpSim.Web.Tests;

/// <summary>Issue 21, item 3: a session's memory, events and viewers are bounded like `run`, and no
/// number of idle or slow viewers locks the trainer out.</summary>
public class BoundsTests
{
    [Fact]
    public async Task With256ViewersWatching_TheNextViewerIsRefused_AndTheTrainerStillControls()
    {
        await using var s = await RunningServer.Start();
        var open = new List<HttpResponseMessage>();
        try
        {
            for (var i = 0; i < SessionHub.MaxViewers; i++)
            {
                var r = await s.Class.GetAsync("/api/sessions/1/stream", HttpCompletionOption.ResponseHeadersRead);
                r.StatusCode.Should().Be(HttpStatusCode.OK, $"viewer {i + 1}");
                open.Add(r);
            }
            SessionHub.MaxViewers.Should().Be(256);
            using (var refused = await s.Class.GetAsync("/api/sessions/1/stream", HttpCompletionOption.ResponseHeadersRead))
            {
                refused.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
                (await refused.Content.ReadAsStringAsync()).Should().Contain("at most 256 viewers");
            }
            // The trainer's own page still gets its stream, and its controls are obeyed.
            using var trainer = await s.Class.GetAsync("/api/sessions/1/stream?token=" + s.Token, HttpCompletionOption.ResponseHeadersRead);
            trainer.StatusCode.Should().Be(HttpStatusCode.OK);
            (await s.Post("/api/sessions/1/control", """{"action":"seek","at":"2d"}""")).Status.Should().Be(HttpStatusCode.OK);
            (await s.Post("/api/sessions/1/faults/kink")).Status.Should().Be(HttpStatusCode.OK);
            // Room is kept: the viewers and the trainer's streams stay under the connection limit.
            (SessionHub.MaxViewers + SessionHub.MaxTrainerStreams).Should().BeLessThan(ConsoleServer.MaxConnections - 100);
        }
        finally
        {
            foreach (var r in open) r.Dispose();
        }
    }

    [Fact]
    public async Task AnIdleSocket_IsClosedByTheServer_SoIdleSocketsCannotHoldTheSlots()
    {
        await using var s = await RunningServer.Start(options: new ServerOptions("127.0.0.1", 0) { HeadersTimeout = TimeSpan.FromSeconds(1) });
        var port = new Uri(s.Url).Port;
        var idle = new List<TcpClient>();
        try
        {
            for (var i = 0; i < 20; i++)
            {
                var c = new TcpClient();
                await c.ConnectAsync(IPAddress.Loopback, port);
                idle.Add(c);
            }
            using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30)); // a hang guard, not a timing assertion
            foreach (var c in idle)
            {
                // The server closes a connection that sends no request: the read ends (0 bytes or a 408).
                var buffer = new byte[512];
                var read = await c.GetStream().ReadAsync(buffer, guard.Token);
                while (read > 0) read = await c.GetStream().ReadAsync(buffer, guard.Token);
                read.Should().Be(0);
            }
        }
        finally
        {
            foreach (var c in idle) c.Dispose();
        }
    }

    [Fact]
    public void ASlowViewer_IsDroppedWhenItsQueueIsFull_NotWaitedFor()
    {
        var viewer = new SseClient();
        for (var i = 0; i < SseClient.QueueLimit; i++) viewer.Send("x").Should().BeTrue();
        viewer.Send("one too many").Should().BeFalse();
        viewer.Reader.Completion.IsCompleted.Should().BeFalse(); // what was queued is still delivered, then it ends
    }

    [Fact]
    public void PastTheEventBackstop_TheSessionStops_AsRunDoes()
    {
        // empty-reservoir-latched: a critical alarm tones every 10 minutes once the reservoir is empty,
        // so the run has far more than 50 events (the backstop lowered from 1,000,000 for the test).
        using var session = new Session(1, ScenarioSource.Load(Repo.Path("scenarios/alarms/empty-reservoir-latched.yaml"))) { EventLimit = 50 };
        session.Do("end");
        session.Halted.Should().StartWith("more than 50 events by day").And.Contain("the limit is 50 per run");
        var play = () => session.Do("play");
        play.Should().Throw<ControlException>().WithMessage("more than 50 events*");
        // Going back to the start runs again.
        session.Do("restart");
        session.Halted.Should().BeNull();
    }

    [Fact]
    public void TenYearsAtA1sStep_KeepABoundedHistory()
    {
        using var file = new TenYears("1s");
        using var session = new Session(1, ScenarioSource.Load(file.Path));
        session.SeekTo("3650d");
        // 3651 daily samples: fewer than the thinning limit, all kept; 130,000 events, mostly tones,
        // of which none and at most 5,000 others are kept.
        var (points, events) = session.Kept;
        points.Should().Be(3651);
        events.Should().BeLessThanOrEqualTo(SessionHistory.MaxEvents);
        session.Halted.Should().BeNull();
    }

    [Fact]
    public void AThinnedHistory_KeepsEveryPeak()
    {
        var history = new SessionHistory();
        var start = Core.Units.SimInstant.FromUnixSeconds(0);
        // 20,000 samples, a flat 10 mL with one 1-sample spike to 99 at sample 12,345.
        for (var i = 0; i < 20_000; i++)
        {
            var v = i == 12_345 ? 99.0 : 10.0;
            var sample = new Core.Events.TelemetrySample(Core.Units.SimInstant.FromUnixSeconds(i * 60L), "infusing", 500, 1, v, v, "patent",
                0, 0, 1000, [], null, null, "running", 500);
            history.AddSample(sample, start, "{}");
        }
        history.PointCount.Should().BeLessThanOrEqualTo(SessionHistory.MaxPoints);
        history.Snapshot("{}").Should().Contain("\"reservoir_true_ml\":99");
    }
}
