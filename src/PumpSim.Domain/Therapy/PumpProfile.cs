using PumpSim.Core.Units;

namespace PumpSim.Core.Therapy;

/// <summary>One pump model, NodaTime-style: every fixed number of the model and every default and
/// range that depends on it, in one object (PUMP.md §2). <see cref="PumpCatalog"/> lists them; the
/// loader's choices, the schema, sweeps and the docs enumerate the catalog, never a list of their
/// own. A new model is one of these (plus its docs); a test registers one and runs it end to end.</summary>
public sealed record PumpProfile(
    string Model,
    Volume Capacity,
    FlowRate MinFlow,
    FlowRate MaxFlow,
    FlowRate MinimumRate)
{
    /// <summary>The pump's internal tubing, part of the dead volume a priming or bridge bolus must
    /// fill (SynchroMed II: 0.140 mL, the figure the 2017 correction gave the programmer).</summary>
    public Volume TubingVolume { get; init; } = Volume.FromMl(0.140);

    /// <summary>The dead volume (pump tubing + catheter) when a scenario does not say (PUMP.md §2).</summary>
    public Volume DefaultCatheterVolume { get; init; } = Volume.FromMl(0.20);

    /// <summary>The largest catheter dead volume a scenario may give, tubing included.</summary>
    public Volume MaxCatheterVolume { get; init; } = Volume.FromMl(5);

    public BatteryModel Battery { get; init; } = BatteryModel.SynchroMedII;

    /// <summary>The low-reservoir alarm: 2 mL by default (the manufacturer's recommendation), 0.5 mL to
    /// half the capacity.</summary>
    public Volume DefaultLowReservoirAlarm { get; init; } = Volume.FromMl(2.0);
    public Volume MinLowReservoirAlarm { get; init; } = Volume.FromMl(0.5);
    public Volume MaxLowReservoirAlarm => Volume.FromPicolitres(Capacity.Picolitres / 2);

    /// <summary>Withdrawn against expected at a refill, beyond which a discrepancy is logged.</summary>
    public Volume DefaultRefillDiscrepancyLimit { get; init; } = Volume.FromMl(2.0);

    /// <summary>The labelled accuracy envelope, ± %, for docs and the trumpet analysis.</summary>
    public double LabelledAccuracyPct { get; init; } = 14.5;

    public static readonly PumpProfile SynchroMedII20 = SynchroMedII("synchromed-ii-20", 20);
    public static readonly PumpProfile SynchroMedII40 = SynchroMedII("synchromed-ii-40", 40);

    /// <summary>The built-in models (<see cref="PumpCatalog.Standard"/>'s).</summary>
    public static IReadOnlyList<PumpProfile> All => PumpCatalog.Standard.Models;

    public static PumpProfile? Find(string model) => PumpCatalog.Standard.Find(model);

    /// <summary>A SynchroMed II (model 8637) of <paramref name="capacityMl"/> mL: its flow range and
    /// minimum rate are the same at every capacity.</summary>
    public static PumpProfile SynchroMedII(string model, double capacityMl) => new(
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
