using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SiteBuilder.Identity;

namespace SiteBuilder.E2E;

public sealed partial class ApiReferenceTests(BrowserFixture browser)
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
        var assets = FetchedAssets.Watch(session.Page);

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
        // Scalar's bundle included: 4.9 MB of script, asked for once and then kept, brotli when published.
        var fetched = await assets.AssertFingerprintedAndCompressedAsync(browser.Portal, "the API reference");
        Assert.Contains(fetched, path => path.StartsWith("/lib/scalar/", StringComparison.Ordinal));

        // All three documents are in the reference's document selector.
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Page generation" }).First.ClickAsync();
        await session.Page.GetByRole(AriaRole.Option, new() { Name = "Brand validation" }).ClickAsync();
        await Assertions.Expect(session.Page.GetByRole(AriaRole.Heading, new() { Name = "Site Builder Generation API — brand validation" })).ToBeVisibleAsync(new() { Timeout = ScalarRenderTimeout });
    }

    [Fact]
    public async Task ReferenceIsCleanAtPhoneWidth()
    {
        var (account, password) = await browser.Portal.CreateUserAsync([Roles.Marketer], ["acme"]);
        await using var session = await browser.NewSessionAsync(375, 812);
        await session.SignInAsync(account.UserName, password);

        await session.Page.GotoAsync("/docs/api");

        // At this width the operations list is behind the menu button; the reference's text is on the page.
        await Assertions.Expect(session.Page.GetByText("Who the token belongs to").First).ToBeAttachedAsync(new() { Timeout = ScalarRenderTimeout });
        await Assertions.Expect(session.Page.GetByRole(AriaRole.Link, new() { Name = "← SiteBuilder Portal" })).ToBeVisibleAsync();
        await session.AssertPageIsCleanAsync("API reference at 375 px");
    }

    [Fact]
    public async Task TryItCallsThisPortalsApiWithTheTokenTheUserGives()
    {
        var (account, password) = await browser.Portal.CreateUserAsync([Roles.Marketer], ["acme"]);
        var token = await browser.Portal.IssueTokenAsync(account, "acme");
        await using var session = await browser.NewSessionAsync();
        await session.SignInAsync(account.UserName, password);
        await session.Page.GotoAsync("/docs/api");
        await Assertions.Expect(session.Page.GetByText("Who the token belongs to").First).ToBeVisibleAsync(new() { Timeout = ScalarRenderTimeout });

        // The document's bearer scheme takes the token; the operation's client takes the tenant header and sends the call.
        await session.Page.GetByPlaceholder("Token").First.FillAsync(token);
        await session.Page.GetByRole(AriaRole.Button, new() { NameRegex = TestRequestOfMe() }).First.ClickAsync();
        var tenantHeader = session.Page.Locator("tr, [role=row], li, .group").Filter(new() { Has = session.Page.GetByLabel("Include X-Tenant-Id in request") }).Last;
        await tenantHeader.GetByRole(AriaRole.Combobox).Last.ClickAsync();
        await session.Page.Keyboard.TypeAsync("acme");
        var call = session.Page.WaitForResponseAsync(r => new Uri(r.Url).AbsolutePath == "/v1/me");
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Send" }).First.ClickAsync();

        var answer = await call;
        Assert.StartsWith(browser.BaseUrl + "/v1/me", answer.Url, StringComparison.Ordinal);
        Assert.Equal($"Bearer {token}", await answer.Request.HeaderValueAsync("authorization"));
        Assert.Equal(200, answer.Status);
        Assert.Contains($"\"user\":\"{account.UserName}\"", await answer.TextAsync(), StringComparison.Ordinal);
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

    /// <summary>The "Test Request" button of <c>GET /me</c> (its name ends with the operation, e.g. "Test Request(get /me)").</summary>
    [GeneratedRegex(@"^Test Request.*get \/me")]
    private static partial Regex TestRequestOfMe();
}
