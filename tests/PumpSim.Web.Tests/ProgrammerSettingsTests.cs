using System.Net;
using System.Text.Json;

namespace PumpSim.Web.Tests;

/// <summary>Issue 23's patient-bolus and alarm-settings workflows: priced by Core, reviewed on the
/// Finish screen (the changed row marked), confirmed as the scenario's alarm_settings / ptm_settings
/// event, and graded (a lowered alarm is an alarm-setting finding with its numbers).</summary>
public class ProgrammerSettingsTests
{
    private const string Lesson = "scenarios/lessons/alarm-response.yaml";
    private const string Refill = """{"workflow":"refill","add_ml":20,"drug_concentration_mcg_per_ml":500,"program_volume_ml":20}""";

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    private static Dictionary<string, string> Pairs(JsonElement p, string name) =>
        p.GetProperty(name).EnumerateArray().ToDictionary(c => c.GetProperty("label").GetString()!, c => c.GetProperty("value").GetString()!);

    private static JsonElement Row(JsonElement p, string name) =>
        p.GetProperty("finish").EnumerateArray().Single(f => f.GetProperty("name").GetString() == name);

    [Fact]
    public async Task AlarmSettings_ReviewedConfirmedAndGraded_AsAnAlarmSettingWithItsNumbers()
    {
        await using var s = await RunningServer.Start(Lesson);
        await s.Post("/api/sessions/1/programmer/interrogate");
        (await s.Post("/api/sessions/1/programmer/confirm", Refill)).Status.Should().Be(HttpStatusCode.OK);
        const string lowered = """{"workflow":"alarms","low_reservoir_alarm_ml":1}""";

        var (status, text) = await s.Post("/api/sessions/1/programmer/preview", lowered);
        status.Should().Be(HttpStatusCode.OK, text);
        var p = Json(text);
        var row = Row(p, "low-reservoir alarm");
        (row.GetProperty("current").GetString(), row.GetProperty("pending").GetString(), row.GetProperty("changed").GetBoolean()).Should().Be(("2 mL", "1 mL", true));
        p.GetProperty("finish").EnumerateArray().Count(f => f.GetProperty("changed").GetBoolean()).Should().Be(1);
        // 450 mcg/day of 500 mcg/mL is 0.9 mL/day: 1 mL lasts 1.11 days; from 20 mL (the estimate was read
        // before the refill, 1.5 mL less 10 minutes' flow) the alarm is far off.
        Pairs(p, "calculations")["days from the alarm to empty"].Should().Be("1.11 days");
        p.GetProperty("event").GetString().Should().Be("alarm_settings: { low_reservoir_alarm_ml: 1 }");

        (await s.Post("/api/sessions/1/programmer/confirm", lowered)).Status.Should().Be(HttpStatusCode.OK);
        (await s.Http.GetStringAsync("/api/sessions/1/scenario.yaml")).Should().Contain("alarm_settings: {low_reservoir_alarm_ml: 1}");
        Json(await s.Http.GetStringAsync("/api/sessions/1/programmer")).GetProperty("low_reservoir_alarm_ml").GetDouble().Should().Be(1);

        var grade = Json((await s.Post("/api/sessions/1/programmer/finish")).Text);
        var finding = grade.GetProperty("findings").EnumerateArray().Should().ContainSingle().Subject;
        finding.GetProperty("kind").GetString().Should().Be("alarm-setting");
        var n = finding.GetProperty("numbers");
        n.GetProperty("set_ml").GetDouble().Should().Be(1);
        n.GetProperty("target_ml").GetDouble().Should().Be(2);
        n.GetProperty("warning_days").GetDouble().Should().BeApproximately(1 / 0.9, 1e-6);
        n.GetProperty("target_warning_days").GetDouble().Should().BeApproximately(2 / 0.9, 1e-6);
    }

    [Fact]
    public async Task PtmSettings_ReviewedOnFinish_AndConfirmedAsTheScenarioEvent()
    {
        await using var s = await RunningServer.Start(Lesson);
        const string ptm = """{"workflow":"ptm","dose_mcg":50,"duration":"10m","lockout":"3h","max_per_day":4}""";
        var (status, text) = await s.Post("/api/sessions/1/programmer/preview", ptm);
        status.Should().Be(HttpStatusCode.OK, text);
        var p = Json(text);
        var row = Row(p, "patient bolus");
        (row.GetProperty("current").GetString(), row.GetProperty("pending").GetString()).Should().Be(("none", "50 mcg over 10m, lockout 3h, at most 4 a day"));
        var calc = Pairs(p, "calculations");
        // 50 mcg of 500 mcg/mL = 0.1 mL; in 10 minutes that is 0.1 × 144 = 14.4 mL/day; 4 a day = 200 mcg.
        calc["one patient bolus"].Should().Be("0.1 mL at 14.4 mL/day for 10m");
        calc["the most a day"].Should().Be("200 mcg on top of 450 mcg/day");

        (await s.Post("/api/sessions/1/programmer/confirm", ptm)).Status.Should().Be(HttpStatusCode.OK);
        (await s.Http.GetStringAsync("/api/sessions/1/scenario.yaml")).Should().Contain("ptm_settings: {dose_mcg: 50, duration: 10m, lockout: 3h, max_per_day: 4}");
        Json(await s.Http.GetStringAsync("/api/sessions/1/programmer")).GetProperty("ptm").GetString().Should().Be("50 mcg over 10m, lockout 3h, at most 4 a day");
    }

    [Theory]
    [InlineData("""{"workflow":"alarms","low_reservoir_alarm_ml":12}""", "must be 0.5 mL to 10 mL")]
    [InlineData("""{"workflow":"alarms","low_reservoir_alarm_ml":"2"}""", "'low_reservoir_alarm_ml' must be a number")]
    [InlineData("""{"workflow":"ptm","dose_mcg":50,"duration":"10m","lockout":"3h","max_per_day":2.5}""", "whole number")]
    [InlineData("""{"workflow":"ptm","dose_mcg":50,"duration":"10m","lockout":"3h","max_per_day":99}""", "1 to 24")]
    public async Task BadSettings_AreRefusedWithAReason_AndSendNothing(string json, string reason)
    {
        await using var s = await RunningServer.Start(Lesson);
        var before = await s.Http.GetStringAsync("/api/sessions/1/scenario.yaml");
        var (status, text) = await s.Post("/api/sessions/1/programmer/confirm", json);
        status.Should().Be(HttpStatusCode.BadRequest);
        Json(text).GetProperty("error").GetString().Should().Contain(reason);
        (await s.Http.GetStringAsync("/api/sessions/1/scenario.yaml")).Should().Be(before);
    }
}
