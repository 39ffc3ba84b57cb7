using PumpSim.Core.Engine;
using PumpSim.Core.Therapy;
using PumpSim.Core.Units;

namespace PumpSim.Benchmarks;

/// <summary>The pump-year both benchmarks measure: a 40-mL pump on a day/night flex program
/// (300 mcg/day by day, 600 by night, 500 mcg/mL), refilled with 30 mL every 30 days.</summary>
internal static class OneYearPlan
{
    public static SimulationPlan Build(SimDuration step)
    {
        var start = SimInstant.FromDateTimeOffset(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        return new SimulationPlan
        {
            Start = start,
            Duration = SimDuration.FromDays(365),
            Step = step,
            Sample = SimDuration.FromHours(1),
            Profile = PumpProfile.SynchroMedII40,
            Reservoir = Volume.FromMl(40),
            Program = TherapyProgram.Flex(FlexRepeat.Daily,
            [
                new FlexStep(7 * 3600, ProgramRate.McgPerDay(300)),
                new FlexStep(22 * 3600, ProgramRate.McgPerDay(600)),
            ]),
            Actions = Enumerable.Range(1, 12)
                .Select(i => new TimedAction(start + SimDuration.FromDays(30 * i), i, new RefillAction(Volume.FromMl(30))))
                .ToArray(),
        };
    }
}
