using PumpSim.Core.Therapy;
using PumpSim.Core.Units;

namespace PumpSim.Core.Programmer;

/// <summary>One rate as the clinician programmer shows it: the dose and the volume flow it means at
/// the entered concentration, and whether the pump model accepts that flow.</summary>
public sealed record RateView(DoseRate Dose, FlowRate Flow, bool InRange);

/// <summary>The programmer's rate arithmetic: mcg/day ↔ mL/day with the concentration the clinician
/// entered (the only one the pump knows, PUMP.md §3), and a program's mean over its cycle.</summary>
public static class RateCalculator
{
    /// <summary>A rate typed as mcg/day or mL/day, shown in both units.</summary>
    public static RateView Of(ProgramRate rate, Concentration entered, PumpProfile profile)
    {
        var flow = rate.ToFlow(entered);
        return new RateView(rate.ToDose(entered), flow, InRange(flow, profile));
    }

    public static bool InRange(FlowRate flow, PumpProfile profile) => flow >= profile.MinFlow && flow <= profile.MaxFlow;

    /// <summary>The program's mean over its cycle (a flex program's time-weighted mean; the minimum
    /// rate; nothing when stopped). <see cref="RateView.InRange"/> says whether every step is in range.</summary>
    public static RateView Mean(TherapyProgram program, Concentration entered, PumpProfile profile)
    {
        switch (program.Mode)
        {
            case ProgramMode.Continuous: return Of(program.Rate!.Value, entered, profile);
            case ProgramMode.MinimumRate: return new RateView(profile.MinimumRate * entered, profile.MinimumRate, true);
            case ProgramMode.Stopped: return new RateView(DoseRate.Zero, FlowRate.Zero, true);
        }
        var period = program.Repeat == FlexRepeat.Daily ? SimDuration.SecondsPerDay : 7 * SimDuration.SecondsPerDay;
        Int128 sum = 0;
        var inRange = true;
        for (var i = 0; i < program.Steps.Count; i++)
        {
            var step = Of(program.Steps[i].Rate, entered, profile);
            inRange &= step.InRange;
            var end = i + 1 < program.Steps.Count ? program.Steps[i + 1].StartSecond : program.Steps[0].StartSecond + period;
            sum += (Int128)step.Flow.PicolitresPerDay * (end - program.Steps[i].StartSecond);
        }
        var mean = FlowRate.FromPicolitresPerDay((long)((sum + period / 2) / period));
        return new RateView(mean * entered, mean, inRange);
    }
}
