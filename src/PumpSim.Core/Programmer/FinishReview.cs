using System.Globalization;
using PumpSim.Core.Therapy;
using PumpSim.Core.Units;

namespace PumpSim.Core.Programmer;

/// <summary>The settings the Finish screen lists, as the pump holds them (current) or as the
/// clinician is about to send them (pending).</summary>
public sealed record ProgrammerSettings(
    Concentration Entered,
    Volume Reservoir,
    TherapyProgram Program,
    Volume LowReservoirAlarm,
    PtmSettings? Ptm,
    IReadOnlyList<string> Boluses);

/// <summary>One line of the Finish screen: the current value beside the pending one.</summary>
public sealed record FinishField(string Name, string Current, string Pending)
{
    public bool Changed => Current != Pending;
}

/// <summary>The Finish screen: every setting, current against pending, each change marked, before
/// anything is sent to the pump.</summary>
public static class FinishReview
{
    public static IReadOnlyList<FinishField> Compare(ProgrammerSettings current, ProgrammerSettings pending, PumpProfile profile) =>
    [
        new("concentration", current.Entered.ToString(), pending.Entered.ToString()),
        new("reservoir volume", current.Reservoir.ToString(), pending.Reservoir.ToString()),
        new("program", Describe(current.Program, current.Entered, profile), Describe(pending.Program, pending.Entered, profile)),
        new("low-reservoir alarm", current.LowReservoirAlarm.ToString(), pending.LowReservoirAlarm.ToString()),
        new("patient bolus", PtmSettings.Describe(current.Ptm), PtmSettings.Describe(pending.Ptm)),
        new("boluses", Describe(current.Boluses), Describe(pending.Boluses)),
    ];

    /// <summary>"continuous 450 mcg/day (0.45 mL/day)" or "flex daily: 07:00 300 mcg/day (…); 22:00 …".</summary>
    public static string Describe(TherapyProgram program, Concentration entered, PumpProfile profile)
    {
        string Rate(ProgramRate r)
        {
            var v = RateCalculator.Of(r, entered, profile);
            return $"{v.Dose} ({v.Flow})";
        }
        return program.Mode switch
        {
            ProgramMode.Continuous => $"continuous {Rate(program.Rate!.Value)}",
            ProgramMode.Flex => $"flex {program.Repeat.ToString().ToLowerInvariant()}: " +
                string.Join("; ", program.Steps.Select(s => $"{Clock(s.StartSecond, program.Repeat)} {Rate(s.Rate)}")),
            _ => program.Describe(),
        };
    }

    /// <summary>A flex step's start as the programmer shows it: "07:00", or "mon 07:00" for a weekly program.</summary>
    public static string Clock(long second, FlexRepeat repeat)
    {
        var day = repeat == FlexRepeat.Weekly ? ((DayOfWeek)((second / SimDuration.SecondsPerDay + 1) % 7)).ToString()[..3].ToLowerInvariant() + " " : "";
        var s = second % SimDuration.SecondsPerDay;
        return day + (s / 3600).ToString("00", CultureInfo.InvariantCulture) + ":" + (s / 60 % 60).ToString("00", CultureInfo.InvariantCulture);
    }

    private static string Describe(IReadOnlyList<string> boluses) => boluses.Count == 0 ? "none" : string.Join(", ", boluses);
}
