namespace PumpSim.Core.Units;

/// <summary>One place for range checks, so every unit reports a bad value the same way.</summary>
public static class Preconditions
{
    public static void CheckRange(double value, double min, double max, string name, string unit)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number of {unit}.");
        if (value < min || value > max)
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be between {min} and {max} {unit}, got {value}.");
    }

    public static void CheckFinite(double value, string name)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number.");
    }
}
