using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using PumpSim.Core.Engine;
using PumpSim.Scenarios;
using PumpSim.Scenarios.Lessons;

namespace PumpSim.Web.Tests;

/// <summary>The programmer screen in a real headless Chromium: a refill with a new concentration,
/// reviewed on the Finish screen, confirmed, saved; the saved file grades 0, and finishing the lesson
/// shows that grade. A class page (another browser context: no token) mirrors the screen read-only.</summary>
public class ProgrammerBrowserTests
{
    private const string Lesson = "scenarios/lessons/new-concentration-refill.yaml";

    [ChromiumFact]
    public async Task RefillWithANewConcentration_ConfirmedOnFinish_SavesASessionThatGradesZero()
    {
        await using var server = await RunningServer.Start(Lesson);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumFactAttribute.Path,
            Headless = true,
            Args = ["--no-sandbox"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 }, AcceptDownloads = true });
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };

        // The trainer opens the console with its token first (kept in the tab), then the programmer,
        // as the console's link does: the programmer's changes carry the same token.
        await page.GotoAsync(server.TrainerUrl);
        await page.GotoAsync(server.Url + "programmer?session=1");
        await using var classContext = await browser.NewContextAsync();
        var classPage = await classContext.NewPageAsync();
        classPage.PageError += (_, e) => errors.Add(e);
        await classPage.GotoAsync(server.Url + "programmer");
        await Assertions.Expect(classPage.Locator("#view-name")).ToHaveTextAsync("class view");
        await Assertions.Expect(classPage.Locator("#confirm, #interrogate, #review, #finish-lesson, #reset")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#task")).ToContainTextAsync("1000 mcg/mL");
        await page.ClickAsync("#interrogate");
        await Assertions.Expect(page.Locator("#current")).ToContainTextAsync("yes, at 1s");

        await page.SelectOptionAsync("#workflow", "refill");
        await page.FillAsync("#form-refill [name=add_ml]", "20");
        await page.FillAsync("#form-refill [name=drug_concentration_mcg_per_ml]", "1000");
        await page.FillAsync("#form-refill [name=program_volume_ml]", "20");
        await page.CheckAsync("#form-refill [name=bridge]");
        await page.ClickAsync("#review");

        // The Finish screen: each changed field marked; 450 mcg/day now runs at 0.45 mL/day.
        await Assertions.Expect(page.Locator("#finish")).ToBeVisibleAsync();
        var changed = page.Locator("#finish-table tr.changed td:nth-child(2)");
        await Assertions.Expect(changed).ToHaveTextAsync(["concentration", "reservoir volume", "program", "boluses"]);
        await Assertions.Expect(page.Locator("#finish-table tr.changed").Nth(2)).ToContainTextAsync("continuous 450 mcg/day (0.45 mL/day)");
        await Assertions.Expect(page.Locator("#calculations")).ToContainTextAsync("bridge bolus: 0.2 mL of the old drug at 0.9 mL/day for 5h20m (100 mcg)");
        // The class sees the same review, read-only, as the trainer looks at it.
        await Assertions.Expect(classPage.Locator("#finish-table tr.changed td:nth-child(2)")).ToHaveTextAsync(["concentration", "reservoir volume", "program", "boluses"]);
        await Assertions.Expect(classPage.Locator("#entries")).ToContainTextAsync("concentration entered into the pump: 1000 mcg/mL");
        // Nothing is sent yet.
        (await server.Http.GetStringAsync("/api/sessions/1/scenario.yaml")).Should().NotContain("refill: {");

        if (Environment.GetEnvironmentVariable("PUMPSIM_SCREENSHOT_PROGRAMMER") is { Length: > 0 } shot)
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Repo.Root, shot), FullPage = true });

        await page.ClickAsync("#confirm");
        await Assertions.Expect(page.Locator("#message")).ToContainTextAsync("Sent to the pump at");
        await Assertions.Expect(page.Locator("#current")).ToContainTextAsync("1000 mcg/mL");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#save"));
        var file = Path.Combine(Path.GetTempPath(), $"pumpsim-programmer-{Guid.NewGuid():N}.yaml");
        await download.SaveAsAsync(file);
        try
        {
            var saved = ScenarioLoader.Load(file);
            var report = Grader.Grade(LessonLoader.Load(Repo.Path(Lesson)), saved, Simulation.Run);
            report.Findings.Should().BeEmpty();
        }
        finally { File.Delete(file); }

        // The end of the lesson: the grade `pumpsim grade` prints, on both screens.
        await page.ClickAsync("#finish-lesson");
        foreach (var p in new[] { page, classPage })
        {
            await Assertions.Expect(p.Locator("#grade-result li").First).ToHaveTextAsync("lesson new-concentration-refill: target met, no findings");
            await Assertions.Expect(p.Locator("#grade-result")).ToContainTextAsync("% of the prescribed 450 mcg/day (illustrative simulation, not a clinical figure).");
            await Assertions.Expect(p.Locator("#grade-note")).ToContainTextAsync("illustrative");
        }
        // Both screens at the end of the lesson, as axe-core reads them: nothing serious or critical.
        foreach (var (p, name) in new[] { (page, "the trainer's programmer"), (classPage, "the class's programmer") })
        {
            var axe = await p.RunAxe();
            axe.Violations.Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")
                .Should().BeEmpty(name);
        }
        if (Environment.GetEnvironmentVariable("PUMPSIM_SCREENSHOT_GRADE") is { Length: > 0 } gradeShot)
            await classPage.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Repo.Root, gradeShot), FullPage = true });
        errors.Should().BeEmpty();
    }
}
