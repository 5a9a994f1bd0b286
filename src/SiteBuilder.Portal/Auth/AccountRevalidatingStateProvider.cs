using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using SiteBuilder.Identity.Accounts;

namespace SiteBuilder.Portal.Auth;

/// <summary>
/// A live circuit re-checks its local account every 30 seconds against the store itself (not the cache), so a
/// disabled user's open pages stop working within a minute, not only their next request.
/// </summary>
internal sealed class AccountRevalidatingStateProvider(ILoggerFactory loggerFactory, IAccountStore accounts)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(30);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var user = PortalUser.From(authenticationState.User);
        if (user is null || !user.IsLocal)
        {
            return user is not null;
        }

        var account = await accounts.FindAsync(user.UserName, cancellationToken);
        return account is { Disabled: false };
    }
}
