using PumpSim.Core.Units;

namespace PumpSim.Core.Therapy;

public enum ProgramMode { Continuous, Flex, MinimumRate, Stopped }
public enum FlexRepeat { Daily, Weekly }

/// <summary>One step of a flex program: from <see cref="StartSecond"/> (of the day, or of the week
/// from Monday 00:00 for weekly programs) until the next step starts, wrapping round.</summary>
public sealed record FlexStep(long StartSecond, ProgramRate Rate);

/// <summary>The basal program the firmware runs. Immutable: a change is a new program at an instant.</summary>
public sealed record TherapyProgram
{
    public const int MaxFlexSteps = 10;

    public ProgramMode Mode { get; }
    public ProgramRate? Rate { get; }
    public FlexRepeat Repeat { get; }
    public IReadOnlyList<FlexStep> Steps => _steps;

    // The engine asks RateAt and NextChangeAfter at every breakpoint: a foreach over the
    // IReadOnlyList allocates an enumerator each time, a loop over the array does not.
    private readonly FlexStep[] _steps;

    private TherapyProgram(ProgramMode mode, ProgramRate? rate, FlexRepeat repeat, FlexStep[] steps)
    {
        Mode = mode; Rate = rate; Repeat = repeat; _steps = steps;
    }

    public static TherapyProgram Continuous(ProgramRate rate) => new(ProgramMode.Continuous, rate, FlexRepeat.Daily, []);
    public static TherapyProgram MinimumRate() => new(ProgramMode.MinimumRate, null, FlexRepeat.Daily, []);
    public static TherapyProgram Stopped() => new(ProgramMode.Stopped, null, FlexRepeat.Daily, []);

    public static TherapyProgram Flex(FlexRepeat repeat, IEnumerable<FlexStep> steps)
    {
        var sorted = steps.OrderBy(s => s.StartSecond).ToArray();
        if (sorted.Length == 0) throw new ProgramRejectedException("a flex program needs at least one step.");
        if (sorted.Length > MaxFlexSteps) throw new ProgramRejectedException($"a flex program has at most {MaxFlexSteps} steps, got {sorted.Length}.");
        var period = PeriodOf(repeat);
        for (var i = 0; i < sorted.Length; i++)
        {
            if (sorted[i].StartSecond < 0 || sorted[i].StartSecond >= period)
                throw new ProgramRejectedException($"flex step {i + 1} starts outside the {repeat.ToString().ToLowerInvariant()} cycle.");
            if (i > 0 && sorted[i].StartSecond == sorted[i - 1].StartSecond)
                throw new ProgramRejectedException("two flex steps start at the same time.");
        }
        return new(ProgramMode.Flex, null, repeat, sorted);
    }

    private static long PeriodOf(FlexRepeat r) => r == FlexRepeat.Daily ? SimDuration.SecondsPerDay : 7 * SimDuration.SecondsPerDay;

    private long Phase(SimInstant t) => Repeat == FlexRepeat.Daily ? t.SecondOfDay : t.SecondOfWeek;

    /// <summary>The programmed rate at <paramref name="t"/>; null for minimum-rate and stopped.</summary>
    public ProgramRate? RateAt(SimInstant t)
    {
        if (Mode != ProgramMode.Flex) return Rate;
        var phase = Phase(t);
        var current = _steps[^1]; // before the first step of the cycle, the last one still runs
        foreach (var s in _steps)
        {
            if (s.StartSecond <= phase) current = s; else break;
        }
        return current.Rate;
    }

    /// <summary>The next instant strictly after <paramref name="t"/> at which the rate changes step.</summary>
    public SimInstant NextChangeAfter(SimInstant t)
    {
        if (Mode != ProgramMode.Flex || _steps.Length < 2) return SimInstant.MaxValue;
        var phase = Phase(t);
        foreach (var s in _steps)
            if (s.StartSecond > phase) return t + SimDuration.FromSeconds(s.StartSecond - phase);
        return t + SimDuration.FromSeconds(PeriodOf(Repeat) - phase + _steps[0].StartSecond);
    }

    /// <summary>Every rate the program can run, for range checks against the pump profile.</summary>
    public IEnumerable<ProgramRate> AllRates() => Mode switch
    {
        ProgramMode.Continuous => [Rate!.Value],
        ProgramMode.Flex => Steps.Select(s => s.Rate),
        _ => [],
    };

    public string Describe() => Mode switch
    {
        ProgramMode.Continuous => $"continuous {Rate}",
        ProgramMode.Flex => $"flex ({Repeat.ToString().ToLowerInvariant()}, {Steps.Count} steps)",
        ProgramMode.MinimumRate => "minimum rate",
        _ => "stopped",
    };
}
