using PumpSim.Core.Engine;
using PumpSim.Core.Events;
using PumpSim.Core.Patient;
using PumpSim.Core.Therapy;
using static PumpSim.Core.Tests.Plans;

namespace PumpSim.Core.Tests;

public class PatientFlagTests
{
    [Fact]
    public void PatientBelowSixtyPercent_IsFlaggedUnderdosedFromTheStart_AndClearedWhenTitratedUp()
    {
        // PUMP.md §7: each risk flag is an event when it starts and when it ends. A titration that
        // starts at 150 of a 450 mcg/day target begins at 33 %: underdosed from the first instant.
        var plan = OneMlPerDay(4) with
        {
            Program = TherapyProgram.Continuous(ProgramRate.McgPerDay(150)),
            Patient = new PatientParameters { MaintenanceMcgPerDay = 450 },
        };
        plan = plan.WithActions(Act("1d", new ProgramAction(TherapyProgram.Continuous(ProgramRate.McgPerDay(450)))));
        var r = Simulation.Run(plan);
        var raised = r.Events.Where(e => e is PatientFlagRaised { Flag: Simulation.Underdose }).ToArray();
        raised.Should().ContainSingle().Which.At.Should().Be(Start);
        r.Events.OfType<PatientFlagCleared>().Should().Contain(e => e.Flag == Simulation.Underdose && e.At > Day(1));
        r.Events.OfType<PatientFlagRaised>().Should().NotContain(e => e.Flag == Simulation.WithdrawalRisk);
    }

    [Fact]
    public void PatientAtTheMaintainedLevel_StartsWithNoFlag()
    {
        var plan = OneMlPerDay(1) with { Patient = new PatientParameters { MaintenanceMcgPerDay = 500 } };
        var r = Simulation.Run(plan);
        r.Events.Should().NotContain(e => e.Type == EventTypes.PatientFlagRaised);
    }
}
