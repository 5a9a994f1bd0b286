using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;
using SiteBuilder.Identity;
using SiteBuilder.Portal.Testing;

namespace SiteBuilder.Portal.Tests;

/// <summary>The sign-in page as a browser without JavaScript uses it: GET the form, POST it with its antiforgery token.</summary>
public sealed class SignInTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RightPasswordSignsInWithASecureSessionCookie()
    {
        var (account, password) = await portal.Factory.CreateUserAsync([Roles.Marketer], ["acme"]);
        var client = NewBrowser();

        var response = await SignInAsync(client, account.UserName, password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        AssertRedirectsHome(response);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("sitebuilder.session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        var home = await client.GetAsync("/", Ct);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains(account.UserName, await home.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongPasswordSaysSoAndStaysSignedOut()
    {
        var (account, _) = await portal.Factory.CreateUserAsync([Roles.Marketer], ["acme"]);
        var client = NewBrowser();

        var response = await SignInAsync(client, account.UserName, "not the password");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("user name or password is not right", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/", Ct)).StatusCode);
    }

    [Fact]
    public async Task FiveWrongPasswordsLockTheAccount()
    {
        var (account, password) = await portal.Factory.CreateUserAsync([Roles.Marketer], ["acme"]);
        var client = NewBrowser();

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await SignInAsync(client, account.UserName, $"wrong {attempt}");
        }

        var response = await SignInAsync(client, account.UserName, password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("locked", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.True((await portal.Factory.Accounts.FindAsync(account.UserName, Ct))!.IsLockedOut(DateTimeOffset.UtcNow));

        await portal.Factory.Accounts.UnlockAsync(account.UserName, Ct);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(client, account.UserName, password)).StatusCode);
    }

    [Fact]
    public async Task FourWrongPasswordsThenTheRightOneSignsIn()
    {
        var (account, password) = await portal.Factory.CreateUserAsync([Roles.Marketer], ["acme"]);
        var client = NewBrowser();
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            await SignInAsync(client, account.UserName, $"wrong {attempt}");
        }

        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(client, account.UserName, password)).StatusCode);
    }

    [Fact]
    public async Task DisabledUserCannotSignInAndTheirSessionEnds()
    {
        var (account, password) = await portal.Factory.CreateUserAsync([Roles.Marketer], ["acme"]);
        var client = NewBrowser();
        await SignInAsync(client, account.UserName, password);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/", Ct)).StatusCode);

        await portal.Factory.Accounts.SetDisabledAsync(account.UserName, true, Ct);

        var deadline = DateTime.UtcNow.AddSeconds(10);
        HttpResponseMessage home;
        do
        {
            await Task.Delay(250, Ct);
            home = await client.GetAsync("/", Ct);
        }
        while (home.StatusCode == HttpStatusCode.OK && DateTime.UtcNow < deadline);

        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.StartsWith("/account/login", home.Headers.Location?.PathAndQuery ?? home.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Contains("disabled", await (await SignInAsync(NewBrowser(), account.UserName, password)).Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReturnUrlOffSiteIsIgnored()
    {
        var (account, password) = await portal.Factory.CreateUserAsync([Roles.Marketer], ["acme"]);

        var response = await SignInAsync(NewBrowser(), account.UserName, password, "//evil.example/steal");

        AssertRedirectsHome(response);
    }

    [Fact]
    public async Task SignOutNeedsAPostWithAntiforgery()
    {
        var (account, password) = await portal.Factory.CreateUserAsync([Roles.Marketer], ["acme"]);
        var client = NewBrowser();
        await SignInAsync(client, account.UserName, password);

        var forged = await client.PostAsync("/account/logout", new FormUrlEncodedContent([]), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/", Ct)).StatusCode);

        var home = await client.GetStringAsync("/", Ct);
        var token = new HtmlParser().ParseDocument(home).QuerySelector("#logout-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var signOut = await client.PostAsync("/account/logout", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]), Ct);

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/", Ct)).StatusCode);
    }

    [Fact]
    public async Task PortalPagesCarryTheSecurityHeaders()
    {
        var response = await NewBrowser().GetAsync("/account/login", Ct);

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task AdminPageIsForbiddenToMarketers()
    {
        var (account, password) = await portal.Factory.CreateUserAsync([Roles.Marketer], ["acme"]);
        var client = NewBrowser();
        await SignInAsync(client, account.UserName, password);

        var response = await client.GetAsync("/admin/users", Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/access-denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        var page = await client.GetStringAsync(response.Headers.Location, Ct);

        Assert.Contains("You don't have access to this page", page, StringComparison.Ordinal);
        Assert.DoesNotContain("users-table", page, StringComparison.Ordinal);
    }

    private static void AssertRedirectsHome(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal("/", location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString);
        Assert.True(!location.IsAbsoluteUri || location.Host == "localhost", $"Redirected off-site to {location}");
    }

    private HttpClient NewBrowser() =>
        portal.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private async Task<HttpResponseMessage> SignInAsync(HttpClient client, string userName, string password, string? returnUrl = null)
    {
        var url = returnUrl is null ? "/account/login" : $"/account/login?returnUrl={Uri.EscapeDataString(returnUrl)}";
        var form = new HtmlParser().ParseDocument(await client.GetStringAsync(url, Ct)).QuerySelector("form.account-form")!;
        var fields = form.QuerySelectorAll("input[type=hidden]").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? "")).ToList();
        fields.Add(new("Input.UserName", userName));
        fields.Add(new("Input.Password", password));
        return await client.PostAsync(url, new FormUrlEncodedContent(fields), Ct);
    }
}
