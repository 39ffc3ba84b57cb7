using System.Globalization;

namespace PumpSim.Core.Plant;

/// <summary>Where the flow goes while a catheter fault stands (PUMP.md §4): the one behaviour the
/// plant reads from a fault, so a new fault is a descriptor, not a case in three switches.</summary>
public enum CatheterRouting
{
    /// <summary>Everything pumped reaches the tip and the CSF.</summary>
    Patent,
    /// <summary>The fault's fraction does not move: the true reservoir keeps it (kink, occlusion).</summary>
    HeldBack,
    /// <summary>The fault's fraction leaves into tissue before the tip (leak, tear).</summary>
    LeaksToTissue,
    /// <summary>Everything leaves into the pocket at the pump connector (disconnect).</summary>
    IntoPocket,
    /// <summary>Everything reaches the tip, and the tip is in tissue, not the CSF (migration).</summary>
    TipInTissue,
}

/// <summary>One catheter fault or repair, NodaTime-style: its scenario word, how it routes the flow,
/// its default fraction, the catheter state it leaves, and its words for people (the event's
/// sentence, the console's button and default narration). <see cref="All"/> is the only list: the
/// scenario format, the schema, play's keys, the console's buttons and the docs enumerate it.</summary>
public sealed class CatheterFaultType
{
    private readonly string _what;

    private CatheterFaultType(CatheterFaultKind kind, CatheterRouting routing, double? defaultFraction, string what, string narration)
    {
        Kind = kind;
        Name = kind.ToString().ToLowerInvariant();
        Routing = routing;
        DefaultFraction = defaultFraction;
        _what = what;
        Narration = narration;
    }

    public CatheterFaultKind Kind { get; }

    /// <summary>The word scenario files and events.jsonl use: kink, leak, …</summary>
    public string Name { get; }

    public CatheterRouting Routing { get; }

    /// <summary>The fraction of the flow affected when a scenario does not say; null when the fault
    /// takes no fraction (the whole flow is affected, or none).</summary>
    public double? DefaultFraction { get; }

    /// <summary>A scenario may give <c>fraction:</c> for this fault.</summary>
    public bool TakesFraction => DefaultFraction is not null;

    /// <summary>A scenario may give <c>volume_ml:</c>: the fault replaces the catheter.</summary>
    public bool ReplacesCatheter => Kind == CatheterFaultKind.Revision;

    /// <summary>Makes the catheter patent again (none, repair, revision).</summary>
    public bool Repairs => Routing == CatheterRouting.Patent;

    /// <summary>The catheter state this fault leaves (telemetry's catheter_state, expectations).</summary>
    public string StateName => Repairs ? PatentState : Name;

    /// <summary>What the class should notice when a trainer injects this fault live.</summary>
    public string Narration { get; }

    /// <summary>The console's button text: the word, capitalised.</summary>
    public string Button => char.ToUpperInvariant(Name[0]) + Name[1..];

    public const string PatentState = "patent";

    /// <summary>One plain sentence for a catheter-fault event with this fault at <paramref name="fraction"/>.</summary>
    public string Sentence(double fraction)
    {
        var pct = (fraction * 100).ToString("0.#", CultureInfo.InvariantCulture);
        return Routing switch
        {
            CatheterRouting.HeldBack => $"BODY: the catheter {_what}: {pct} % of the flow does not move; the pump does not know.",
            CatheterRouting.LeaksToTissue => $"BODY: the catheter {_what}: {pct} % of the flow leaks into tissue before the tip; the pump does not know.",
            CatheterRouting.IntoPocket or CatheterRouting.TipInTissue => $"BODY: the catheter {_what}; no drug reaches the CSF and the pump does not know.",
            _ => $"The catheter {_what}.",
        };
    }

    public static CatheterFaultType Kink { get; } = new(CatheterFaultKind.Kink, CatheterRouting.HeldBack, 1.0, "kinks",
        "The catheter kinks. Nothing on the pump changes: no alarm, the estimate keeps falling, the body gets less.");
    public static CatheterFaultType Occlusion { get; } = new(CatheterFaultKind.Occlusion, CatheterRouting.HeldBack, 1.0, "tip is occluded",
        "The catheter tip is occluded. No alarm: the pump counts strokes, it cannot feel the blockage.");
    public static CatheterFaultType Leak { get; } = new(CatheterFaultKind.Leak, CatheterRouting.LeaksToTissue, 0.5, "leaks",
        "The catheter leaks into tissue. No alarm: the pump believes every dose reaches the spine.");
    public static CatheterFaultType Tear { get; } = new(CatheterFaultKind.Tear, CatheterRouting.LeaksToTissue, 1.0, "tears",
        "The catheter tears. No alarm: the drug goes into tissue while the pump reports normal delivery.");
    public static CatheterFaultType Disconnect { get; } = new(CatheterFaultKind.Disconnect, CatheterRouting.IntoPocket, null, "disconnects from the pump",
        "The catheter disconnects at the pump. No alarm: the drug pools in the pocket; watch for withdrawal.");
    public static CatheterFaultType Migration { get; } = new(CatheterFaultKind.Migration, CatheterRouting.TipInTissue, null, "tip migrates out of the intrathecal space",
        "The catheter tip migrates out of the intrathecal space. No alarm: the pump runs normally, the spine gets nothing.");
    public static CatheterFaultType None { get; } = new(CatheterFaultKind.None, CatheterRouting.Patent, null, "is patent again",
        "The catheter is patent again.");
    public static CatheterFaultType Repair { get; } = new(CatheterFaultKind.Repair, CatheterRouting.Patent, null, "is repaired",
        "The catheter is repaired: delivery to the spine resumes.");
    public static CatheterFaultType Revision { get; } = new(CatheterFaultKind.Revision, CatheterRouting.Patent, null, "is replaced (revision; the new one is full of saline)",
        "The catheter is revised: the new one holds saline, so no drug arrives until it is primed.");

    /// <summary>Every fault and repair, in the order the docs list them.</summary>
    public static IReadOnlyList<CatheterFaultType> All { get; } = [Kink, Occlusion, Leak, Tear, Disconnect, Migration, None, Repair, Revision];

    /// <summary>The catheter states a run can show: patent, then each fault's own state.</summary>
    public static IReadOnlyList<string> States { get; } =
        [PatentState, .. All.Where(f => !f.Repairs).Select(f => f.StateName)];

    public static CatheterFaultType? Find(string name) => All.FirstOrDefault(f => f.Name == name);

    public static CatheterFaultType Of(CatheterFaultKind kind) => All.First(f => f.Kind == kind);
}
