namespace PumpSim.Reports.Tests;
public class ProbeTests
{
    [Fact]
    public void Probe()
    {
        var p = new ScottPlot.Plot();
        var s = p.Add.ScatterLine(new double[] { 0, 1, 2 }, new double[] { 1, 3, 2 });
        s.LegendText = "a";
        s.LinePattern = ScottPlot.LinePattern.Dashed;
        var h = p.Add.HorizontalLine(2);
        h.LabelText = "LRA";
        var vs = p.Add.VerticalSpan(0.5, 1.5);
        p.Title("T");
        p.ShowLegend();
        File.WriteAllText("/tmp/probe1.svg", p.GetSvgXml(600, 300));
        File.WriteAllText("/tmp/probe2.svg", p.GetSvgXml(600, 300));
        File.WriteAllText("/tmp/probe3.svg", p.GetSvgHtml(600, 300));
    }
}
