using PumpSim.Core.Engine;
using PumpSim.Core.Therapy;
using PumpSim.Core.Units;

namespace PumpSim.Core.Tests;

/// <summary>Small builders so each test states only what matters to it.</summary>
internal static class Plans
{
    public static readonly SimInstant Start = SimInstant.FromDateTimeOffset(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public static SimInstant Day(double d) => Start + SimDuration.FromDays(d);
    public static SimInstant At(string offset) => Start + Parse(offset);

    /// <summary>Combined offsets such as 2d1h30m.</summary>
    public static SimDuration Parse(string s)
    {
        var total = SimDuration.Zero;
        var n = 0L;
        foreach (var ch in s)
        {
            if (char.IsDigit(ch)) { n = n * 10 + (ch - '0'); continue; }
            total += ch switch
            {
                's' => SimDuration.FromSeconds(n),
                'm' => SimDuration.FromMinutes(n),
                'h' => SimDuration.FromHours(n),
                _ => SimDuration.FromDays(n),
            };
            n = 0;
        }
        return total;
    }

    /// <summary>20 mL at 500 mcg/mL, continuous 1 mL/day (500 mcg/day), 2-mL alarm.</summary>
    public static SimulationPlan OneMlPerDay(double days = 21, string step = "1m") => new()
    {
        Start = Start,
        Duration = SimDuration.FromDays(days),
        Step = Parse(step),
        Program = TherapyProgram.Continuous(ProgramRate.MlPerDay(1)),
        Reservoir = Volume.FromMl(20),
        Concentration = Concentration.FromMcgPerMl(500),
    };

    public static TimedAction Act(string at, ScenarioAction a, int order = 0) => new(At(at), order, a);

    public static SimulationPlan WithActions(this SimulationPlan p, params TimedAction[] actions) =>
        p with { Actions = actions.Select((a, i) => a with { Order = i }).OrderBy(a => a.At).ThenBy(a => a.Order).ToArray() };
}
