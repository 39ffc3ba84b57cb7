using System.Globalization;
using System.Text;
using Stateless.Reflection;

namespace PumpSim.Core.Firmware;

public enum DiagramFormat { Mermaid, Dot }

/// <summary>One firmware machine drawn as one self-contained file.</summary>
public sealed record StateDiagram(string Machine, DiagramFormat Format, string Text)
{
    public string FileName => Machine + (Format == DiagramFormat.Mermaid ? ".mmd" : ".dot");
}

/// <summary>Draws the firmware's state machines from the running code (Stateless reflection), so the
/// diagrams in docs/diagrams cannot drift from what the pump does. One diagram per machine (a file holds
/// exactly one Mermaid stateDiagram-v2 or one Graphviz digraph); states carry the kebab-case names the
/// outputs use; a dynamic transition (destination chosen at run time) becomes one labelled edge per
/// possible destination, "trigger [criterion]", instead of an anonymous decision node; parallel edges
/// between the same two states are merged into one label, so the therapy machine stays readable.
/// Ignored triggers are not drawn (they change nothing).</summary>
public static class StateDiagrams
{
    /// <summary>Machine names in the order the files are listed.</summary>
    public static IReadOnlyList<string> MachineNames => Machines().Select(m => m.Name).ToArray();

    /// <summary>Every machine in one format.</summary>
    public static IReadOnlyList<StateDiagram> All(DiagramFormat format) =>
        Machines().Select(m => new StateDiagram(m.Name, format, Draw(m.Name, m.Info, format))).ToArray();

    /// <summary>All machines one after the other (for a quick look on stdout; each file holds one).</summary>
    public static string Render(DiagramFormat format) => string.Join("\n", All(format).Select(d => d.Text));

    /// <summary>Each machine as a new pump has it (infusing a continuous program, reservoir above its
    /// alarm level), built on its own: no firmware, plant or simulation is needed to draw it. One alarm
    /// stands for all (they share one machine); a critical one, so the latching guards are drawn.</summary>
    private static IEnumerable<(string Name, StateMachineInfo Info)> Machines() =>
    [
        ("therapy", new TherapyMachine(() => TherapyState.Infusing, (_, _) => { }).Info),
        ("motor", new MotorMachine().Info),
        ("reservoir", new ReservoirMachine(() => ReservoirCondition.Ok).Info),
        ("battery", new BatteryMachine().Info),
        ("alarm", new Alarm(AlarmIds.MotorStall, AlarmPriority.Critical).Info),
    ];

    private sealed record Edge(string From, string To, string Label);

    private static string Draw(string machine, StateMachineInfo info, DiagramFormat format)
    {
        var states = info.States.ToArray();
        var edges = Edges(info, states);
        var initial = StateName(info.InitialState.UnderlyingState);
        var sb = new StringBuilder();
        if (format == DiagramFormat.Mermaid)
        {
            sb.Append("%% The ").Append(machine).Append(" machine of the PumpSim firmware, drawn from the code by `pumpsim diagram --out docs/diagrams`; do not edit.\n");
            sb.Append("stateDiagram-v2\n    direction LR\n");
            foreach (var s in states)
            {
                var name = StateName(s.UnderlyingState);
                var note = s.Superstate is { } super ? $" (within {StateName(super.UnderlyingState)})" : "";
                sb.Append("    state \"").Append(name).Append(note).Append("\" as ").Append(Id(name)).Append('\n');
            }
            sb.Append("    [*] --> ").Append(Id(initial)).Append('\n');
            foreach (var e in edges)
                sb.Append("    ").Append(Id(e.From)).Append(" --> ").Append(Id(e.To)).Append(" : ").Append(e.Label).Append('\n');
        }
        else
        {
            sb.Append("// The ").Append(machine).Append(" machine of the PumpSim firmware, drawn from the code by `pumpsim diagram --out docs/diagrams`; do not edit.\n");
            sb.Append("digraph ").Append(Id(machine)).Append(" {\n");
            sb.Append("    rankdir=LR;\n    node [shape=box, style=rounded, fontname=\"Helvetica\"];\n    edge [fontname=\"Helvetica\", fontsize=10];\n");
            sb.Append("    initial [shape=point, label=\"\"];\n");
            foreach (var s in states)
            {
                var name = StateName(s.UnderlyingState);
                var note = s.Superstate is { } super ? $"\\n(within {StateName(super.UnderlyingState)})" : "";
                sb.Append("    \"").Append(name).Append("\" [label=\"").Append(name).Append(note).Append("\"];\n");
            }
            sb.Append("    initial -> \"").Append(initial).Append("\";\n");
            foreach (var e in edges)
                sb.Append("    \"").Append(e.From).Append("\" -> \"").Append(e.To).Append("\" [label=\"").Append(DotLabel(e.Label)).Append("\"];\n");
            sb.Append("}\n");
        }
        return sb.ToString();
    }

    /// <summary>Every transition as (from, to, "trigger [guard]"), a substate also taking those it inherits
    /// from its superstate; then merged per (from, to) in first-seen order: triggers sharing a guard are
    /// listed together, different guards are separated by " / ".</summary>
    private static List<Edge> Edges(StateMachineInfo info, IReadOnlyList<StateInfo> states)
    {
        var raw = new List<(string From, string To, string Trigger, string Guard)>();
        foreach (var s in states)
        {
            var from = StateName(s.UnderlyingState);
            // A trigger a substate handles itself (even by ignoring it) hides its superstate's transition.
            var handledBelow = new HashSet<object>();
            for (var level = s; level is not null; level = level.Superstate)
            {
                var handledHere = new List<object>();
                foreach (var t in level.FixedTransitions.Where(t => !handledBelow.Contains(t.Trigger.UnderlyingTrigger)))
                {
                    raw.Add((from, StateName(t.DestinationState.UnderlyingState), TriggerName(t.Trigger.UnderlyingTrigger),
                        string.Join(", ", t.GuardConditionsMethodDescriptions.Select(g => g.Description))));
                    handledHere.Add(t.Trigger.UnderlyingTrigger);
                }
                foreach (var t in level.DynamicTransitions.Where(t => !handledBelow.Contains(t.Trigger.UnderlyingTrigger)))
                {
                    foreach (var d in t.PossibleDestinationStates)
                        raw.Add((from, StateName(Enum.Parse(info.StateType, d.DestinationState)), TriggerName(t.Trigger.UnderlyingTrigger), d.Criterion));
                    handledHere.Add(t.Trigger.UnderlyingTrigger);
                }
                handledHere.AddRange(level.IgnoredTriggers.Select(t => t.Trigger.UnderlyingTrigger));
                handledBelow.UnionWith(handledHere);
            }
        }
        var edges = new List<Edge>();
        foreach (var pair in raw.GroupBy(r => (r.From, r.To)))
        {
            var parts = pair.GroupBy(r => r.Guard)
                .Select(g => string.Join(", ", g.Select(r => r.Trigger).Distinct()) + (g.Key.Length > 0 ? $" [{g.Key}]" : ""));
            edges.Add(new Edge(pair.Key.From, pair.Key.To, Safe(string.Join(" / ", parts))));
        }
        return edges;
    }

    /// <summary>Graphviz does not wrap labels: one line per guard group and the guard under its triggers,
    /// so the widest machine (therapy) stays about a screen wide.</summary>
    private static string DotLabel(string label) =>
        label.Replace(" / ", "\\n", StringComparison.Ordinal).Replace(" [", "\\n[", StringComparison.Ordinal).Replace(", or ", ",\\nor ", StringComparison.Ordinal);

    /// <summary>The names the outputs use (events.jsonl, telemetry, state expectations).</summary>
    private static string StateName(object state) => state switch
    {
        TherapyState t => TherapyMachine.Name(t),
        MotorState m => MotorMachine.Name(m),
        ReservoirCondition r => ReservoirMachine.Name(r),
        BatteryState b => BatteryMachine.Name(b),
        _ => Kebab(state.ToString()!),
    };

    private static string TriggerName(object trigger) => Kebab(trigger.ToString()!);

    /// <summary>"ReservoirEmptied" → "reservoir-emptied".</summary>
    private static string Kebab(string pascal)
    {
        var sb = new StringBuilder();
        foreach (var c in pascal)
        {
            if (char.IsUpper(c) && sb.Length > 0) sb.Append('-');
            sb.Append(char.ToLower(c, CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    /// <summary>A Mermaid/Graphviz identifier: kebab-case with underscores.</summary>
    private static string Id(string name) => name.Replace('-', '_');

    /// <summary>Label text both syntaxes take without escaping: no colon (Mermaid's label separator), quote or semicolon.</summary>
    private static string Safe(string label) => label.Replace(":", " -", StringComparison.Ordinal).Replace("\"", "'", StringComparison.Ordinal).Replace(";", ",", StringComparison.Ordinal);
}
