using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace SiteBuilder.Portal.Auth;

/// <summary>
/// A live circuit re-checks its account every 30 seconds against the store itself (not the cache), by the rules of
/// <see cref="ActingUser"/>: disabled, a new security stamp (password reset, signed out everywhere), a role or tenant removed, or
/// past the absolute session lifetime, and the circuit becomes signed out. Actions do not wait for this: each asks
/// <see cref="ActingUser"/> at the moment it runs.
/// </summary>
internal sealed class AccountRevalidatingStateProvider(ILoggerFactory loggerFactory, ActingUser acting)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(30);

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        IsStillValidAsync(authenticationState.User, cancellationToken);

    /// <summary>Whether a circuit's principal may go on acting as it is.</summary>
    internal async Task<bool> IsStillValidAsync(System.Security.Claims.ClaimsPrincipal principal, CancellationToken cancellationToken) =>
        (await acting.CheckAsync(principal, cancellationToken)).Allowed;
}
