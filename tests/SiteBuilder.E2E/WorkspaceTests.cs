using Microsoft.Playwright;
using SiteBuilder.Identity;

namespace SiteBuilder.E2E;

/// <summary>The marketer's workspace in Chromium: generate, watch the preview fill, refine, compare, download.</summary>
public sealed class WorkspaceTests(BrowserFixture browser)
{
    [Theory]
    [InlineData(1280, 900, "desktop")]
    [InlineData(375, 812, "phone")]
    public async Task MarketerGeneratesAPageAndSeesItInThePreview(int width, int height, string device)
    {
        var tenant = $"t{Guid.NewGuid():N}"[..12];
        var (marketer, password) = await browser.Portal.CreateUserAsync([Roles.Marketer], [tenant], displayName: "Mia Marketer");
        await using var session = await browser.NewSessionAsync(width, height);
        await session.SignInAsync(marketer.UserName, password);

        await session.Page.GotoAsync("/workspace");
        await session.WaitForInteractiveAsync();
        await session.AssertPageIsCleanAsync($"empty workspace ({device})");
        await session.ScreenshotAsync($"workspace-new-{device}");
        await session.Page.GetByTestId("prompt").FillAsync("A summer sale landing page for Acme Outfitters: 30% off hiking gear until August 31, with a product grid and an FAQ.");
        await session.Page.Locator("[data-template=ecommerce-sale]").ClickAsync();
        await session.Page.GetByTestId("generate").ClickAsync();

        await Assertions.Expect(session.Page.GetByTestId("brand-score")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var length = int.Parse(await session.Page.GetByTestId("preview").GetAttributeAsync("data-length") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(length > 5_000, $"The preview holds {length} characters.");
        var frame = session.Page.FrameLocator("iframe.preview-frame.front");
        await Assertions.Expect(frame.Locator("h1")).ToContainTextAsync("30% off");
        await session.AssertPageIsCleanAsync($"workspace with a page ({device})");
        // The viewport, as the marketer sees it: full-page captures leave out-of-process (sandboxed) frames blank.
        await session.ScreenshotAsync($"workspace-{device}", fullPage: false);
    }
}
