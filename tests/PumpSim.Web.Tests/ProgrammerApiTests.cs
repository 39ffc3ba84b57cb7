using System.Net;
using System.Text;
using System.Text.Json;
using PumpSim.Core.Engine;
using PumpSim.Scenarios;
using PumpSim.Scenarios.Lessons;

namespace PumpSim.Web.Tests;

/// <summary>The programmer screen's API over HTTP: interrogate, preview (Core's numbers and the
/// Finish fields, nothing sent), confirm (the scenario event, recorded), grade.</summary>
public class ProgrammerApiTests
{
    private const string Lesson = "scenarios/lessons/new-concentration-refill.yaml";
    private const string Refill = """{"workflow":"refill","add_ml":20,"drug_concentration_mcg_per_ml":1000,"program_volume_ml":20,"bridge":true}""";

    private static async Task<(HttpStatusCode Status, JsonElement Json)> Post(RunningServer s, string path, string json = "{}")
    {
        using var r = await s.Http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        return (r.StatusCode, JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement);
    }

    private static async Task<JsonElement> Get(RunningServer s, string path) =>
        JsonDocument.Parse(await s.Http.GetStringAsync(path)).RootElement;

    [Fact]
    public async Task Preview_ShowsCoresNumbersAndTheFinishFields_AndSendsNothing()
    {
        await using var server = await RunningServer.Start(Lesson);
        (await Post(server, "/api/sessions/1/programmer/interrogate")).Status.Should().Be(HttpStatusCode.OK);
        var before = await server.Http.GetStringAsync("/api/sessions/1/scenario.yaml");
        var (status, p) = await Post(server, "/api/sessions/1/programmer/preview", Refill);
        status.Should().Be(HttpStatusCode.OK);
        var calc = p.GetProperty("calculations").EnumerateArray().ToDictionary(c => c.GetProperty("label").GetString()!, c => c.GetProperty("value").GetString()!);
        // 450 mcg/day at 1000 mcg/mL = 0.45 mL/day; 18 mL above the alarm / 0.45 = 40 days; bridge 0.2 mL at 0.9 mL/day = 5 h 20 min.
        calc["rate at the entered concentration"].Should().Be("450 mcg/day = 0.45 mL/day");
        calc["days to the low-reservoir alarm"].Should().Be("40 days");
        calc["bridge bolus"].Should().Be("0.2 mL of the old drug at 0.9 mL/day for 5h20m (100 mcg)");
        var changed = p.GetProperty("finish").EnumerateArray().Where(f => f.GetProperty("changed").GetBoolean()).Select(f => f.GetProperty("name").GetString());
        changed.Should().Equal("concentration", "reservoir volume", "program", "boluses");
        p.GetProperty("event").GetString().Should().Be("refill: { add_ml: 20, concentration_mcg_per_ml: 1000, program_volume_ml: 20, bridge_bolus: true }");
        (await server.Http.GetStringAsync("/api/sessions/1/scenario.yaml")).Should().Be(before, "a preview sends nothing to the pump");
    }

    [Fact]
    public async Task Confirm_RecordsTheEvent_AndTheSavedSessionGradesZeroAndReplaysByteIdentically()
    {
        await using var server = await RunningServer.Start(Lesson);
        await Post(server, "/api/sessions/1/programmer/interrogate");
        var (status, c) = await Post(server, "/api/sessions/1/programmer/confirm", Refill);
        status.Should().Be(HttpStatusCode.OK);
        var yaml = await server.Http.GetStringAsync("/api/sessions/1/scenario.yaml");
        yaml.Should().Contain($"- {{at: {c.GetProperty("at").GetString()}, refill: {{add_ml: 20, concentration_mcg_per_ml: 1000, program_volume_ml: 20, bridge_bolus: true}}}}");

        var saved = ScenarioLoader.Parse(yaml, "session.yaml");
        Grader.Grade(LessonLoader.Load(Repo.Path(Lesson)), saved, Simulation.Run).Findings.Should().BeEmpty();
        var grade = await Get(server, "/api/sessions/1/programmer/grade");
        grade.GetProperty("passed").GetBoolean().Should().BeTrue();

        // A confirmed change goes through the same Session.InjectAction as a fault button, whose live
        // run RecordedSessionReplayTests compare with `run` of the saved file byte for byte (a live
        // server session keeps no engine history to compare here). The saved file replays alone:
        Simulation.Run(saved.Plan).Events.OfType<Core.Events.Refill>().Should().ContainSingle();
    }

    [Fact]
    public async Task Confirm_OfARefill_ShowsTheVolumeJustProgrammed_NotTheOldReading()
    {
        // The programmer told the pump 20 mL: its screen reads that from then on, not the 2.5 mL of
        // the interrogation before the refill (which gave 1.11 days to the alarm on the screen).
        await using var server = await RunningServer.Start(Lesson);
        await Post(server, "/api/sessions/1/programmer/interrogate");
        await Post(server, "/api/sessions/1/programmer/confirm", Refill);
        var state = await Get(server, "/api/sessions/1/programmer");
        state.GetProperty("reservoir_estimate_ml").GetDouble().Should().Be(20);
        // 450 mcg/day at 1000 mcg/mL = 0.45 mL/day: (20 - 2) / 0.45 = 40 days to the alarm, 20 / 0.45 = 44.44 to empty.
        state.GetProperty("days_to_low_reservoir_alarm").GetDouble().Should().Be(40);
        state.GetProperty("days_to_empty").GetDouble().Should().Be(44.44);
    }

    [Theory]
    [InlineData("""{"workflow":"erase"}""", "'workflow'")]
    [InlineData("""{"workflow":"refill","add_ml":"20","drug_concentration_mcg_per_ml":1000,"program_volume_ml":20}""", "'add_ml' must be a number")]
    [InlineData("""{"workflow":"dose","mode":"continuous","unit":"mcg","rate":1e300}""", "'rate' must be a number")]
    [InlineData("""{"workflow":"dose","mode":"continuous","unit":"mcg","rate":450000}""", "outside the pump's flow range")]
    [InlineData("""{"workflow":"dose","mode":"flex","unit":"mcg","steps":[{"start":"25:00","rate":400}]}""", "\"HH:MM\"")]
    [InlineData("""{"workflow":"bolus","dose_mcg":50,"duration":"forever"}""", "'duration'")]
    [InlineData("[1]", "'workflow'")]
    public async Task BadEntries_AreRefusedWithAReason(string json, string reason)
    {
        await using var server = await RunningServer.Start(Lesson);
        await Post(server, "/api/sessions/1/programmer/interrogate");
        var before = await server.Http.GetStringAsync("/api/sessions/1/scenario.yaml");
        var (status, body) = await Post(server, "/api/sessions/1/programmer/confirm", json);
        status.Should().Be(HttpStatusCode.BadRequest);
        body.GetProperty("error").GetString().Should().Contain(reason);
        (await server.Http.GetStringAsync("/api/sessions/1/scenario.yaml")).Should().Be(before, "a refused entry records nothing");
    }

    [Fact]
    public async Task Refill_BeforeInterrogating_IsRefused()
    {
        await using var server = await RunningServer.Start(Lesson);
        var (status, body) = await Post(server, "/api/sessions/1/programmer/preview", Refill);
        status.Should().Be(HttpStatusCode.BadRequest);
        body.GetProperty("error").GetString().Should().Contain("interrogate the pump first");
    }

    [Fact]
    public async Task Grade_OfAScenarioThatIsNoLesson_IsRefused()
    {
        await using var server = await RunningServer.Start();
        using var r = await server.Http.GetAsync("/api/sessions/1/programmer/grade");
        r.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }
}
