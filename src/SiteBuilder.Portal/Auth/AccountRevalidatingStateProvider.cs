using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;
using SiteBuilder.Identity.Accounts;

namespace SiteBuilder.Portal.Auth;

/// <summary>
/// A live circuit re-checks its account every 30 seconds against the store itself (not the cache): disabled, a new security stamp
/// (password reset, signed out everywhere), a role or tenant removed, or past the absolute session lifetime, and its open pages
/// stop working within a minute (the circuit becomes signed out), not only its next request.
/// </summary>
internal sealed class AccountRevalidatingStateProvider(ILoggerFactory loggerFactory, IAccountStore accounts, IOptions<AccountOptions> options, TimeProvider clock)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(30);

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        IsStillValidAsync(authenticationState.User, cancellationToken);

    /// <summary>Whether a circuit's principal may go on acting as it is.</summary>
    internal async Task<bool> IsStillValidAsync(System.Security.Claims.ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        var user = PortalUser.From(principal);
        if (user is null)
        {
            return false;
        }

        if (PortalAuthentication.AuthTimeOf(principal) is not { } authTime || clock.GetUtcNow() - authTime > options.Value.AbsoluteSessionLifetime)
        {
            return false;
        }

        if (!user.IsLocal)
        {
            return true;
        }

        var account = await accounts.FindAsync(user.UserName, cancellationToken);
        return account is { Disabled: false }
            && string.Equals(account.SecurityStamp, principal.FindFirst(PortalClaims.SecurityStamp)?.Value ?? "", StringComparison.Ordinal)
            // A circuit cannot renew its principal, so any removed role or tenant ends it; an added one is picked up on the next page load.
            && user.Roles.All(account.Roles.Contains)
            && user.Tenants.All(account.Tenants.Contains);
    }
}
