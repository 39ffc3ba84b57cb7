using PumpSim.Core.Engine;
using PumpSim.Core.Programmer;

namespace PumpSim.Scenarios.Lessons;

/// <summary>A session is a lesson's scenario plus the trainee's programmer actions: the same id,
/// the same pump, drug, reservoir, program and world events. Only the programmer's settings may
/// differ in the header (the alarm and the entered catheter volume; both are graded). Anything else means the file is not a session of this lesson.</summary>
internal static class SessionCheck
{
    public static void SameWorld(Lesson lesson, LoadedScenario session)
    {
        var l = lesson.Scenario.Plan;
        var s = session.Plan;
        var differs = new List<string>();
        if (l.Id != s.Id) differs.Add($"the scenario id ('{s.Id}'; the lesson's is '{l.Id}')");
        if (l.Start != s.Start || l.Duration != s.Duration) differs.Add("start or duration");
        if (l.Profile != s.Profile) differs.Add("pump model");
        if (l.Concentration != s.Concentration || l.ProgrammedConcentration != s.ProgrammedConcentration) differs.Add("drug");
        if (l.Reservoir != s.Reservoir) differs.Add("reservoir_ml");
        if (l.CatheterVolume != s.CatheterVolume || l.CatheterContents != s.CatheterContents) differs.Add("catheter");
        var entered = l.ProgrammedConcentration ?? l.Concentration;
        if (FinishReview.Describe(l.Program, entered, l.Profile) != FinishReview.Describe(s.Program, entered, s.Profile)) differs.Add("therapy");
        if (!World(l).SequenceEqual(World(s))) differs.Add("the lesson's own events");
        if (differs.Count > 0)
            throw new ScenarioException([new ScenarioError(session.FileName, 1, 1,
                $"not a session of lesson '{l.Id}' ({lesson.Scenario.FileName}): it changes {string.Join(", ", differs)}; " +
                "a session is the lesson's file plus the trainee's programmer events")]);
    }

    private static IEnumerable<string> World(SimulationPlan p) =>
        p.Actions.Where(a => a.Action is not NarrationAction && !TraineeSession.IsTrainees(a.Action)).Select(a => $"{a.At} {a.Action}");
}
