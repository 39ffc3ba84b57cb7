namespace PumpSim.Cli;

/// <summary>The exit codes of SCENARIOS.md §2.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int ExpectationFailed = 1;
    public const int InvalidInput = 2;
    public const int InternalError = 3;
}
