using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SiteBuilder.Generation.Records;
using SiteBuilder.Generation.Pipeline;
using SiteBuilder.Identity;

namespace SiteBuilder.E2E;

/// <summary>The brand report of a stored version, the tenant's trend and the Validate HTML page, in Chromium at desktop and phone width.</summary>
public sealed class ReportPagesTests(BrowserFixture browser)
{
    private GenerationService Generations => browser.Portal.Services.GetRequiredService<GenerationService>();

    [Theory]
    [InlineData(1280, 900, "desktop")]
    [InlineData(375, 812, "phone")]
    public async Task MarketerReadsTheStoredReportOfAVersionAndTheTenantsTrend(int width, int height, string device)
    {
        var tenant = $"t{Guid.NewGuid():N}"[..12];
        var (marketer, password) = await browser.Portal.CreateUserAsync([Roles.Marketer], [tenant], displayName: "Mia Marketer");
        var first = await GenerateAsync(tenant, marketer.UserName, new GenerationRequest
        {
            Prompt = "A summer sale landing page for Acme Outfitters: 30% off hiking gear until August 31.",
            TemplateId = "ecommerce-sale",
            BrandAssets = new GenerationBrandAssets { PrimaryColor = "#0066CC", SecondaryColor = "#FF6600" },
        });
        var second = await GenerateAsync(tenant, marketer.UserName, new GenerationRequest { Prompt = "Add an FAQ about returns", SiteId = first.SiteId, ParentGenerationId = first.Id });
        await using var session = await browser.NewSessionAsync(width, height);
        await session.SignInAsync(marketer.UserName, password);

        await session.Page.GotoAsync($"/reports/{tenant}/{second.Id}");
        await session.WaitForInteractiveAsync();

        var page = session.Page;
        await Assertions.Expect(page.GetByTestId("score-gauge")).ToHaveAttributeAsync("aria-label", $"Brand score {second.BrandScore:0.0} out of 10");
        var report = (await Generations.GetOrCreateReportAsync(second, CancellationToken.None))!;
        await Assertions.Expect(page.GetByTestId("contrast-row")).ToHaveCountAsync(report.Contrast.Count);
        await Assertions.Expect(page.GetByTestId("brand-swatches").Locator("li")).ToHaveCountAsync(8);
        await Assertions.Expect(page.GetByTestId("back-to-workspace")).ToHaveAttributeAsync("href", $"/workspace/{tenant}/{first.SiteId}?generation={second.Id}");
        await session.ScreenshotAsync($"report-{device}");
        await session.AssertPageIsCleanAsync($"brand report ({device})");

        await page.GotoAsync($"/reports/{tenant}");
        await session.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByTestId("score-trend").Locator(".trend-dot")).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("recent-reports").Locator("tbody tr")).ToHaveCountAsync(2);
        await session.ScreenshotAsync($"reports-trend-{device}");
        await session.AssertPageIsCleanAsync($"brand report trend ({device})");
    }

    [Fact]
    public async Task AMarketerOfAnotherTenantCannotReadTheReport()
    {
        var tenant = $"t{Guid.NewGuid():N}"[..12];
        var (owner, _) = await browser.Portal.CreateUserAsync([Roles.Marketer], [tenant]);
        var generation = await GenerateAsync(tenant, owner.UserName, new GenerationRequest { Prompt = "A webinar sign-up page for Contoso" });
        var (stranger, password) = await browser.Portal.CreateUserAsync([Roles.Marketer], [$"o{Guid.NewGuid():N}"[..12]]);
        await using var session = await browser.NewSessionAsync();
        await session.SignInAsync(stranger.UserName, password);

        await session.Page.GotoAsync($"/reports/{tenant}/{generation.Id}");

        await Assertions.Expect(session.Page.GetByText("You don't have access to this page")).ToBeVisibleAsync();
        await Assertions.Expect(session.Page.GetByTestId("brand-report")).ToHaveCountAsync(0);
    }

    [Theory]
    [InlineData(1280, 900, "desktop")]
    [InlineData(375, 812, "phone")]
    public async Task MarketerPastesAPageAndGetsItsReport(int width, int height, string device)
    {
        var tenant = $"t{Guid.NewGuid():N}"[..12];
        var (marketer, password) = await browser.Portal.CreateUserAsync([Roles.Marketer], [tenant]);
        await using var session = await browser.NewSessionAsync(width, height);
        await session.SignInAsync(marketer.UserName, password);
        var page = session.Page;

        await page.GotoAsync("/validate");
        await session.WaitForInteractiveAsync();
        await session.AssertPageIsCleanAsync($"validate HTML, empty ({device})");

        await page.GetByTestId("validate").ClickAsync();
        await Assertions.Expect(page.GetByTestId("validate-error")).ToContainTextAsync("nothing to validate");

        await page.GetByTestId("use-example").ClickAsync();
        await page.GetByTestId("validate").ClickAsync();

        await Assertions.Expect(page.GetByTestId("brand-report")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("security-passed")).ToContainTextAsync("Security passed");
        // The example's grey paragraph (#9a9a9a on white, 2.81:1) fails, and the purple button is off brand.
        await Assertions.Expect(page.GetByTestId("contrast-row").Filter(new() { HasText = "#9A9A9A" })).ToContainTextAsync("Fails");
        await Assertions.Expect(page.GetByTestId("swatch").Filter(new() { HasText = "#8E24AA" })).ToContainTextAsync("off brand");
        await session.ScreenshotAsync($"validate-{device}");
        await session.AssertPageIsCleanAsync($"validate HTML with a report ({device})");

        // A large page travels as a stream, far beyond one circuit message.
        var large = "<!DOCTYPE html><html lang=\"en\"><head><title>Big</title></head><body><main>" +
            string.Concat(Enumerable.Repeat("<p>A long landing page, paragraph after paragraph of copy.</p>", 6_000)) + "</main></body></html>";
        await page.GetByTestId("html-input").FillAsync(large);
        await page.GetByTestId("validate").ClickAsync();
        await Assertions.Expect(page.GetByTestId("validated-source")).ToHaveTextAsync("Report for the pasted page");
        await Assertions.Expect(page.GetByTestId("security-passed")).ToContainTextAsync("Security passed");
        Assert.Empty(session.ConsoleErrors);
    }

    private async Task<GenerationRecord> GenerateAsync(string tenant, string user, GenerationRequest request)
    {
        var generation = await Generations.StartAsync(tenant, user, request, CancellationToken.None);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!generation.Status.IsTerminal())
        {
            await Task.Delay(100, timeout.Token);
            generation = (await Generations.GetAsync(tenant, generation.Id, timeout.Token))!;
        }

        Assert.Equal(GenerationStatus.Complete, generation.Status);
        return generation;
    }
}
