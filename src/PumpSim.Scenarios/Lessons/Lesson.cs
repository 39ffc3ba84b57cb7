using PumpSim.Core.Therapy;
using PumpSim.Core.Units;

namespace PumpSim.Scenarios.Lessons;

/// <summary>What a lesson asks the trainee to reach (its <c>lesson: target:</c>). A null
/// <see cref="Reservoir"/> asks for no refill; a null <see cref="LowReservoirAlarm"/> keeps the
/// lesson's setting.</summary>
public sealed record LessonTarget(
    TherapyProgram Program,
    Concentration Concentration,
    Volume? Reservoir,
    IReadOnlyList<string> Boluses,
    Volume? LowReservoirAlarm,
    double DoseTolerancePct);

/// <summary>A lesson file: a scenario (the world before the trainee acts), the task as the trainee
/// reads it and the target.</summary>
public sealed record Lesson(LoadedScenario Scenario, string Task, LessonTarget Target)
{
    public const double DefaultDoseTolerancePct = 5;
}
