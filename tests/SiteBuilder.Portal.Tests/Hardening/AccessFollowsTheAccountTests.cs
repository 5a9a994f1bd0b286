using System.Net;
using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SiteBuilder.Identity;
using SiteBuilder.Identity.Accounts;
using SiteBuilder.Identity.Tokens;
using SiteBuilder.Portal.Auth;
using SiteBuilder.Portal.Testing;
using static SiteBuilder.Portal.Tests.ApiAssertions;

namespace SiteBuilder.Portal.Tests.Hardening;

/// <summary>Issue 13 point 3: what an account could do ends when its password, status, roles or tenants change.</summary>
public sealed class AccessFollowsTheAccountTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ATokenMintedBeforeAPasswordResetIsRefusedAfterIt()
    {
        var (account, _) = await portal.Factory.CreateUserAsync([Roles.Marketer], ["acme"]);
        var client = portal.Factory.CreateApiClient(await portal.Factory.IssueTokenAsync(account, "acme"), "acme");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/me", Ct)).StatusCode);

        await portal.Factory.Accounts.ResetPasswordAsync(account.UserName, null, Ct);

        var response = await WhileAsync(() => client.GetAsync("/v1/me", Ct), r => r.StatusCode == HttpStatusCode.OK);
        var problem = await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        Assert.Contains("password or access changed", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARevokedTokenIsRefusedWithAProblemWhileTheOwnersOtherTokensWork()
    {
        var (account, _) = await portal.Factory.CreateUserAsync([Roles.Marketer], ["acme"]);
        var issuer = portal.Factory.Services.GetRequiredService<LocalTokenIssuer>();
        var revokedToken = await issuer.IssueAsync(account, "acme", name: "laptop", cancellationToken: Ct);
        var keptToken = await issuer.IssueAsync(account, "acme", name: "CI", cancellationToken: Ct);
        var revoked = portal.Factory.CreateApiClient(revokedToken.AccessToken, "acme");
        var kept = portal.Factory.CreateApiClient(keptToken.AccessToken, "acme");
        Assert.Equal(HttpStatusCode.OK, (await revoked.GetAsync("/v1/me", Ct)).StatusCode);

        var registry = portal.Factory.Services.GetRequiredService<ApiTokenRegistry>();
        await registry.RevokeAsync(account.UserName, revokedToken.Id, "admin", Ct);

        var problem = await AssertProblemAsync(await revoked.GetAsync("/v1/me", Ct), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        Assert.Contains("revoked", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await kept.GetAsync("/v1/me", Ct)).StatusCode);
        var listed = await registry.ListAsync(account.UserName, Ct);
        Assert.Equal(["CI", "laptop"], listed.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.Equal("admin", listed.Single(t => t.Name == "laptop").RevokedBy);
        Assert.NotNull(listed.Single(t => t.Name == "CI").LastUsedAt);
    }

    [Fact]
    public async Task ATokenSignedWithTheRightKeyButNeverRecordedIsRefused()
    {
        // What a stolen signing key or a token from before tokens were recorded looks like: valid signature, stamp and tenant.
        var (account, _) = await portal.Factory.CreateUserAsync([Roles.Marketer], ["acme"]);
        var token = await SignedWithTheIssuersKeyAsync(portal.Factory, account, "acme", "0123456789abcdef0123456789abcdef");

        var response = await portal.Factory.CreateApiClient(token, "acme").GetAsync("/v1/me", Ct);

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        // The same kind of token, once recorded, is accepted: only the missing record refused the first.
        var recordedId = "abcdef0123456789abcdef0123456789";
        await portal.Factory.Services.GetRequiredService<IApiTokenStore>().AddAsync(new ApiToken
        {
            Id = recordedId, UserName = account.UserName, Tenant = "acme", Name = "recorded", CreatedAt = DateTimeOffset.UtcNow, ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(10),
        }, Ct);
        var recorded = await SignedWithTheIssuersKeyAsync(portal.Factory, account, "acme", recordedId);
        Assert.Equal(HttpStatusCode.OK, (await portal.Factory.CreateApiClient(recorded, "acme").GetAsync("/v1/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task SigningOutEverywhereEndsAnOpenSession()
    {
        var (account, password) = await portal.Factory.CreateUserAsync([Roles.Marketer], ["acme"]);
        var browser = PortalBrowser.Open(portal.Factory);
        await PortalBrowser.SignInAsync(browser, account.UserName, password);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/account/profile", Ct)).StatusCode);

        await portal.Factory.Accounts.SignOutEverywhereAsync(account.UserName, Ct);

        var response = await WhileAsync(() => browser.GetAsync("/account/profile", Ct), r => r.StatusCode == HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOpenCircuitWhoseAdminRoleIsRemovedIsSignedOut()
    {
        var (account, _) = await portal.Factory.CreateUserAsync([Roles.Admin, Roles.Marketer], ["acme"]);
        var provider = CircuitProvider(portal.Factory);
        var circuit = PortalAuthentication.LocalPrincipal(account, DateTimeOffset.UtcNow);
        Assert.True(await provider.IsStillValidAsync(circuit, Ct));

        await portal.Factory.Accounts.SetRolesAsync(account.UserName, [Roles.Marketer], Ct);

        Assert.False(await provider.IsStillValidAsync(circuit, Ct), "a circuit kept the Admin role it lost, so it could still add users");
    }

    [Fact]
    public async Task AnOpenCircuitWhoseTenantIsRemovedOrPasswordResetIsSignedOut()
    {
        var (account, _) = await portal.Factory.CreateUserAsync([Roles.Marketer], ["acme", "globex"]);
        var provider = CircuitProvider(portal.Factory);
        var circuit = PortalAuthentication.LocalPrincipal(account, DateTimeOffset.UtcNow);

        await portal.Factory.Accounts.SetTenantsAsync(account.UserName, ["acme"], Ct);
        Assert.False(await provider.IsStillValidAsync(circuit, Ct));

        var renewed = PortalAuthentication.LocalPrincipal((await portal.Factory.Accounts.FindAsync(account.UserName, Ct))!, DateTimeOffset.UtcNow);
        Assert.True(await provider.IsStillValidAsync(renewed, Ct));
        await portal.Factory.Accounts.ResetPasswordAsync(account.UserName, null, Ct);
        Assert.False(await provider.IsStillValidAsync(renewed, Ct));
    }

    [Fact]
    public async Task ASessionPastTheAbsoluteLifetimeEndsHoweverActive()
    {
        var (account, _) = await portal.Factory.CreateUserAsync([Roles.Marketer], ["acme"]);
        var provider = CircuitProvider(portal.Factory);
        var lifetime = portal.Factory.Services.GetRequiredService<IOptions<AccountOptions>>().Value.AbsoluteSessionLifetime;

        Assert.True(await provider.IsStillValidAsync(PortalAuthentication.LocalPrincipal(account, DateTimeOffset.UtcNow - lifetime + TimeSpan.FromMinutes(1)), Ct));
        Assert.False(await provider.IsStillValidAsync(PortalAuthentication.LocalPrincipal(account, DateTimeOffset.UtcNow - lifetime - TimeSpan.FromMinutes(1)), Ct));
    }

    /// <summary>A token signed with the portal's real key, stamp and tenant, made outside the issuer (so not recorded by it).</summary>
    internal static async Task<string> SignedWithTheIssuersKeyAsync(PortalFactory factory, Account account, string tenant, string jti)
    {
        var options = factory.Services.GetRequiredService<IOptions<LocalTokenOptions>>().Value;
        var key = await factory.Services.GetRequiredService<SigningKeyRing>().GetSigningKeyAsync(TestContext.Current.CancellationToken);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            Expires = DateTime.UtcNow.AddMinutes(10),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
            Claims = new Dictionary<string, object>
            {
                [TokenClaims.Subject] = account.UserName, [TokenClaims.Tenant] = tenant, [TokenClaims.SecurityStamp] = account.SecurityStamp,
                [JwtRegisteredClaimNames.Jti] = jti,
            },
        });
    }

    private static AccountRevalidatingStateProvider CircuitProvider(PortalFactory factory) => new(
        NullLoggerFactory.Instance, factory.Services.GetRequiredService<ActingUser>());

    /// <summary>Repeats <paramref name="call"/> while <paramref name="unchanged"/> holds, for at most the status cache duration and a margin.</summary>
    private async Task<HttpResponseMessage> WhileAsync(Func<Task<HttpResponseMessage>> call, Func<HttpResponseMessage, bool> unchanged)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        HttpResponseMessage response;
        do
        {
            await Task.Delay(200, Ct);
            response = await call();
        }
        while (unchanged(response) && DateTime.UtcNow < deadline);

        return response;
    }
}

/// <summary><c>LocalTokens:Enabled=false</c> refuses the portal's own tokens, even one signed with the right key.</summary>
public sealed class LocalTokensDisabledTests : IAsyncLifetime
{
    private readonly PortalFactory _factory = new();

    public ValueTask InitializeAsync()
    {
        _factory.Settings["SiteBuilder:Authentication:LocalTokens:Enabled"] = "false";
        _ = _factory.Server;
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task ALocalTokenIsRefusedAndNoneCanBeMinted()
    {
        var ct = TestContext.Current.CancellationToken;
        var (account, _) = await _factory.CreateUserAsync([Roles.Marketer], ["acme"]);
        Assert.Throws<TokenRequestException>(() => _factory.IssueTokenAsync(account, "acme").GetAwaiter().GetResult());

        // Signed with the issuer's real key and recorded, as a token minted before the switch would be.
        var id = "fedcba9876543210fedcba9876543210";
        await _factory.Services.GetRequiredService<IApiTokenStore>().AddAsync(new ApiToken
        {
            Id = id, UserName = account.UserName, Tenant = "acme", Name = "before the switch", CreatedAt = DateTimeOffset.UtcNow, ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(10),
        }, ct);
        var token = await AccessFollowsTheAccountTests.SignedWithTheIssuersKeyAsync(_factory, account, "acme", id);

        var response = await _factory.CreateApiClient(token, "acme").GetAsync("/v1/me", ct);

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }
}

/// <summary>The absolute session lifetime holds for the session cookie on every request, not only for open circuits.</summary>
public sealed class AbsoluteSessionLifetimeTests : IAsyncLifetime
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(3);

    private readonly PortalFactory _factory = new();

    public ValueTask InitializeAsync()
    {
        _factory.Settings["SiteBuilder:Accounts:AbsoluteSessionLifetime"] = Lifetime.ToString();
        _ = _factory.Server;
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task ASessionCookieKeptBusyIsStillRefusedOnceTheLifetimeHasPassed()
    {
        var ct = TestContext.Current.CancellationToken;
        var (account, password) = await _factory.CreateUserAsync([Roles.Marketer], ["acme"]);
        var browser = PortalBrowser.Open(_factory);
        await PortalBrowser.SignInAsync(browser, account.UserName, password);
        var signedInAt = DateTime.UtcNow;

        // Busy the whole time: every request could slide the cookie's expiry forward, but not past the lifetime.
        HttpResponseMessage response;
        do
        {
            response = await browser.GetAsync("/account/profile", ct);
            if (DateTime.UtcNow - signedInAt < Lifetime - TimeSpan.FromSeconds(1))
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }

            await Task.Delay(250, ct);
        }
        while (response.StatusCode == HttpStatusCode.OK && DateTime.UtcNow - signedInAt < Lifetime + TimeSpan.FromSeconds(5));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.IsAbsoluteUri ? response.Headers.Location.PathAndQuery : response.Headers.Location.OriginalString, StringComparison.Ordinal);
    }
}
