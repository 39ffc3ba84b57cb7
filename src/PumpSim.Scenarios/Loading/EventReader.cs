using PumpSim.Core.Engine;
using PumpSim.Core.Units;
using PumpSim.Scenarios.Errors;
using PumpSim.Scenarios.Format;
using PumpSim.Scenarios.Reading;
using PumpSim.Scenarios.Yaml;

namespace PumpSim.Scenarios.Loading;

/// <summary>Reads <c>events:</c> and <c>narration:</c> into timed actions. Order is the entry's place
/// in the file, so entries at one instant apply as written. Checks that need the state in force at an
/// instant (the capacity of the pump in place, whether PTM is set up) run over the sorted list.</summary>
internal sealed class EventReader(Diagnostics diagnostics, TimeFrame frame, SimulationPlan plan, MapShape eventShape)
{
    // Classes, not value tuples, and List.Sort, not OrderBy: LINQ over a tuple of PumpSim structs is
    // generic code the JIT compiles afresh in every process (docs/startup.md); over classes it is shared.
    private sealed record Entry(Position Where, SimInstant At, ScenarioAction Action);
    private sealed record Placed(Position Where, TimedAction Timed);

    private readonly List<Entry> _read = [];

    public IReadOnlyList<TimedAction> Read(MapReader top)
    {
        diagnostics.Guard(() =>
        {
            if (top.List("events") is not { } events) return;
            foreach (var item in events.Items) diagnostics.Guard(() => ReadEvent(item));
        });
        diagnostics.Guard(() =>
        {
            if (top.List("narration") is not { } lines) return;
            foreach (var item in lines.Items) diagnostics.Guard(() => ReadNarration(item));
        });

        // File position gives the order: events and narration interleave as written.
        // No two entries share a position, and Order is unique, so neither sort needs to be stable.
        _read.Sort((a, b) => a.Where.Line != b.Where.Line ? a.Where.Line.CompareTo(b.Where.Line) : a.Where.Column.CompareTo(b.Where.Column));
        var timed = new List<Placed>(_read.Count);
        for (var i = 0; i < _read.Count; i++) timed.Add(new Placed(_read[i].Where, new TimedAction(_read[i].At, i, _read[i].Action)));
        timed.Sort((a, b) => a.Timed.At != b.Timed.At ? a.Timed.At.CompareTo(b.Timed.At) : a.Timed.Order.CompareTo(b.Timed.Order));
        CheckInContext(timed);
        var actions = new TimedAction[timed.Count];
        for (var i = 0; i < actions.Length; i++) actions[i] = timed[i].Timed;
        return actions;
    }

    private void ReadNarration(YNode item)
    {
        var m = new MapReader(item, ScenarioFormat.Narration, "narration", diagnostics);
        var at = m.Time("at", frame)!.Value;
        _read.Add(new Entry(item.At, at, new NarrationAction(m.Text("text")!)));
    }

    private void ReadEvent(YNode item)
    {
        var m = new MapReader(item, eventShape, "event", diagnostics);
        var at = m.Time("at", frame)!.Value;
        var entry = m.Node.Entries.FirstOrDefault(e => eventShape.ExactlyOneOf!.Contains(e.Key.Value));
        if (entry.Key is null)
        {
            if (m.UnknownKeys > 0) return; // the unknown key was the action; already reported with a suggestion
            throw new NodeError(m.At, $"an event needs one action besides 'at'; expected one of: {string.Join(", ", eventShape.ExactlyOneOf!)}");
        }
        var name = entry.Key.Value;
        var settings = m.Map(name, diagnostics)!;
        var action = ActionReader.Read(name, settings, diagnostics);
        // More than the reservoir holds at all is a typo, not a scenario (a partial overfill is a runtime event).
        if (action is RefillAction { Into: RefillTarget.Reservoir } refill && refill.Add > plan.Profile.Capacity)
            throw new NodeError(settings.PositionOf("add_ml"),
                $"add_ml {Values.Format(refill.Add.Ml)} is more than {plan.Profile.Model} holds ({Values.Format(plan.Profile.Capacity.Ml)} mL)");
        // Located at the action's settings, where a refused program or volume was written.
        _read.Add(new Entry(m.Get(name)!.At, at, action));
    }

    /// <summary>Checks that depend on what came before: whether PTM is configured, the capacity of
    /// the pump in place. A program's flow range is the pump's to check, at run time.</summary>
    private void CheckInContext(List<Placed> timed)
    {
        var flipped = false;
        var ptm = plan.Ptm is not null;
        var capacity = plan.Profile.Capacity;
        foreach (var (where, t) in timed)
        {
            diagnostics.Guard(() =>
            {
                switch (t.Action)
                {
                    case PumpFlipAction f:
                        flipped = !f.Corrected;
                        break;
                    case RefillAction { Into: RefillTarget.Reservoir } when flipped:
                        break; // refused at run time: the needle cannot reach the port
                    case RefillAction r:
                        if (r.ProgramVolume is { } pv && pv > capacity)
                            throw new NodeError(where, $"refill program_volume_ml {pv.Ml:0.###} is more than the {capacity.Ml:0.##} mL the {plan.Profile.Model} holds");
                        break;
                    // A program outside the flow range is not refused here: the clinician may try it,
                    // and the pump refuses it at run time (program-rejected) and keeps its program.

                    case PtmSettingsAction:
                        ptm = true;
                        break;
                    case PtmRequestAction when !ptm:
                        throw new NodeError(where, "ptm_request needs PTM settings: add a 'ptm:' section (dose_mcg, duration, lockout, max_per_day) or a ptm_settings event before it");
                    case AlarmSettingsAction a when a.LowReservoirAlarm < plan.Profile.MinLowReservoirAlarm || a.LowReservoirAlarm > plan.Profile.MaxLowReservoirAlarm:
                        throw new NodeError(where, $"alarm_settings low_reservoir_alarm_ml must be {Values.Format(plan.Profile.MinLowReservoirAlarm.Ml)} to {Values.Format(plan.Profile.MaxLowReservoirAlarm.Ml)} mL (half the capacity of {plan.Profile.Model}), got {Values.Format(a.LowReservoirAlarm.Ml)}");
                    case ReplacePumpAction { Reservoir: { } v } when v > capacity:
                        throw new NodeError(where, $"replace_pump reservoir_ml {v.Ml:0.###} is more than the {capacity.Ml:0.##} mL the {plan.Profile.Model} holds");
                }
            });
        }
    }
}
