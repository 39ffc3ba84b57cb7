using PumpSim.Reports;
using PumpSim.Scenarios;

namespace PumpSim.Cli.Tests;

/// <summary>Every training scenario renders a report with its charts and the disclaimer.</summary>
public class TrainingReportTests
{
    public static TheoryData<string> TrainingScenarios()
    {
        var data = new TheoryData<string>();
        var dir = Repo.Path("scenarios", "training");
        if (Directory.Exists(dir))
            foreach (var f in Directory.GetFiles(dir, "*.yaml").Order(StringComparer.Ordinal)) data.Add(Path.GetFileName(f));
        return data;
    }

    [Theory]
    [MemberData(nameof(TrainingScenarios))]
    public void TrainingScenario_RendersAReportWithChartsAndTheDisclaimer(string name)
    {
        var scenario = ScenarioLoader.Load(Repo.Path("scenarios", "training", name));
        var run = ScenarioRun.Execute(scenario);
        var html = new StringWriter();
        HtmlReportWriter.Write(html, ReportInputs.For(run));
        var text = html.ToString();
        var charts = System.Text.RegularExpressions.Regex.Count(text, "<svg");
        charts.Should().BeGreaterThanOrEqualTo(scenario.Plan.Patient is null ? 5 : 6, "four or five charts and the alarm timeline");
        text.Should().Contain("not for clinical decisions");
        text.Should().Contain(System.Net.WebUtility.HtmlEncode(scenario.Title).Replace("&#39;", "'").Split('&')[0]);
        if (scenario.Plan.Patient is not null) text.Should().Contain("illustrative");
    }

    [Fact]
    public void TheTrainingFolder_HasScenarios()
    {
        Directory.GetFiles(Repo.Path("scenarios", "training"), "*.yaml").Length.Should().BeGreaterThanOrEqualTo(1);
    }
}
