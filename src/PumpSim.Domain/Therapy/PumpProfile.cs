using PumpSim.Core.Units;

namespace PumpSim.Core.Therapy;

/// <summary>The fixed numbers of one pump model (PUMP.md §2).</summary>
public sealed record PumpProfile(
    string Model,
    Volume Capacity,
    FlowRate MinFlow,
    FlowRate MaxFlow,
    FlowRate MinimumRate)
{
    public static readonly PumpProfile SynchroMedII20 = Make("synchromed-ii-20", 20);
    public static readonly PumpProfile SynchroMedII40 = Make("synchromed-ii-40", 40);

    public static IReadOnlyList<PumpProfile> All { get; } = [SynchroMedII20, SynchroMedII40];

    public static PumpProfile? Find(string model) => All.FirstOrDefault(p => p.Model == model);

    private static PumpProfile Make(string model, double capacityMl) => new(
        model,
        Volume.FromMl(capacityMl),
        FlowRate.FromMlPerDay(0.048),
        FlowRate.FromMlPerDay(24),
        FlowRate.FromMlPerDay(0.006));

    /// <summary>Throws <see cref="ProgramRejectedException"/> when a program runs outside the flow range.</summary>
    public void Check(TherapyProgram program, Concentration concentration)
    {
        foreach (var rate in program.AllRates())
        {
            var flow = rate.ToFlow(concentration);
            if (flow < MinFlow || flow > MaxFlow)
                throw new ProgramRejectedException(
                    $"{rate} is {flow} at {concentration}; {Model} accepts {MinFlow.MlPerDay:0.###}–{MaxFlow.MlPerDay:0.###} mL/day.");
        }
    }
}
