namespace PumpSim.Core.Units;

/// <summary>Integrates a piecewise-constant rate given per day over whole seconds, exactly.
/// It carries the remainder below one unit (in unit·s/day), so the total after any split of the
/// same time is floor(∫rate dt / 86400): the same at a 1-s step as at a 1-h step.</summary>
public struct FlowIntegrator
{
    private const long SecondsPerDay = 86_400;
    private long _remainder; // in [0, 86400)

    public long Advance(long ratePerDay, long seconds)
    {
        if (ratePerDay == 0 || seconds == 0) return 0;
        var total = checked(ratePerDay * seconds + _remainder);
        _remainder = total % SecondsPerDay;
        return total / SecondsPerDay;
    }

    /// <summary>The fewest whole seconds after which <see cref="Advance"/> would have produced at
    /// least <paramref name="amount"/> units; long.MaxValue if the rate is zero.</summary>
    public readonly long SecondsUntil(long ratePerDay, long amount)
    {
        if (amount <= 0) return 0;
        if (ratePerDay <= 0) return long.MaxValue;
        var need = checked(amount * SecondsPerDay) - _remainder;
        return need <= 0 ? 0 : (need + ratePerDay - 1) / ratePerDay;
    }

    public void Reset() => _remainder = 0;
}
