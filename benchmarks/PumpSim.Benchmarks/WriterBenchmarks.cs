using BenchmarkDotNet.Attributes;
using PumpSim.Core.Engine;
using PumpSim.Reports;
using PumpSim.Scenarios;

namespace PumpSim.Benchmarks;

/// <summary>The two line files of `run --out` per line: events.jsonl and telemetry.csv of
/// benchmarks/scenarios/ten-years-alarm-tones.yaml (ten years on one pump, the last four toning
/// its end-of-service alarm every 10 minutes: about 220,000 event lines, mostly alarm-tone, and
/// 350,000 telemetry rows at 15 minutes), written to <see cref="Stream.Null"/> through the files
/// <see cref="RunOutputs.Files"/> gives, so the figure is the writer's alone. Reported per line
/// (OperationsPerInvoke); target (issue 24) ≤ 0.5 µs.</summary>
[MemoryDiagnoser]
public class WriterBenchmarks
{
    private const int EventLines = 220_608, TelemetryLines = 350_402; // the header is a line; checked in Setup

    private OutputFile _events = null!, _telemetry = null!;

    [GlobalSetup]
    public void Setup()
    {
        var scenario = ScenarioLoader.Load(RepoFile.Path("benchmarks", "scenarios", "ten-years-alarm-tones.yaml"));
        var result = Simulation.Run(scenario.Plan);
        if (result.Events.Count != EventLines || result.Telemetry.Count + 1 != TelemetryLines)
            throw new InvalidOperationException($"the scenario now gives {result.Events.Count} events and {result.Telemetry.Count} samples");
        var files = RunOutputs.Files(result, [], null);
        _events = files.Single(f => f.Name == EventLogWriter.FileName);
        _telemetry = files.Single(f => f.Name == TelemetryCsvWriter.FileName);
    }

    [Benchmark(OperationsPerInvoke = EventLines)]
    public void EventsJsonlLine() => _events.Write(Stream.Null);

    [Benchmark(OperationsPerInvoke = TelemetryLines)]
    public void TelemetryCsvLine() => _telemetry.Write(Stream.Null);
}
