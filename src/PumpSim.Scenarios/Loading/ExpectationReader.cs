using PumpSim.Core.Engine;
using PumpSim.Core.Units;
using PumpSim.Scenarios.Errors;
using PumpSim.Scenarios.Format;
using PumpSim.Scenarios.Reading;
using PumpSim.Scenarios.Yaml;

namespace PumpSim.Scenarios.Loading;

/// <summary>Reads <c>expect:</c>. Alarm ids, event types and state names are checked here, at load
/// time, so a typo fails <c>validate</c> instead of silently never matching after a long run.</summary>
internal sealed class ExpectationReader(Diagnostics diagnostics, TimeFrame frame, SimulationPlan plan, List<TraceReference>? references = null)
{
    private SimInstant Origin => frame.Start;

    public IReadOnlyList<Expectation> Read(MapReader top)
    {
        var result = new List<Expectation>();
        diagnostics.Guard(() =>
        {
            if (top.List("expect") is not { } items) return;
            foreach (var item in items.Items)
                diagnostics.Guard(() =>
                {
                    var e = ReadOne(item);
                    e.Line = item.At.Line;
                    result.Add(e);
                });
        });
        return result;
    }

    private Expectation ReadOne(YNode item)
    {
        var shape = ScenarioFormat.Expectation;
        if (item is not YMap map)
            throw new NodeError(item.At, $"an expectation is a mapping starting with one of: {string.Join(", ", shape.Discriminators)}; got {item.KindName}");
        var kinds = map.Entries.Where(e => shape.Discriminators.Contains(e.Key.Value)).ToArray();
        if (kinds.Length == 0)
        {
            var first = map.Entries.Count > 0 ? map.Entries[0].Key : null;
            var hint = first is null ? "" : Suggestions.Hint(first.Value, shape.Discriminators);
            throw new NodeError(first?.At ?? map.At, $"unknown expectation{(first is null ? "" : $" '{first.Value}'")}{hint} (expected one of: {string.Join(", ", shape.Discriminators)})");
        }
        if (kinds.Length > 1)
            throw new NodeError(kinds[1].Key.At, $"'{kinds[1].Key.Value}' and '{kinds[0].Key.Value}' in one expectation; write them as two list items");
        var kind = kinds[0].Key.Value;
        var variant = shape.Variants.First(v => v.Fields[0].Name == kind);
        var m = new MapReader(map, variant, $"{kind} expectation", diagnostics);
        var expectation = kind switch
        {
            "alarm" => Alarm(m),
            "event" => EventCount(m),
            "delivered_mcg" => Delivered(m.Map("delivered_mcg", diagnostics)!),
            "reservoir_ml" => Reservoir(m.Map("reservoir_ml", diagnostics)!),
            "state" => State(m.Map("state", diagnostics)!),
            _ => Patient(m.Map("patient", diagnostics)!),
        };
        EvidenceReader.Expectation(m, expectation, references ?? []);
        return expectation;
    }

    private TimeWindow? Window(MapReader m, string key)
    {
        if (m.Map(key, diagnostics) is not { } w) return null;
        var after = w.Time("after", frame);
        var before = w.Time("before", frame);
        if (after is { } a && before is { } b && b < a)
            throw new NodeError(w.PositionOf("before"), $"'before' ({frame.Describe(b)}) is earlier than 'after' ({frame.Describe(a)})");
        return new TimeWindow(after, before);
    }

    private static void NotBoth(MapReader m, string a, string b)
    {
        if (m.Has(a) && m.Has(b)) throw new NodeError(m.PositionOf(b), $"'{a}' and '{b}' cannot be used together");
    }

    private Expectation Alarm(MapReader m)
    {
        NotBoth(m, "raised", "never");
        NotBoth(m, "never", "cleared");
        var never = m.Bool("never") ?? false;
        if (m.Has("never") && !never) throw new NodeError(m.PositionOf("never"), "'never: false' says nothing; write 'raised: {}' to require the alarm at any time");
        return new AlarmExpectation(Origin, m.Text("alarm")!, Window(m, "raised"), never, Window(m, "cleared"));
    }

    private Expectation EventCount(MapReader m)
    {
        NotBoth(m, "count", "min");
        NotBoth(m, "count", "max");
        var min = m.Integer("min");
        var max = m.Integer("max");
        if (min is { } lo && max is { } hi && hi < lo) throw new NodeError(m.PositionOf("max"), $"'max' ({hi}) is below 'min' ({lo})");
        var where = new List<(string, string)>();
        if (m.Map("where", diagnostics) is { } w)
            foreach (var key in ScenarioFormat.EventFilter.Keys)
                if (w.Text(key) is { } value) where.Add((key, value));
        return new EventCountExpectation(Origin, m.Text("event")!, m.Integer("count"), min, max, Window(m, "window"), where);
    }

    private Expectation Delivered(MapReader m)
    {
        NotBoth(m, "tolerance_pct", "tolerance");
        var from = m.Time("from", frame)!.Value;
        var to = m.Time("to", frame)!.Value;
        if (to < from) throw new NodeError(m.PositionOf("to"), $"'to' ({frame.Describe(to)}) is earlier than 'from' ({frame.Describe(from)})");
        return new DeliveredExpectation(Origin, from, to, m.RequiredNumber("equals"), m.Number("tolerance_pct"), m.Number("tolerance"));
    }

    private Expectation Reservoir(MapReader m)
    {
        var at = m.Time("at", frame)!.Value;
        // "true" is the old spelling of "actual" (see ScenarioFormat): same meaning, no error.
        var which = m.Has("actual") ? "actual" : m.Has("true") ? "true" : m.Has("estimated") ? "estimated"
            : throw new NodeError(m.At, "'reservoir_ml' needs 'actual' or 'estimated' ({ approx, tolerance })");
        var approx = m.Map(which, diagnostics)!;
        return new ReservoirExpectation(Origin, at, which != "estimated", approx.RequiredNumber("approx"), approx.Number("tolerance"));
    }

    private Expectation State(MapReader m)
    {
        var at = m.Time("at", frame)!.Value;
        var checks = new List<(StateAspect, string)>();
        foreach (var aspect in Enum.GetValues<StateAspect>()) // enum order = key order of the format, so texts are stable
        {
            if (m.Text(StateExpectation.Name(aspect)) is { } expected) checks.Add((aspect, expected));
        }
        if (checks.Count == 0)
            throw new NodeError(m.At, "'state' needs at least one of therapy, catheter, motor, reservoir, battery besides 'at'");
        return new StateExpectation(Origin, at, checks);
    }

    private Expectation Patient(MapReader m)
    {
        if (plan.Patient is null)
            throw new NodeError(m.At, "patient expectations need the patient model: add a 'patient:' section (e.g. patient: { maintenance_mcg_per_day: 450 })");
        NotBoth(m, "raised", "never");
        var never = m.Bool("never") ?? false;
        if (m.Has("never") && !never) throw new NodeError(m.PositionOf("never"), "'never: false' says nothing; write 'raised: {}' to require the flag at any time");
        return new PatientFlagExpectation(Origin, m.Text("flag")!, Window(m, "raised"), never);
    }
}
