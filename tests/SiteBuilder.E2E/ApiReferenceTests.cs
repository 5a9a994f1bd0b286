using Microsoft.Playwright;
using SiteBuilder.Identity;

namespace SiteBuilder.E2E;

public sealed class ApiReferenceTests(BrowserFixture browser)
{
    private const float ScalarRenderTimeout = 20_000;

    [Fact]
    public async Task SignedInUserOpensTheApiReferenceFromTheNavigationAndSeesTheMeOperation()
    {
        var (account, password) = await browser.Portal.CreateUserAsync([Roles.Marketer], ["acme"]);
        await using var session = await browser.NewSessionAsync();
        var external = new List<string>();
        session.Page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(browser.BaseUrl, StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal) && !request.Url.StartsWith("blob:", StringComparison.Ordinal))
            {
                external.Add(request.Url);
            }
        };

        var failed = new List<string>();
        session.Page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                failed.Add($"{response.Status} {response.Url}");
            }
        };

        await session.Page.GotoAsync("/docs/api");
        Assert.Contains("/account/login?returnUrl=", session.Page.Url, StringComparison.Ordinal);

        await session.SignInAsync(account.UserName, password);
        await session.Page.GetByRole(AriaRole.Link, new() { Name = "API reference" }).First.ClickAsync();
        await session.Page.WaitForURLAsync(url => url.Contains("/docs/api", StringComparison.Ordinal));

        // Scalar's bundle is a few megabytes of script: on a busy two-core machine it renders in seconds, not milliseconds.
        await Assertions.Expect(session.Page.GetByText("Who the token belongs to").First).ToBeVisibleAsync(new() { Timeout = ScalarRenderTimeout });
        await session.ScreenshotAsync("api-reference");
        Assert.True(failed.Count == 0, $"Requests failed:\n{string.Join("\n", failed)}");
        Assert.True(external.Count == 0, $"The reference loaded from outside the portal:\n{string.Join("\n", external)}");
        await session.AssertPageIsCleanAsync("API reference");

        // All three documents are in the reference's document selector.
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Page generation" }).First.ClickAsync();
        await session.Page.GetByRole(AriaRole.Option, new() { Name = "Brand validation" }).ClickAsync();
        await Assertions.Expect(session.Page.GetByRole(AriaRole.Heading, new() { Name = "Site Builder Generation API — brand validation" })).ToBeVisibleAsync(new() { Timeout = ScalarRenderTimeout });
    }

    [Fact]
    public async Task ReferenceRunsScalarsScriptByNonceOnly()
    {
        var (account, password) = await browser.Portal.CreateUserAsync([Roles.Marketer], ["acme"]);
        await using var session = await browser.NewSessionAsync();
        await session.SignInAsync(account.UserName, password);

        var response = await session.Page.GotoAsync("/docs/api");

        var policy = await response!.HeaderValueAsync("content-security-policy");
        var scriptSource = policy!.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src ", StringComparison.Ordinal));
        Assert.Matches("^script-src 'self' 'nonce-[A-Za-z0-9+/=_-]+'$", scriptSource);
        Assert.Contains("connect-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
    }
}
