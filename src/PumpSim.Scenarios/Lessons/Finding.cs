using PumpSim.Core.Units;

namespace PumpSim.Scenarios.Lessons;

/// <summary>The kinds of problem <c>pumpsim grade</c> reports (README, "Lessons and grading").</summary>
public static class FindingKinds
{
    public const string WrongConcentration = "wrong-concentration";
    public const string DecimalError = "decimal-error";
    public const string UnitError = "unit-error";
    public const string WrongVolume = "wrong-volume";
    public const string MissingBridge = "missing-bridge";
    public const string UnneededBolus = "unneeded-bolus";
    public const string DoseOffTarget = "dose-off-target";
    public const string AlarmSetting = "alarm-setting";

    public static readonly string[] All = [WrongConcentration, DecimalError, UnitError, WrongVolume, MissingBridge, UnneededBolus, DoseOffTarget, AlarmSetting];
}

/// <summary>One problem: its kind, a sentence for the trainee, and the numbers behind it in order.</summary>
public sealed record Finding(string Kind, string Message, IReadOnlyList<KeyValuePair<string, double>> Numbers)
{
    public double this[string name] => Numbers.First(n => n.Key == name).Value;
}

/// <summary>What the patient would have received over the assessed window (illustrative: the
/// simulated dose reaching the CSF), against the target program's dose.</summary>
public sealed record Received(SimInstant From, SimInstant To, double DeliveredMcg, double McgPerDay, double PrescribedMcgPerDay, double PercentOfPrescription);

public sealed record GradeReport(string LessonId, IReadOnlyList<Finding> Findings, Received Received)
{
    public bool Passed => Findings.Count == 0;
}
