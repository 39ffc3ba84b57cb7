using System.Text.RegularExpressions;
using PumpSim.Core.Firmware;

namespace PumpSim.Core.Tests;

/// <summary>The diagram builder (StateDiagrams) checked from Core, where Stryker measures it: the exact
/// text of the small machines, written here by hand from each machine's Configure (not copied from the
/// program's output), the structure of every diagram in both formats, and the committed docs/diagrams
/// files as a last check. The CLI's DiagramTests pin the files and `pumpsim diagram`; these pin the builder.</summary>
public class FirmwareDiagramTests
{
    private const string Header = " machine of the PumpSim firmware, drawn from the code by `pumpsim diagram --out docs/diagrams`; do not edit.\n";

    private static string Diagram(string machine, DiagramFormat format) =>
        StateDiagrams.All(format).Single(d => d.Machine == machine).Text;

    [Fact]
    public void Machines_AreListedInFirmwareOrder_WithOneFileEach()
    {
        StateDiagrams.MachineNames.Should().Equal("therapy", "motor", "reservoir", "battery", "alarm");
        StateDiagrams.All(DiagramFormat.Mermaid).Select(d => d.FileName)
            .Should().Equal("therapy.mmd", "motor.mmd", "reservoir.mmd", "battery.mmd", "alarm.mmd");
        StateDiagrams.All(DiagramFormat.Dot).Select(d => d.FileName)
            .Should().Equal("therapy.dot", "motor.dot", "reservoir.dot", "battery.dot", "alarm.dot");
        StateDiagrams.All(DiagramFormat.Dot).Should().OnlyContain(d => d.Format == DiagramFormat.Dot);
    }

    [Fact]
    public void Render_JoinsEveryMachine_WithOneNewline()
    {
        var all = StateDiagrams.All(DiagramFormat.Mermaid).Select(d => d.Text).ToArray();
        StateDiagrams.Render(DiagramFormat.Mermaid).Should().Be(string.Join("\n", all));
        StateDiagrams.Render(DiagramFormat.Mermaid).Should().StartWith("%% The therapy" + Header);
        StateDiagrams.Render(DiagramFormat.Dot).Should().StartWith("// The therapy" + Header);
    }

    [Fact]
    public void BatteryMermaid_IsExactlyItsConfiguration()
    {
        // BatteryMachine.Configure: ok --reached-eri--> eri, ok --exhausted--> eos; eri ignores
        // reached-eri, --exhausted--> eos, --pump-replaced--> ok; eos --pump-replaced--> ok. Ignored
        // triggers are not drawn; no guards, so no brackets. States named as BatteryMachine.Name says.
        const string expected = """
            %% The battery machine of the PumpSim firmware, drawn from the code by `pumpsim diagram --out docs/diagrams`; do not edit.
            stateDiagram-v2
                direction LR
                state "ok" as ok
                state "eri" as eri
                state "eos" as eos
                [*] --> ok
                ok --> eri : reached-eri
                ok --> eos : exhausted
                eri --> eos : exhausted
                eri --> ok : pump-replaced
                eos --> ok : pump-replaced
            """;
        Diagram("battery", DiagramFormat.Mermaid).Should().Be(expected + "\n");
    }

    [Fact]
    public void BatteryDot_IsExactlyItsConfiguration()
    {
        const string expected = """
            // The battery machine of the PumpSim firmware, drawn from the code by `pumpsim diagram --out docs/diagrams`; do not edit.
            digraph battery {
                rankdir=LR;
                node [shape=box, style=rounded, fontname="Helvetica"];
                edge [fontname="Helvetica", fontsize=10];
                initial [shape=point, label=""];
                "ok" [label="ok"];
                "eri" [label="eri"];
                "eos" [label="eos"];
                initial -> "ok";
                "ok" -> "eri" [label="reached-eri"];
                "ok" -> "eos" [label="exhausted"];
                "eri" -> "eos" [label="exhausted"];
                "eri" -> "ok" [label="pump-replaced"];
                "eos" -> "ok" [label="pump-replaced"];
            }
            """;
        Diagram("battery", DiagramFormat.Dot).Should().Be(expected + "\n");
    }

    [Fact]
    public void MotorDiagram_MergesUnguardedTriggersBetweenTheSameStates_IntoOneLabel()
    {
        // MotorMachine.Configure: running --stall-detected--> stalled; stalled --rotation-detected-->
        // running and --pump-replaced--> running: one edge, triggers joined by ", ".
        const string expected = """
            // The motor machine of the PumpSim firmware, drawn from the code by `pumpsim diagram --out docs/diagrams`; do not edit.
            digraph motor {
                rankdir=LR;
                node [shape=box, style=rounded, fontname="Helvetica"];
                edge [fontname="Helvetica", fontsize=10];
                initial [shape=point, label=""];
                "running" [label="running"];
                "stalled" [label="stalled"];
                initial -> "running";
                "running" -> "stalled" [label="stall-detected"];
                "stalled" -> "running" [label="rotation-detected, pump-replaced"];
            }
            """;
        Diagram("motor", DiagramFormat.Dot).Should().Be(expected + "\n");
        Diagram("motor", DiagramFormat.Mermaid).Should().Contain("\n    stalled --> running : rotation-detected, pump-replaced\n");
    }

    [Fact]
    public void ReservoirDiagram_DrawsTheDynamicRefill_AsOneGuardedEdgePerOutcome()
    {
        // ReservoirMachine.Configure: ok permits fell-to-alarm-level → low and reached-empty → empty
        // (unguarded) and refilled → the estimate's condition, described as ok "above the alarm level",
        // low "at or below the alarm level", empty "zero". Per (from, to) in first-seen order, the
        // unguarded group first, then " / " and the guarded one. low and empty take refilled the same way.
        const string expected = """
            %% The reservoir machine of the PumpSim firmware, drawn from the code by `pumpsim diagram --out docs/diagrams`; do not edit.
            stateDiagram-v2
                direction LR
                state "ok" as ok
                state "low" as low
                state "empty" as empty
                [*] --> ok
                ok --> low : fell-to-alarm-level / refilled [at or below the alarm level]
                ok --> empty : reached-empty / refilled [zero]
                ok --> ok : refilled [above the alarm level]
                low --> empty : reached-empty / refilled [zero]
                low --> ok : refilled [above the alarm level]
                low --> low : refilled [at or below the alarm level]
                empty --> ok : refilled [above the alarm level]
                empty --> low : refilled [at or below the alarm level]
                empty --> empty : refilled [zero]
            """;
        Diagram("reservoir", DiagramFormat.Mermaid).Should().Be(expected + "\n");
        // In dot each guard group goes on its own line and the guard under its triggers.
        Diagram("reservoir", DiagramFormat.Dot).Should().Contain("    \"ok\" -> \"low\" [label=\"fell-to-alarm-level\\nrefilled\\n[at or below the alarm level]\"];\n");
    }

    [Fact]
    public void AlarmDiagram_DrawsSilencedWithinSounding_InheritingWhatItDoesNotHandle()
    {
        // Alarm.Configure: silenced is a substate of sounding; it ignores silence itself and permits
        // silence-ended → sounding, and inherits sounding's condition-gone (guarded "non-critical:
        // clears with its condition", the colon made " -"), interrogate ("condition gone") and reset.
        const string expected = """
            %% The alarm machine of the PumpSim firmware, drawn from the code by `pumpsim diagram --out docs/diagrams`; do not edit.
            stateDiagram-v2
                direction LR
                state "inactive" as inactive
                state "sounding" as sounding
                state "silenced (within sounding)" as silenced
                [*] --> inactive
                inactive --> sounding : raise
                sounding --> inactive : condition-gone [non-critical - clears with its condition] / interrogate [condition gone] / reset
                sounding --> silenced : silence
                silenced --> sounding : silence-ended
                silenced --> inactive : condition-gone [non-critical - clears with its condition] / interrogate [condition gone] / reset
            """;
        Diagram("alarm", DiagramFormat.Mermaid).Should().Be(expected + "\n");
        var dot = Diagram("alarm", DiagramFormat.Dot);
        dot.Should().Contain("    \"silenced\" [label=\"silenced\\n(within sounding)\"];\n");
        dot.Should().Contain("    \"silenced\" -> \"inactive\" [label=\"condition-gone\\n[non-critical - clears with its condition]\\ninterrogate\\n[condition gone]\\nreset\"];\n");
    }

    [Fact]
    public void TherapyDiagram_DrawsProgramAndReplacement_AsGuardedEdgesToEveryDestination()
    {
        // TherapyMachine.Configure: every in-service state takes program and pump-replaced to the
        // program's state (infusing "continuous or flex program", minimum-rate "minimum-rate program,
        // or reservoir reads empty", stopped "stopped program"); minimum-rate also takes refilled so.
        var m = Diagram("therapy", DiagramFormat.Mermaid);
        string[] lines =
        [
            "    state \"minimum-rate\" as minimum_rate",
            "    state \"safe-state\" as safe_state",
            "    state \"end-of-service\" as end_of_service",
            "    [*] --> infusing",
            "    infusing --> end_of_service : battery-exhausted",
            "    infusing --> minimum_rate : reservoir-emptied / program, pump-replaced [minimum-rate program, or reservoir reads empty]",
            "    infusing --> safe_state : safe-state-fault",
            "    infusing --> infusing : program, pump-replaced [continuous or flex program]",
            "    infusing --> stopped : program, pump-replaced [stopped program]",
            "    minimum_rate --> infusing : program, pump-replaced, refilled [continuous or flex program]",
            "    stopped --> safe_state : safe-state-fault",
            "    safe_state --> stopped : program, pump-replaced [stopped program]",
            "    end_of_service --> minimum_rate : pump-replaced [minimum-rate program, or reservoir reads empty]",
        ];
        foreach (var l in lines) m.Should().Contain("\n" + l + "\n");
        // End of service ignores everything but a replacement; safe state ignores the fault and refills.
        m.Should().NotContain("end_of_service --> end_of_service").And.NotContain("safe_state --> safe_state");
        // The initial arrow, then infusing 5 edges, minimum-rate 5, stopped 5, safe-state 4, end-of-service 3.
        Regex.Matches(m, " --> ").Count.Should().Be(1 + 5 + 5 + 5 + 4 + 3);
        var dot = Diagram("therapy", DiagramFormat.Dot);
        dot.Should().Contain("    \"stopped\" -> \"minimum-rate\" [label=\"program, pump-replaced\\n[minimum-rate program,\\nor reservoir reads empty]\"];\n");
        dot.Should().Contain("    \"end-of-service\" [label=\"end-of-service\"];\n");
    }

    public static TheoryData<string> MachineNames => new(StateDiagrams.MachineNames);

    [Theory]
    [MemberData(nameof(MachineNames))]
    public void MermaidDiagram_DeclaresKebabCaseStates_AndLabelsEveryTransition(string machine)
    {
        var lines = Diagram(machine, DiagramFormat.Mermaid).Split('\n');
        lines[0].Should().Be("%% The " + machine + Header.TrimEnd('\n'));
        lines[1].Should().Be("stateDiagram-v2");
        lines[2].Should().Be("    direction LR");
        lines[^1].Should().BeEmpty("the text ends with one newline");
        var declared = new HashSet<string>();
        var initial = 0;
        foreach (var line in lines.Skip(3).SkipLast(1))
        {
            if (Regex.Match(line, @"^    state ""([a-z]+(?:-[a-z]+)*)(?: \(within [a-z]+(?:-[a-z]+)*\))?"" as ([a-z]+(?:_[a-z]+)*)$") is { Success: true } s)
            {
                s.Groups[2].Value.Should().Be(s.Groups[1].Value.Replace('-', '_'));
                declared.Add(s.Groups[2].Value).Should().BeTrue("each state is declared once");
                continue;
            }
            if (line.StartsWith("    [*] --> ", StringComparison.Ordinal)) { initial++; declared.Should().Contain(line[12..]); continue; }
            var t = Regex.Match(line, @"^    ([a-z_]+) --> ([a-z_]+) : ([a-z][^:;""]*[a-z\]])$");
            t.Success.Should().BeTrue($"'{line}' is a state, the initial arrow or a labelled transition");
            declared.Should().Contain(t.Groups[1].Value).And.Contain(t.Groups[2].Value);
        }
        initial.Should().Be(1);
        string.Join("\n", lines).Should().NotContain("<<choice>>").And.NotContain("Decision");
    }

    [Theory]
    [MemberData(nameof(MachineNames))]
    public void DotDiagram_IsOneDigraph_WhoseEdgesJoinDeclaredNodes(string machine)
    {
        var text = Diagram(machine, DiagramFormat.Dot);
        text.Should().StartWith("// The " + machine + Header + "digraph " + machine + " {\n    rankdir=LR;\n");
        text.Should().EndWith("\n}\n");
        Regex.Matches(text, @"(?m)^digraph ").Count.Should().Be(1);
        var nodes = Regex.Matches(text, @"(?m)^    ""([a-z]+(?:-[a-z]+)*)"" \[label=""\1(?:\\n\(within [a-z-]+\))?""\];$").Select(m => m.Groups[1].Value).ToList();
        nodes.Should().NotBeEmpty().And.OnlyHaveUniqueItems();
        Regex.Matches(text, @"(?m)^    initial -> ""([a-z-]+)"";$").Should().ContainSingle();
        var edges = Regex.Matches(text, @"(?m)^    ""([a-z-]+)"" -> ""([a-z-]+)"" \[label=""[a-z][^""]*""\];$");
        edges.Count.Should().Be(Regex.Matches(text, "->").Count - 1, "every edge but the initial one is labelled and well formed");
        foreach (Match e in edges) nodes.Should().Contain(e.Groups[1].Value).And.Contain(e.Groups[2].Value);
    }

    [Fact]
    public void Diagrams_MatchTheCommittedDocsDiagramsFiles()
    {
        // After the structural checks above: the files in docs/diagrams are what the builder draws now.
        var dir = RepoRoot();
        foreach (var format in new[] { DiagramFormat.Mermaid, DiagramFormat.Dot })
            foreach (var d in StateDiagrams.All(format))
                d.Text.Should().Be(File.ReadAllText(Path.Combine(dir, "docs", "diagrams", d.FileName)),
                    $"docs/diagrams/{d.FileName} is regenerated by `pumpsim diagram --out docs/diagrams`");
    }

    /// <summary>The folder holding PumpSim.sln, found upwards from the test binaries (works from a
    /// clone, from CI and from Stryker's copy of the tree).</summary>
    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PumpSim.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("PumpSim.sln not found above " + AppContext.BaseDirectory);
    }
}
