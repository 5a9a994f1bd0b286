using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using SiteBuilder.Operations;
using SiteBuilder.Portal.Auth;

namespace SiteBuilder.Portal.Components.Pages.Operations;

/// <summary>
/// The signed-in person for an Operations page action. An action needs an <see cref="OpsActor"/>, and pages get one only from
/// <see cref="RequireAsync"/>: the account as it is now (<see cref="ActingUser"/>), allowed the named policy for that kind of
/// action, so neither a hidden button nor the circuit's older principal is ever the only check.
/// </summary>
public sealed class OpsPageActor(AuthenticationStateProvider authentication, IAuthorizationService authorization, ActingUser acting)
{
    /// <summary>The person as the account store says now; <see cref="OperationsException"/> (forbidden) saying what changed otherwise.</summary>
    public async Task<OpsActor> RequireAsync(string policy)
    {
        try
        {
            var user = await acting.RequireAsync((await authentication.GetAuthenticationStateAsync()).User, policy);
            return new OpsActor(user.UserName, user.DisplayName, user.Roles);
        }
        catch (AccessRefusedException e)
        {
            throw OperationsException.Forbidden(e.Message);
        }
    }

    /// <summary>For what a page shows, not for acting: whether the circuit's principal has the policy.</summary>
    public async Task<bool> AllowsAsync(string policy) =>
        (await authorization.AuthorizeAsync((await authentication.GetAuthenticationStateAsync()).User, policy)).Succeeded;

    /// <summary>For what a page shows, not for acting: the circuit's principal.</summary>
    public async Task<OpsActor?> CurrentAsync() =>
        PortalUser.From((await authentication.GetAuthenticationStateAsync()).User) is { } user ? new OpsActor(user.UserName, user.DisplayName, user.Roles) : null;
}
