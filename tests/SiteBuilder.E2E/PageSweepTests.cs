using Microsoft.Playwright;
using SiteBuilder.Identity;

namespace SiteBuilder.E2E;

/// <summary>
/// Every page of the portal, as someone who may see them all, at a desktop and a phone width and in the dark theme:
/// no console error, no horizontal scroll, no axe-core violation. A new area joins the sweep when it joins the navigation.
/// </summary>
public sealed class PageSweepTests(BrowserFixture browser)
{
    private const string NotFoundPath = "/no-such-page";

    /// <summary>Every area in the navigation (the API reference is Scalar's page, with its own test), and the error pages.</summary>
    private static readonly string[] Pages =
    [
        .. Portal.Components.PortalAreas.All.Select(area => area.Href).Where(href => href != Portal.Api.ApiReference.Route),
        "/access-denied",
        NotFoundPath,
    ];

    [Theory]
    [InlineData(1280, 900, "desktop", false)]
    [InlineData(375, 812, "phone", false)]
    [InlineData(1280, 900, "desktop-dark", true)]
    public async Task EveryPageIsCleanAtThisSize(int width, int height, string look, bool dark)
    {
        var tenant = "t" + Guid.NewGuid().ToString("N")[..10];
        var (account, password) = await browser.Portal.CreateUserAsync([Roles.Admin, Roles.Marketer], [tenant], displayName: "Ada Admin");
        await using var session = await browser.NewSessionAsync(width, height);
        await session.SignInAsync(account.UserName, password);
        if (dark)
        {
            await session.Page.GetByTestId("theme-toggle").ClickAsync();
            await Assertions.Expect(session.Page.GetByRole(AriaRole.Button, new() { Name = "Switch to light theme" })).ToBeVisibleAsync();
        }

        foreach (var path in Pages)
        {
            var response = await session.Page.GotoAsync(path);
            if (path == NotFoundPath)
            {
                Assert.Equal(404, response!.Status);
                session.ExpectDocumentNotFound(path);
            }

            await session.WaitForInteractiveAsync();
            await Assertions.Expect(session.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
            await session.AssertPageIsCleanAsync($"{path} ({look})");
            await session.ScreenshotAsync($"sweep-{look}{path.Replace('/', '-').TrimEnd('-')}");
        }
    }
}
