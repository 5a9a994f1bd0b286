using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using SiteBuilder.Operations;
using SiteBuilder.Portal.Auth;

namespace SiteBuilder.Portal.Components.Pages.Operations;

/// <summary>
/// The signed-in person for an Operations page action, after the named policy for that kind of action allowed it on the server.
/// Pages call this before each action, so a hidden button is never the only check.
/// </summary>
public sealed class OpsPageActor(AuthenticationStateProvider authentication, IAuthorizationService authorization)
{
    public async Task<OpsActor> RequireAsync(string policy)
    {
        var principal = (await authentication.GetAuthenticationStateAsync()).User;
        if (!(await authorization.AuthorizeAsync(principal, policy)).Succeeded || PortalUser.From(principal) is not { } user)
        {
            throw OperationsException.Forbidden("Your roles do not allow this action.");
        }

        return new OpsActor(user.UserName, user.DisplayName, user.Roles);
    }

    public async Task<bool> AllowsAsync(string policy) =>
        (await authorization.AuthorizeAsync((await authentication.GetAuthenticationStateAsync()).User, policy)).Succeeded;

    public async Task<OpsActor?> CurrentAsync() =>
        PortalUser.From((await authentication.GetAuthenticationStateAsync()).User) is { } user ? new OpsActor(user.UserName, user.DisplayName, user.Roles) : null;
}
