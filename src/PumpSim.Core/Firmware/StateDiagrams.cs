using System.Text;
using PumpSim.Core.Engine;
using Stateless.Graph;

namespace PumpSim.Core.Firmware;

public enum DiagramFormat { Mermaid, Dot }

/// <summary>Draws the firmware's state machines from the running code (Stateless reflection),
/// so the diagrams in docs/ cannot drift from what the pump does.</summary>
public static class StateDiagrams
{
    public static string Render(DiagramFormat format)
    {
        using var sim = new Simulation(new SimulationPlan());
        var sb = new StringBuilder();
        foreach (var (name, info) in sim.Machines())
        {
            var text = format == DiagramFormat.Mermaid
                ? MermaidGraph.Format(info, MermaidGraphDirection.LeftToRight)
                : UmlDotGraph.Format(info);
            if (format == DiagramFormat.Mermaid) sb.Append("%% ").Append(name).Append(" machine\n");
            else sb.Append("// ").Append(name).Append(" machine\n");
            sb.Append(text.Replace("\r\n", "\n").TrimEnd()).Append("\n\n");
        }
        return sb.ToString();
    }
}
