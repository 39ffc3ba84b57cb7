using System.Globalization;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace PumpSim.Web.Tests;

/// <summary>The console in a real headless Chromium: the trainer's page plays and injects, the
/// class's page only watches, the keys work, belief and truth part on screen for the lessons, and
/// axe finds no serious accessibility fault.</summary>
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

    /// <summary>A page with a console-error collector.</summary>
    private static async Task<(IPage Page, List<string> Errors)> Open(IBrowser browser, string url, int width = 1400, int height = 1000)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
        await page.GotoAsync(url);
        // Ready once the first snapshot is drawn (keys pressed before the page listens would be lost).
        await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-ready", "yes", new() { Timeout = 30_000 });
        return (page, errors);
    }

    private static Task Seek(RunningServer s, string at) =>
        s.Post("/api/sessions/1/control", $$"""{"action":"seek","at":"{{at}}"}""");

    [ChromiumFact]
    public async Task ClickingKink_MakesThePumpAndBodyPanesDiverge()
    {
        await using var server = await RunningServer.Start("scenarios/dosing/continuous-maintenance.yaml");
        var (playwright, browser) = await Launch();
        using var _ = playwright;
        await using var __ = browser;
        var (page, errors) = await Open(browser, server.TrainerUrl);
        await Assertions.Expect(page.Locator("#title")).ToHaveTextAsync("Continuous maintenance dosing from a 20 mL pump");
        // The token left the address bar (a projector shows it) for this tab's storage.
        page.Url.Should().NotContain(server.Token);
        // Before the fault: 500 mcg/day programmed (the scenario's rate) and 500 reaching the CSF.
        await Assertions.Expect(page.Locator("#pump-rate")).ToHaveTextAsync("500.0");
        await Assertions.Expect(page.Locator("#body-csf")).ToHaveTextAsync("500.0");
        await Assertions.Expect(page.Locator("#body-catheter")).ToHaveTextAsync("patent");

        await page.SelectOptionAsync("#speed", "86400");
        await page.ClickAsync("#play");
        await Assertions.Expect(page.Locator("#state")).ToContainTextAsync("playing");
        await page.ClickAsync("#fault-kink");

        // After: the body shows the kink and nothing reaching the CSF; the pump still believes it
        // infuses 500 mcg/day. The page outlines the body pane as diverged and says so.
        await Assertions.Expect(page.Locator("#body-catheter")).ToHaveTextAsync("kink", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#body-csf")).ToHaveTextAsync("0.0", new() { Timeout = 30_000 });
        Number(await page.Locator("#pump-rate").TextContentAsync() ?? "").Should().Be(500.0);
        (await page.Locator("#pump-therapy").TextContentAsync()).Should().Be("infusing");
        await Assertions.Expect(page.Locator("#body-pane")).ToHaveClassAsync(new Regex("diverged"));
        await Assertions.Expect(page.Locator("#verdict")).ToContainTextAsync("UNDER-DELIVERY");
        await Assertions.Expect(page.Locator("#narration")).ToContainTextAsync("[trainer] Kink: The catheter kinks.");
        (await page.Locator("#narration").TextContentAsync()).Should().NotContain("Placeholder");
        errors.Should().BeEmpty();
    }

    [ChromiumFact]
    public async Task TheClassPage_HasNoControls_CannotChangeAnything_AndFollowsTheTrainer()
    {
        await using var server = await RunningServer.Start("scenarios/dosing/continuous-maintenance.yaml");
        var (playwright, browser) = await Launch();
        using var _ = playwright;
        await using var __ = browser;
        var (trainer, trainerErrors) = await Open(browser, server.TrainerUrl);
        var (student, studentErrors) = await Open(browser, server.Url);
        await Assertions.Expect(student.Locator("#viewers")).ToHaveTextAsync("2", new() { Timeout = 30_000 });
        // No control and no fault button exists on the class's page; its keys change nothing.
        (await student.Locator("#play, #next, #seek, #faults button, #clear").CountAsync()).Should().Be(0);
        await student.Keyboard.PressAsync("Space");
        await student.Keyboard.PressAsync("End");
        await student.Keyboard.PressAsync("1");
        // Even a script on the class's page (no token) is refused.
        var status = await student.EvaluateAsync<int>("fetch('/api/sessions/1/control', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{\"action\":\"play\"}' }).then(r => r.status)");
        status.Should().Be(403);
        server.Hub.Get(1)!.Paused.Should().BeTrue();
        server.Hub.Get(1)!.Injections().Should().BeEmpty();
        // The description is hidden from the class until the trainer reveals it.
        await Assertions.Expect(student.Locator("#description")).ToBeHiddenAsync();
        await trainer.Keyboard.PressAsync("r");
        await Assertions.Expect(student.Locator("#description")).ToBeVisibleAsync(new() { Timeout = 30_000 });

        // The trainer injects and runs on; the class sees it.
        await trainer.ClickAsync("#fault-leak");
        await trainer.ClickAsync("#next"); // runs to the next narration line or alarm: the injected one
        await Assertions.Expect(student.Locator("#narration")).ToContainTextAsync("[trainer] Leak", new() { Timeout = 30_000 });
        await Assertions.Expect(student.Locator("#events")).ToContainTextAsync("the catheter leaks"); // Core's words, sent by the server

        // The trainer opens a second session and drives it: the class's page follows.
        var created = await server.Post("/api/sessions");
        created.Status.Should().Be(System.Net.HttpStatusCode.Created);
        await server.Post("/api/sessions/2/control", """{"action":"seek","at":"3d"}""");
        await Assertions.Expect(student.Locator("#session")).ToHaveTextAsync("2", new() { Timeout = 30_000 });
        await Assertions.Expect(student.Locator("#clock")).ToContainTextAsync("day 3.00", new() { Timeout = 30_000 });

        // The trainer saves the session: a download of the scenario with the leak in it.
        var download = await trainer.RunAndWaitForDownloadAsync(() => trainer.ClickAsync("#save"));
        download.SuggestedFilename.Should().Be("continuous-maintenance-session1.yaml");
        var yaml = await File.ReadAllTextAsync(await download.PathAsync());
        yaml.Should().Contain("catheter: {fault: leak}").And.Contain("[trainer] Leak");
        trainerErrors.Should().BeEmpty();
        studentErrors.Where(e => !e.Contains("403", StringComparison.Ordinal)).Should().BeEmpty();
    }

    [ChromiumFact]
    public async Task TheKeys_DriveTheTrainersPage_AndTheLegendNamesThem()
    {
        await using var server = await RunningServer.Start("scenarios/training/kinked-catheter.yaml");
        var (playwright, browser) = await Launch();
        using var _ = playwright;
        await using var __ = browser;
        var (page, errors) = await Open(browser, server.TrainerUrl);
        await Assertions.Expect(page.Locator(".legend")).ToContainTextAsync("Space");
        await Assertions.Expect(page.Locator(".legend")).ToContainTextAsync("1 kink");
        var session = server.Hub.Get(1)!;
        var start = server.Hub.Source.Loaded.Plan.Start;

        await page.Keyboard.PressAsync("n"); // next narration or alarm
        await Assertions.Expect(page.Locator("#state")).ToHaveTextAsync("paused", new() { Timeout = 30_000 });
        var afterNext = session.Now;
        afterNext.Should().BeGreaterThan(start);
        await page.Keyboard.PressAsync("k"); // bookmark here
        await page.Keyboard.PressAsync("End");
        await Assertions.Expect(page.Locator("#state")).ToHaveTextAsync("ended", new() { Timeout = 30_000 });
        await page.Keyboard.PressAsync("b"); // back to the bookmark
        await Assertions.Expect(page.Locator("#state")).ToHaveTextAsync("paused", new() { Timeout = 30_000 });
        session.Now.Should().Be(afterNext);
        await page.Keyboard.PressAsync("1"); // the first fault button: kink
        await Assertions.Expect(page.Locator("#message")).ToContainTextAsync("injected at", new() { Timeout = 30_000 });
        session.Injections().Should().ContainSingle().Which.Action.Should().Be("catheter");
        await page.Keyboard.PressAsync("Home");
        await Assertions.Expect(page.Locator("#clock")).ToContainTextAsync("day 0.00", new() { Timeout = 30_000 });
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(page.Locator("#state")).ToContainTextAsync("playing", new() { Timeout = 30_000 });
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(page.Locator("#state")).ToHaveTextAsync("paused", new() { Timeout = 30_000 });
        await page.Keyboard.PressAsync("f");
        await Assertions.Expect(page.Locator("body")).ToHaveClassAsync(new Regex("big"));
        errors.Should().BeEmpty();
    }

    /// <summary>A lesson on the class's page at <paramref name="at"/> (the trainer seeks there), then <paramref name="check"/>.</summary>
    private static async Task AtMomentOfLesson(string scenario, string at, string clock, Func<IPage, Task> check)
    {
        await using var server = await RunningServer.Start(scenario);
        var (playwright, browser) = await Launch();
        using var _ = playwright;
        await using var __ = browser;
        var (page, errors) = await Open(browser, server.Url);
        await Seek(server, at);
        await Assertions.Expect(page.Locator("#clock")).ToContainTextAsync(clock, new() { Timeout = 30_000 });
        await check(page);
        errors.Should().BeEmpty();
    }

    [ChromiumFact]
    public Task WrongConcentration_ShowsBothConcentrations_AndOutlinesTheOverdose() =>
        AtMomentOfLesson("scenarios/training/wrong-concentration.yaml", "11d", "day 11.00", async page =>
        {
            // Entered 500 mcg/mL, really 2000: 0.5 mL/day x 2000 = 1000 mcg/day against a believed 250, 400 %.
            await Assertions.Expect(page.Locator("#pump-conc")).ToHaveTextAsync("500");
            await Assertions.Expect(page.Locator("#body-conc")).ToHaveTextAsync("2000");
            await Assertions.Expect(page.Locator("#pump-rate")).ToHaveTextAsync("250.0");
            await Assertions.Expect(page.Locator("#body-csf")).ToHaveTextAsync("1000.0");
            await Assertions.Expect(page.Locator("#verdict")).ToContainTextAsync("OVER-DELIVERY: the CSF gets 400 %");
            await Assertions.Expect(page.Locator("#body-pane")).ToHaveClassAsync(new Regex("diverged.*over|over.*diverged"));
            await Assertions.Expect(page.Locator("#events")).ToContainTextAsync("WRONG CONCENTRATION");
        });

    [ChromiumFact]
    public Task PumpFlip_ShowsTheRefusedRefill_AndNothingSaysRefilled() =>
        AtMomentOfLesson("scenarios/faults/pump-flip.yaml", "15d", "day 15.00", async page =>
        {
            await Assertions.Expect(page.Locator("#events")).ToContainTextAsync("the pump flips in its pocket");
            await Assertions.Expect(page.Locator("#events")).ToContainTextAsync("The refill of 14 mL is refused");
            (await page.Locator("main").TextContentAsync()).Should().NotContainEquivalentOf("refilled");
            // Nothing added at day 14: 20 - 15 x 1 = 5 mL, estimate and truth alike.
            await Assertions.Expect(page.Locator("#body-reservoir")).ToHaveTextAsync("5.00");
            await Assertions.Expect(page.Locator("#pump-reservoir")).ToHaveTextAsync("5.00");
        });

    [ChromiumFact]
    public Task Diathermy_ShowsTheDamagedMotor_AndTheUnderDelivery() =>
        AtMomentOfLesson("scenarios/faults/diathermy.yaml", "2d1h", "day 2.04", async page =>
        {
            await Assertions.Expect(page.Locator("#events")).ToContainTextAsync("Diathermy over the implant");
            await Assertions.Expect(page.Locator("#pump-alarms")).ToContainTextAsync("motor-stall");
            await Assertions.Expect(page.Locator("#verdict")).ToContainTextAsync("UNDER-DELIVERY");
        });

    [ChromiumFact]
    public async Task BothViews_HaveNoSeriousOrCriticalAccessibilityViolation()
    {
        await using var server = await RunningServer.Start("scenarios/training/kinked-catheter.yaml");
        var (playwright, browser) = await Launch();
        using var _ = playwright;
        await using var __ = browser;
        await Seek(server, "3d");
        foreach (var url in new[] { server.TrainerUrl, server.Url })
        {
            var (page, _) = await Open(browser, url);
            await Assertions.Expect(page.Locator("#clock")).ToContainTextAsync("day 3.00", new() { Timeout = 30_000 });
            var result = await page.RunAxe();
            var bad = result.Violations.Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}").ToArray();
            bad.Should().BeEmpty(url == server.Url ? "the class view" : "the trainer view");
        }
    }

    /// <summary>README screenshots, on request: PUMPSIM_SCREENSHOTS=docs writes both views of the
    /// kink lesson a week after the kink.</summary>
    [ChromiumFact]
    public async Task Screenshots_OfBothViews_OnRequest()
    {
        if (Environment.GetEnvironmentVariable("PUMPSIM_SCREENSHOTS") is not { Length: > 0 } dir) return;
        await using var server = await RunningServer.Start("scenarios/training/kinked-catheter.yaml");
        var (playwright, browser) = await Launch();
        using var _ = playwright;
        await using var __ = browser;
        var (trainer, _) = await Open(browser, server.TrainerUrl, 1500, 1100);
        var (student, _) = await Open(browser, server.Url, 1500, 1100);
        await trainer.Keyboard.PressAsync("n");
        await trainer.Keyboard.PressAsync("k");
        await Seek(server, "9d");
        await trainer.Keyboard.PressAsync("r");
        await Assertions.Expect(student.Locator("#clock")).ToContainTextAsync("day 9.00", new() { Timeout = 30_000 });
        await Assertions.Expect(student.Locator("#description")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await student.Keyboard.PressAsync("f");
        await trainer.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Repo.Root, dir, "web-console-trainer.png"), FullPage = true });
        await student.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Repo.Root, dir, "web-console-class.png"), FullPage = true });
    }
}
