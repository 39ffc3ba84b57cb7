using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace PumpSim.Reports.Tests;

/// <summary>axe-core on report.html in Debian's Chromium: no serious or critical violation. Before:
/// the orange "estimated" text at 2.53:1 (serious, color-contrast) and no &lt;main&gt; landmark.</summary>
public class ReportAccessibilityTests
{
    private const string Chromium = "/usr/bin/chromium";

    [SkippableFact]
    public async Task Report_HasNoSeriousOrCriticalAxeViolation()
    {
        var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        Skip.If(!ci && !File.Exists(Chromium), $"{Chromium} is not installed; runs whenever it is, and always in CI");
        var html = Render.Text(w => HtmlReportWriter.Write(w, SampleRun.Report()));
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
        var page = await browser.NewPageAsync();
        await page.SetContentAsync(html);
        var results = await page.RunAxe();
        var serious = results.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join("; ", v.Nodes.Take(3).Select(n => n.Html))}").ToArray();
        serious.Should().BeEmpty();
        results.Violations.Select(v => v.Id).Should().NotContain("landmark-one-main");
    }
}
