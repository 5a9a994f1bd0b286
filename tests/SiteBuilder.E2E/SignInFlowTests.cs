using Microsoft.Playwright;
using SiteBuilder.Identity;

namespace SiteBuilder.E2E;

public sealed class SignInFlowTests(BrowserFixture browser)
{
    [Theory]
    [InlineData(1280, 900, "desktop")]
    [InlineData(375, 812, "phone")]
    public async Task MarketerSignsInSeesTheHomePageAndSignsOut(int width, int height, string device)
    {
        var (account, password) = await browser.Portal.CreateUserAsync([Roles.Marketer], ["acme"], displayName: "Mia Marketer");
        await using var session = await browser.NewSessionAsync(width, height);

        await session.Page.GotoAsync("/");
        Assert.Contains("/account/login?returnUrl=", session.Page.Url, StringComparison.Ordinal);
        await session.AssertPageIsCleanAsync($"sign-in page ({device})");
        await session.ScreenshotAsync($"sign-in-{device}");

        await session.SignInAsync(account.UserName, password);

        await Assertions.Expect(session.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Welcome, Mia Marketer");
        await Assertions.Expect(session.Page.GetByTestId("entry-point").First).ToBeVisibleAsync();
        await session.AssertPageIsCleanAsync($"home page ({device})");
        await session.ScreenshotAsync($"home-{device}");

        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Mia Marketer, account menu" }).ClickAsync();
        await session.Page.GetByTestId("sign-out").ClickAsync();

        await session.Page.WaitForURLAsync(url => url.Contains("/account/login?signedOut=true", StringComparison.Ordinal));
        await Assertions.Expect(session.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("You have signed out.");
        await session.Page.GotoAsync("/");
        Assert.Contains("/account/login?returnUrl=", session.Page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongPasswordShowsAnErrorOnTheForm()
    {
        var (account, _) = await browser.Portal.CreateUserAsync([Roles.Marketer], ["acme"]);
        await using var session = await browser.NewSessionAsync();

        await session.Page.GotoAsync("/account/login");
        await session.Page.GetByLabel("User name").FillAsync(account.UserName);
        await session.Page.GetByLabel("Password").FillAsync("wrong password");
        await session.Page.GetByTestId("sign-in").ClickAsync();

        await Assertions.Expect(session.Page.GetByTestId("login-error")).ToContainTextAsync("not right");
        await session.AssertPageIsCleanAsync("sign-in page with an error");
    }

    [Fact]
    public async Task ThemeChoiceIsRememberedForTheUser()
    {
        var (account, password) = await browser.Portal.CreateUserAsync([Roles.Marketer], ["acme"]);
        await using (var first = await browser.NewSessionAsync())
        {
            await first.SignInAsync(account.UserName, password);
            await first.Page.GetByTestId("theme-toggle").ClickAsync();
            await Assertions.Expect(first.Page.GetByRole(AriaRole.Button, new() { Name = "Switch to light theme" })).ToBeVisibleAsync();
        }

        // Another browser: the preference follows the user, not the browser.
        await using var second = await browser.NewSessionAsync();
        await second.SignInAsync(account.UserName, password);
        await Assertions.Expect(second.Page.GetByRole(AriaRole.Button, new() { Name = "Switch to light theme" })).ToBeVisibleAsync();
        await second.AssertPageIsCleanAsync("home page in the dark theme");
        await second.ScreenshotAsync("home-dark");
    }
}
