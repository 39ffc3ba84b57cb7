using System.Text;
using System.Text.Json;
using PumpSim.Core.Events;
using PumpSim.Reports;

namespace PumpSim.Web.Tests;

/// <summary>Drives a <see cref="Session"/> directly, as the page's controls would.</summary>
internal static class SessionDriver
{
    /// <summary>A session that keeps the engine's whole result, to compare with a replay.</summary>
    public static Session Open(string relativePath) => OpenFile(Repo.Path(relativePath));

    public static Session OpenFile(string path) => new(1, ScenarioSource.Load(path), retainHistory: true);

    public static void Do(this Session s, string action, string json = "{}") =>
        s.Control(action, JsonDocument.Parse(json).RootElement);

    public static void SeekTo(this Session s, string at) => s.Do("seek", $$"""{"at":"{{at}}"}""");

    /// <summary>events.jsonl and telemetry.csv exactly as `run` writes them.</summary>
    public static (byte[] Events, byte[] Telemetry) Files(SimulationResult result)
    {
        using var events = new MemoryStream();
        EventLogWriter.Write(events, result.Events);
        using var telemetry = new StringWriter { NewLine = "\n" };
        TelemetryCsvWriter.Write(telemetry, result.Telemetry);
        return (events.ToArray(), Encoding.UTF8.GetBytes(telemetry.ToString()));
    }
}
