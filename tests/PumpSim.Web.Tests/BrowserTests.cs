using System.Globalization;
using Microsoft.Playwright;

namespace PumpSim.Web.Tests;

/// <summary>The console in a real headless Chromium: the page loads, plays, and a fault button makes
/// the pump's belief and the body's truth part on screen.</summary>
public class BrowserTests
{
    private static async Task<(IPlaywright, IBrowser)> Launch()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumFactAttribute.Path,
            Headless = true,
            Args = ["--no-sandbox"],
        });
        return (playwright, browser);
    }

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    [ChromiumFact]
    public async Task ClickingKink_MakesThePumpAndBodyPanesDiverge()
    {
        await using var server = await RunningServer.Start("scenarios/dosing/continuous-maintenance.yaml");
        var (playwright, browser) = await Launch();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };

        await page.GotoAsync(server.Url);
        await Assertions.Expect(page.Locator("#title")).ToHaveTextAsync("Continuous maintenance dosing from a 20 mL pump");
        // Before the fault: 500 mcg/day programmed (the scenario's rate) and 500 reaching the CSF.
        await Assertions.Expect(page.Locator("#pump-rate")).ToHaveTextAsync("500.0");
        await Assertions.Expect(page.Locator("#body-csf")).ToHaveTextAsync("500.0");
        await Assertions.Expect(page.Locator("#body-catheter")).ToHaveTextAsync("patent");

        await page.SelectOptionAsync("#speed", "86400");
        await page.ClickAsync("#play");
        await Assertions.Expect(page.Locator("#state")).ToContainTextAsync("playing");
        await page.ClickAsync("#fault-kink");

        // After: the body shows the kink and nothing reaching the CSF; the pump still believes it
        // infuses 500 mcg/day. The page outlines the body pane as diverged.
        await Assertions.Expect(page.Locator("#body-catheter")).ToHaveTextAsync("kink", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#body-csf")).ToHaveTextAsync("0.0", new() { Timeout = 30_000 });
        Number(await page.Locator("#pump-rate").TextContentAsync() ?? "").Should().Be(500.0);
        (await page.Locator("#pump-therapy").TextContentAsync()).Should().Be("infusing");
        await Assertions.Expect(page.Locator("#body-pane")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("diverged"));
        await Assertions.Expect(page.Locator("#narration")).ToContainTextAsync("[trainer] Kink");
        errors.Should().BeEmpty();

        // README screenshot, on request: PUMPSIM_SCREENSHOT=docs/web-console.png
        if (Environment.GetEnvironmentVariable("PUMPSIM_SCREENSHOT") is { Length: > 0 } shot)
        {
            // A steady picture a week after the kink: the gap between estimate and truth has grown.
            await page.EvaluateAsync("fetch('/api/sessions/1/control', { method: 'POST', body: JSON.stringify({ action: 'seek', at: '9d' }) })");
            await Assertions.Expect(page.Locator("#clock")).ToContainTextAsync("day 9.00");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Repo.Root, shot), FullPage = true });
        }
    }

    [ChromiumFact]
    public async Task TwoBrowsersWatchOneSession_AndSeeTheSameFault()
    {
        await using var server = await RunningServer.Start("scenarios/dosing/continuous-maintenance.yaml");
        var (playwright, browser) = await Launch();
        using var _ = playwright;
        await using var __ = browser;
        var trainer = await browser.NewPageAsync();
        var student = await browser.NewPageAsync();
        await trainer.GotoAsync(server.Url);
        await student.GotoAsync(server.Url);
        await Assertions.Expect(student.Locator("#viewers")).ToHaveTextAsync("2", new() { Timeout = 30_000 });
        await trainer.ClickAsync("#fault-leak");
        await trainer.ClickAsync("#next"); // runs to the next narration line or alarm: the injected one
        await Assertions.Expect(student.Locator("#narration")).ToContainTextAsync("[trainer] Leak", new() { Timeout = 30_000 });
        await Assertions.Expect(student.Locator("#events")).ToContainTextAsync("the catheter leaks"); // Core's words, sent by the server

        // The trainer saves the session: a download of the scenario with the leak in it.
        var download = await trainer.RunAndWaitForDownloadAsync(() => trainer.ClickAsync("#save"));
        download.SuggestedFilename.Should().Be("continuous-maintenance-session1.yaml");
        var yaml = await File.ReadAllTextAsync(await download.PathAsync());
        yaml.Should().Contain("catheter: {fault: leak}").And.Contain("[trainer] Leak");
    }
}
