using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SiteBuilder.Identity;
using SiteBuilder.Identity.Accounts;
using SiteBuilder.Operations;
using SiteBuilder.Portal.Auth;

namespace SiteBuilder.Portal.Tests.Hardening;

/// <summary>
/// <see cref="ActingUser"/>: a page action runs as the account is in the store at that moment, not as the circuit's principal
/// remembers it from when the page opened.
/// </summary>
public sealed class ActingUserTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    private ActingUser Acting => portal.Factory.Services.GetRequiredService<ActingUser>();

    private AccountService Accounts => portal.Factory.Accounts;

    [Fact]
    public async Task ALocalAccountWhoseRoleWasRemovedIsRefusedNamingTheRole()
    {
        var (account, _) = await portal.Factory.CreateUserAsync([Roles.TechLead, Roles.Operator], []);
        var circuit = PortalAuthentication.LocalPrincipal(account, DateTimeOffset.UtcNow);

        await Accounts.SetRolesAsync(account.UserName, [Roles.Operator], Ct);

        var refused = await Assert.ThrowsAsync<AccessRefusedException>(() => Acting.RequireAsync(circuit, OperationsPolicies.Approve, cancellationToken: Ct));
        Assert.Equal("Your access changed: you no longer have the Tech Lead role. Reload the page.", refused.Message);
    }

    [Fact]
    public async Task ALocalAccountWhoseTenantWasRemovedIsRefusedForThatTenant()
    {
        var (account, _) = await portal.Factory.CreateUserAsync([Roles.Marketer], ["acme", "globex"]);
        var circuit = PortalAuthentication.LocalPrincipal(account, DateTimeOffset.UtcNow);

        await Accounts.SetTenantsAsync(account.UserName, ["globex"], Ct);

        var refused = await Assert.ThrowsAsync<AccessRefusedException>(() => Acting.RequireForTenantAsync(circuit, "acme", Policies.GeneratePages, Ct));
        Assert.Equal("Your access changed: you no longer work for acme. Reload the page.", refused.Message);
    }

    [Fact]
    public async Task ADisabledAccountIsRefused()
    {
        var (account, _) = await portal.Factory.CreateUserAsync([Roles.Admin], []);
        var circuit = PortalAuthentication.LocalPrincipal(account, DateTimeOffset.UtcNow);

        await Accounts.SetDisabledAsync(account.UserName, true, Ct);

        var refused = await Assert.ThrowsAsync<AccessRefusedException>(() => Acting.RequireAsync(circuit, Policies.ManageUsers, cancellationToken: Ct));
        Assert.Contains("your account was disabled", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AChangedSecurityStampIsRefused()
    {
        var (account, _) = await portal.Factory.CreateUserAsync([Roles.Marketer], ["acme"]);
        var circuit = PortalAuthentication.LocalPrincipal(account, DateTimeOffset.UtcNow);

        await Accounts.SignOutEverywhereAsync(account.UserName, Ct);

        var refused = await Assert.ThrowsAsync<AccessRefusedException>(() => Acting.RequireAsync(circuit, cancellationToken: Ct));
        Assert.Contains("signed out everywhere", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASessionPastItsAbsoluteLifetimeIsRefused()
    {
        var (account, _) = await portal.Factory.CreateUserAsync([Roles.Marketer], ["acme"]);
        var lifetime = portal.Factory.Services.GetRequiredService<IOptions<AccountOptions>>().Value.AbsoluteSessionLifetime;

        var refused = await Assert.ThrowsAsync<AccessRefusedException>(() =>
            Acting.RequireAsync(PortalAuthentication.LocalPrincipal(account, DateTimeOffset.UtcNow - lifetime - TimeSpan.FromMinutes(1)), cancellationToken: Ct));
        Assert.Contains("Your session has ended", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStillValidAccountActsAsTheStoreSaysNow()
    {
        var (account, _) = await portal.Factory.CreateUserAsync([Roles.Marketer], ["acme"], displayName: "Mia Marketer");
        var circuit = PortalAuthentication.LocalPrincipal(account, DateTimeOffset.UtcNow);

        // Gaining a role or tenant keeps the stamp (the circuit goes on) and is what the action runs with.
        await Accounts.SetRolesAsync(account.UserName, [Roles.Marketer, Roles.Operator], Ct);
        await Accounts.SetTenantsAsync(account.UserName, ["acme", "globex"], Ct);
        await Accounts.SetDisplayNameAsync(account.UserName, "Mia Mercer", Ct);

        var user = await Acting.RequireForTenantAsync(circuit, "globex", Policies.GeneratePages, Ct);
        Assert.Equal(account.UserName, user.UserName);
        Assert.Equal("Mia Mercer", user.DisplayName);
        Assert.Equal([Roles.Marketer, Roles.Operator], user.Roles.Order(StringComparer.Ordinal));
        Assert.Equal(["acme", "globex"], user.Tenants);
    }

    [Fact]
    public async Task AnExternalAccountKeepsItsPrincipalUntilItsNextSignIn()
    {
        // An Entra user has no account in the store (a local account of the same name must not stand in for it).
        var (namesake, _) = await portal.Factory.CreateUserAsync([Roles.Marketer], ["globex"]);
        await Accounts.SetDisabledAsync(namesake.UserName, true, Ct);
        var entra = PortalClaims.Create(PortalAuthentication.CookieScheme, "oid-123", namesake.UserName, "Erin Entra", [Roles.TechLead], ["acme"], PortalClaims.EntraSource);
        ((ClaimsIdentity)entra.Identity!).AddClaim(new Claim(PortalClaims.AuthTime, DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)));

        var user = await Acting.RequireAsync(entra, OperationsPolicies.Approve, cancellationToken: Ct);

        Assert.Equal("oid-123", user.Subject);
        Assert.Equal([Roles.TechLead], user.Roles);
        Assert.Equal(["acme"], user.Tenants);
        // Its principal still decides what it may do.
        await Assert.ThrowsAsync<AccessRefusedException>(() => Acting.RequireForTenantAsync(entra, "globex", Policies.GeneratePages, Ct));
    }
}
