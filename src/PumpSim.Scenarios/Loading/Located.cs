using PumpSim.Core.Therapy;
using PumpSim.Scenarios.Errors;
using PumpSim.Scenarios.Yaml;

namespace PumpSim.Scenarios.Loading;

/// <summary>Runs a core factory or check and turns its refusal (a unit out of range, a program the
/// pump would reject) into an error at the node that asked for it.</summary>
internal static class Located
{
    public static T At<T>(Position at, Func<T> make)
    {
        try { return make(); }
        catch (ArgumentOutOfRangeException e) { throw new NodeError(at, Clean(e.Message)); }
        catch (ProgramRejectedException e) { throw new NodeError(at, e.Message.TrimEnd('.')); }
    }

    public static void At(Position at, Action check) => At(at, () => { check(); return 0; });

    /// <summary>ArgumentOutOfRangeException appends "(Parameter 'x')" and "Actual value was y." — noise to a user.</summary>
    private static string Clean(string message)
    {
        var cut = message.IndexOf(" (Parameter", StringComparison.Ordinal);
        if (cut >= 0) message = message[..cut];
        var line = message.IndexOf('\n');
        if (line >= 0) message = message[..line];
        return message.Trim().TrimEnd('.');
    }
}
