using PumpSim.Core.Engine;
using PumpSim.Core.Therapy;
using PumpSim.Core.Units;

namespace PumpSim.Benchmarks;

/// <summary>The pump-year the engine benchmarks measure: a 40-mL pump on a day/night flex program
/// (300 mcg/day by day, 600 by night, 500 mcg/mL), refilled with 30 mL every 30 days.
/// <see cref="Build(SimDuration, int)"/> with more years repeats the refills and replaces the pump
/// every five years (a battery lasts about six at this flow), so ten years run as ten pump-years,
/// not six and a pump at end of service.</summary>
internal static class OneYearPlan
{
    public static SimulationPlan Build(SimDuration step) => Build(step, years: 1);

    public static SimulationPlan Build(SimDuration step, int years)
    {
        var start = SimInstant.FromDateTimeOffset(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var days = 365 * years;
        return new SimulationPlan
        {
            Start = start,
            Duration = SimDuration.FromDays(days),
            Step = step,
            Sample = SimDuration.FromHours(1),
            Profile = PumpProfile.SynchroMedII40,
            Reservoir = Volume.FromMl(40),
            Program = TherapyProgram.Flex(FlexRepeat.Daily,
            [
                new FlexStep(7 * 3600, ProgramRate.McgPerDay(300)),
                new FlexStep(22 * 3600, ProgramRate.McgPerDay(600)),
            ]),
            Actions = Enumerable.Range(1, (days - 1) / 30)
                .Select(i => new TimedAction(start + SimDuration.FromDays(30 * i), i, new RefillAction(Volume.FromMl(30))))
                .Concat(Enumerable.Range(1, (years - 1) / 5)
                    .Select(k => new TimedAction(start + SimDuration.FromDays(5 * 365 * k), 1000 + k, new ReplacePumpAction())))
                .OrderBy(a => a.At).ThenBy(a => a.Order)
                .ToArray(),
        };
    }
}
