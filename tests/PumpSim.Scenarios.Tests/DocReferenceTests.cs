using PumpSim.Core.Events;
using PumpSim.Core.Firmware;
using PumpSim.Scenarios.Format;

namespace PumpSim.Scenarios.Tests;

/// <summary>docs/scenario-format.md lists every name a user can write; these fail when the code grows a name the doc lacks.</summary>
public class DocReferenceTests
{
    private static string Doc()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PumpSim.sln"))) dir = dir.Parent;
        dir.Should().NotBeNull("the tests run inside the repository");
        return File.ReadAllText(Path.Combine(dir!.FullName, "docs", "scenario-format.md"));
    }

    [Fact]
    public void Docs_EveryAlarmId_IsDocumentedWithItsPriority()
    {
        var doc = Doc();
        foreach (var (id, priority) in AlarmIds.All)
            doc.Should().Contain($"| `{id}` | {AlarmIds.Text(priority)} |");
    }

    [Fact]
    public void Docs_EveryEventType_IsDocumented()
    {
        var doc = Doc();
        foreach (var type in EventTypes.All) doc.Should().Contain($"| `{type}` |");
    }

    [Fact]
    public void Docs_EveryStateValueAndPatientFlag_IsDocumented()
    {
        var doc = Doc();
        foreach (var v in ScenarioFormat.TherapyStates.Concat(ScenarioFormat.CatheterStates).Concat(ScenarioFormat.MotorStates)
                     .Concat(ScenarioFormat.ReservoirConditions).Concat(ScenarioFormat.BatteryStates).Concat(ScenarioFormat.PatientFlags))
            doc.Should().Contain($"`{v}`");
    }
}
