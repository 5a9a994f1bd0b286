using System.Net;
using SiteBuilder.Identity;
using SiteBuilder.Portal.Components;
using SiteBuilder.Portal.Testing;

namespace SiteBuilder.Portal.Tests.Hardening;

/// <summary>Issue 13 points 5 and 10: sign-in cannot be turned against users, and survives any return URL.</summary>
public sealed class SignInHardeningTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("returnUrl=%2Fcaf%C3%A9", "/caf%C3%A9")]
    [InlineData("returnUrl=%2Fsites%2F%E2%9C%93%3Fq%3D%F0%9F%98%80", "/sites/%E2%9C%93?q=%F0%9F%98%80")]
    [InlineData("returnUrl=%2Fa%09b", "/")]
    [InlineData("returnUrl=%2Fa%00b", "/")]
    [InlineData("returnUrl=%2F%5Cevil.example", "/")]
    [InlineData("returnUrl=%2F%2Fevil.example", "/")]
    [InlineData("returnUrl=https%3A%2F%2Fevil.example%2F", "/")]
    public async Task ACorrectPasswordSignsInWhateverTheReturnUrl(string query, string expectedLocation)
    {
        var (account, password) = await portal.Factory.CreateUserAsync([Roles.Marketer], ["acme"]);
        var client = PortalBrowser.Open(portal.Factory);

        var response = await PortalBrowser.SignInAsync(client, account.UserName, password, query);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal(expectedLocation, location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/profile", Ct)).StatusCode);
    }

    [Fact]
    public void SafeReturnUrlKeepsOnlyLocalPaths()
    {
        Assert.Equal("/", NavigationHelpers.SafeReturnUrl("/\u0001x"));
        Assert.Equal("/", NavigationHelpers.SafeReturnUrl("/\u2028x"[..1] + "\u0085"));
        Assert.Equal("/", NavigationHelpers.SafeReturnUrl("/\ud800"));
        Assert.Equal("/reports/acme", NavigationHelpers.SafeReturnUrl("/reports/acme"));
    }

    [Fact]
    public async Task UnknownDisabledAndLockedAccountsGiveTheSameAnswerToAWrongPassword()
    {
        var (disabled, _) = await portal.Factory.CreateUserAsync([Roles.Marketer], ["acme"]);
        await portal.Factory.Accounts.SetDisabledAsync(disabled.UserName, true, Ct);
        var (locked, lockedPassword) = await portal.Factory.CreateUserAsync([Roles.Marketer], ["acme"]);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await portal.Factory.Accounts.SignInAsync(locked.UserName, "wrong", Ct);
        }

        Assert.True((await portal.Factory.Accounts.FindAsync(locked.UserName, Ct))!.IsLockedOut(DateTimeOffset.UtcNow));

        var unknown = await PortalBrowser.SignInErrorAsync(await PortalBrowser.SignInAsync(PortalBrowser.Open(portal.Factory), "nobody-" + Guid.NewGuid().ToString("N")[..8], "wrong"));
        var toDisabled = await PortalBrowser.SignInErrorAsync(await PortalBrowser.SignInAsync(PortalBrowser.Open(portal.Factory), disabled.UserName, "wrong"));
        var toLocked = await PortalBrowser.SignInErrorAsync(await PortalBrowser.SignInAsync(PortalBrowser.Open(portal.Factory), locked.UserName, "wrong"));

        Assert.Equal("The user name or password is not right.", unknown);
        Assert.Equal(unknown, toDisabled);
        Assert.Equal(unknown, toLocked);

        // With the right password the account's state may be told: it is the owner asking.
        var rightToLocked = await PortalBrowser.SignInErrorAsync(await PortalBrowser.SignInAsync(PortalBrowser.Open(portal.Factory), locked.UserName, lockedPassword));
        Assert.Contains("locked", rightToLocked, StringComparison.Ordinal);
    }
}

/// <summary>The per-address slow-down, on a portal of its own with the default limits (all test clients share one address).</summary>
public sealed class SignInThrottleTests : IAsyncLifetime
{
    private readonly PortalFactory _factory = new();

    public ValueTask InitializeAsync()
    {
        _ = _factory.Server;
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task AWrongPasswordStormFromOneAddressIsSlowedBeforeItLocksTheAccount()
    {
        var (admin, _) = await _factory.CreateUserAsync([Roles.Admin], []);
        var errors = new List<string?>();
        for (var attempt = 0; attempt < 20; attempt++)
        {
            errors.Add(await PortalBrowser.SignInErrorAsync(await PortalBrowser.SignInAsync(PortalBrowser.Open(_factory), admin.UserName, $"guess {attempt}")));
        }

        var account = (await _factory.Accounts.FindAsync(admin.UserName, TestContext.Current.CancellationToken))!;
        Assert.False(account.IsLockedOut(DateTimeOffset.UtcNow), "one address locked the account");
        Assert.True(account.FailedSignIns < _factory.Accounts.Options.MaxFailedSignIns);
        Assert.All(errors.Take(4), e => Assert.Equal("The user name or password is not right.", e));
        Assert.All(errors.Skip(4), e => Assert.StartsWith("Too many wrong passwords from your network", e, StringComparison.Ordinal));
    }
}
