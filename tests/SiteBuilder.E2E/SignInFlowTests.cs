using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SiteBuilder.Generation.Pipeline;
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
    public async Task HomeSpeaksToEachRolesWork()
    {
        var tenant = "t" + Guid.NewGuid().ToString("N")[..10];
        var generations = browser.Portal.Services.GetRequiredService<GenerationService>();
        var seeded = await generations.StartAsync(tenant, "seed", new GenerationRequest { Prompt = "A launch page for Brewly, a smart coffee grinder. Launch price $149." }, TestContext.Current.CancellationToken);
        var (marketer, marketerPassword) = await browser.Portal.CreateUserAsync([Roles.Marketer], [tenant], displayName: "Mia Marketer");
        var (approver, approverPassword) = await browser.Portal.CreateUserAsync([Roles.Operator, Roles.TechLead], [], displayName: "Olga Operator");
        var (admin, adminPassword) = await browser.Portal.CreateUserAsync([Roles.Admin], [], displayName: "Ada Admin");

        // A marketer: their pages and "Generate a page"; nothing about tokens, approvals or users.
        await using (var session = await browser.NewSessionAsync())
        {
            await session.SignInAsync(marketer.UserName, marketerPassword);
            var pages = session.Page.GetByTestId("home-pages");
            await Assertions.Expect(pages.GetByTestId("home-generate")).ToHaveAttributeAsync("href", "/workspace");
            await Assertions.Expect(pages.Locator(".site-link")).ToHaveAttributeAsync("href", $"/workspace/{tenant}/{seeded.SiteId}");
            await Assertions.Expect(session.Page.GetByTestId("home-approvals")).ToHaveCountAsync(0);
            await Assertions.Expect(session.Page.GetByTestId("home-admin")).ToHaveCountAsync(0);
            Assert.DoesNotContain("Mint an API token", await session.Page.Locator(".page-header").InnerTextAsync(), StringComparison.Ordinal);
            await session.AssertPageIsCleanAsync("home (marketer)");
        }

        // An operator who signs off: what waits for them and what is live where; no pages panel.
        await using (var session = await browser.NewSessionAsync(375, 812))
        {
            await session.SignInAsync(approver.UserName, approverPassword);
            await Assertions.Expect(session.Page.GetByTestId("home-approvals-count")).ToBeVisibleAsync();
            await Assertions.Expect(session.Page.GetByTestId("home-environments").Locator("li[data-environment]")).ToHaveCountAsync(3);
            await Assertions.Expect(session.Page.GetByTestId("home-pages")).ToHaveCountAsync(0);
            await session.AssertPageIsCleanAsync("home (approver, phone)");
        }

        // An administrator: people and tokens.
        await using (var session = await browser.NewSessionAsync())
        {
            await session.SignInAsync(admin.UserName, adminPassword);
            var people = session.Page.GetByTestId("home-admin");
            await Assertions.Expect(people).ToContainTextAsync("active accounts");
            await Assertions.Expect(people.GetByRole(AriaRole.Link, new() { Name = "Manage users" })).ToHaveAttributeAsync("href", "/admin/users");
            await Assertions.Expect(people.GetByRole(AriaRole.Link, new() { Name = "API tokens" })).ToHaveAttributeAsync("href", "/account/tokens");
            await session.AssertPageIsCleanAsync("home (admin)");
        }
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
