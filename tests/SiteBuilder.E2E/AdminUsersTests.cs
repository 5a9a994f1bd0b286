using Microsoft.Playwright;
using SiteBuilder.Identity;

namespace SiteBuilder.E2E;

/// <summary>An administrator manages accounts in the browser; destructive actions ask first.</summary>
public sealed class AdminUsersTests(BrowserFixture browser)
{
    [Fact]
    public async Task AdminAddsAMarketerAndDisablesThemAfterConfirming()
    {
        var (admin, password) = await browser.Portal.CreateUserAsync([Roles.Admin], [], displayName: "Ada Admin");
        var newName = $"mk-{Guid.NewGuid():N}"[..12];
        await using var session = await browser.NewSessionAsync();
        await session.SignInAsync(admin.UserName, password);

        await session.Page.GotoAsync("/admin/users");
        await session.WaitForInteractiveAsync();
        await session.Page.GetByTestId("add-user").ClickAsync();
        var dialog = session.Page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("User name").FillAsync(newName);
        await dialog.GetByLabel("Tenants").FillAsync("acme, globex");
        await dialog.GetByTestId("save-user").ClickAsync();

        // No password was typed: the generated one is shown once.
        var generated = session.Page.GetByTestId("generated-password");
        await Assertions.Expect(generated).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\S{20}$"));
        var newPassword = (await generated.TextContentAsync())!;
        await session.Page.GetByTestId("close-password").ClickAsync();
        var row = session.Page.Locator("tr", new() { HasText = newName });
        await Assertions.Expect(row).ToContainTextAsync("Marketer");
        await Assertions.Expect(row).ToContainTextAsync("globex");
        await session.AssertPageIsCleanAsync("users page");
        await session.ScreenshotAsync("admin-users-desktop");

        await session.Page.GetByTestId($"user-actions-{newName}").GetByRole(AriaRole.Button).ClickAsync();
        await session.Page.GetByTestId("disable-user").ClickAsync();
        var confirm = session.Page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(confirm).ToContainTextAsync("stop working within a minute");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("Active");

        await session.Page.GetByTestId($"user-actions-{newName}").GetByRole(AriaRole.Button).ClickAsync();
        await session.Page.GetByTestId("disable-user").ClickAsync();
        await session.Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Disable" }).ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("Disabled");

        var result = await browser.Portal.Accounts.SignInAsync(newName, newPassword, TestContext.Current.CancellationToken);
        Assert.Equal(Identity.Accounts.SignInOutcome.Disabled, result.Outcome);

        // Another administrator removes this one's Admin role while the page is open: the next change is refused at once,
        // not half a minute later when the circuit re-checks the account.
        await browser.Portal.Accounts.SetRolesAsync(admin.UserName, [Roles.Marketer], TestContext.Current.CancellationToken);
        var lateName = $"mk-{Guid.NewGuid():N}"[..12];
        await session.Page.GetByTestId("add-user").ClickAsync();
        var lateDialog = session.Page.GetByRole(AriaRole.Dialog);
        await lateDialog.GetByLabel("User name").FillAsync(lateName);
        await lateDialog.GetByLabel("Tenants").FillAsync("acme");
        await lateDialog.GetByTestId("save-user").ClickAsync();
        await session.ScreenshotAsync("admin-users-refused");
        await Assertions.Expect(session.Page.GetByText("Your access changed: you no longer have the Admin role. Reload the page.")).ToBeVisibleAsync();
        Assert.Null(await browser.Portal.Accounts.FindAsync(lateName, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task UsersPageWorksAtPhoneWidth()
    {
        var (admin, password) = await browser.Portal.CreateUserAsync([Roles.Admin], []);
        await using var session = await browser.NewSessionAsync(375, 812);
        await session.SignInAsync(admin.UserName, password);

        await session.Page.GotoAsync("/admin/users");
        await session.WaitForInteractiveAsync();
        await Assertions.Expect(session.Page.GetByText(admin.UserName).First).ToBeVisibleAsync();

        await session.AssertPageIsCleanAsync("users page (phone)");
        await session.ScreenshotAsync("admin-users-phone");
    }

    [Fact]
    public async Task MarketerMintsAnApiTokenSeesItListedAndRevokesItAfterConfirming()
    {
        var ct = TestContext.Current.CancellationToken;
        var (marketer, password) = await browser.Portal.CreateUserAsync([Roles.Marketer], ["acme"]);
        await using var session = await browser.NewSessionAsync();
        await session.SignInAsync(marketer.UserName, password);

        await session.Page.GotoAsync("/account/tokens");
        await session.WaitForInteractiveAsync();
        await Assertions.Expect(session.Page.GetByTestId("tokens-table")).ToContainTextAsync("You have no tokens yet");
        await session.Page.GetByLabel("Name", new() { Exact = true }).FillAsync("CI pipeline");
        await session.Page.GetByTestId("mint-token").ClickAsync();
        var token = (await session.Page.GetByTestId("token-value").TextContentAsync())!.Trim();
        var id = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(token).Id;

        using var client = new HttpClient { BaseAddress = new Uri(browser.BaseUrl) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        client.DefaultRequestHeaders.Add("X-Tenant-Id", "acme");
        var me = await client.GetStringAsync("/v1/me", ct);
        Assert.Contains(marketer.UserName, me, StringComparison.Ordinal);

        var row = session.Page.Locator("tr", new() { HasText = "CI pipeline" });
        await Assertions.Expect(row).ToContainTextAsync("acme");
        await Assertions.Expect(row).ToContainTextAsync("Active");
        await session.AssertPageIsCleanAsync("API tokens page");
        await session.ScreenshotAsync("api-tokens-desktop");

        // Revoking asks first; Cancel keeps the token.
        await session.Page.GetByTestId($"revoke-token-{id}").ClickAsync();
        var confirm = session.Page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(confirm).ToContainTextAsync("refused within a minute");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("Active");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/v1/me", ct)).StatusCode);

        await session.Page.GetByTestId($"revoke-token-{id}").ClickAsync();
        await session.Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("Revoked");
        await Assertions.Expect(row).ToContainTextAsync($"by {marketer.UserName}");
        await Assertions.Expect(session.Page.GetByTestId($"revoke-token-{id}")).ToHaveCountAsync(0);

        var refused = await client.GetAsync("/v1/me", ct);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);

        // The list at phone width, as a phone opens it (resizing a desktop page races the drawer's own breakpoint).
        await using var phone = await browser.NewSessionAsync(375, 812);
        await phone.SignInAsync(marketer.UserName, password);
        await phone.Page.GotoAsync("/account/tokens");
        await phone.WaitForInteractiveAsync();
        await Assertions.Expect(phone.Page.GetByTestId("tokens-table")).ToContainTextAsync("Revoked");
        await phone.AssertPageIsCleanAsync("API tokens page (phone)");
        await phone.ScreenshotAsync("api-tokens-phone");
    }
}
