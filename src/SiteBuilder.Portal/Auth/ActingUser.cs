using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using SiteBuilder.Identity;
using SiteBuilder.Identity.Accounts;

namespace SiteBuilder.Portal.Auth;

/// <summary>
/// Who is acting, at the moment of an action started from a portal page. A circuit keeps the principal it was opened with
/// (re-checked only every 30 s by <see cref="AccountRevalidatingStateProvider"/>), so every state-changing page action asks here
/// first: for a local account the account is read again from the store itself (not the status cache) and the action runs as the
/// account is now, or is refused (disabled, gone, security stamp changed, a role or tenant removed, session past its absolute
/// lifetime). Accounts from Cognito or Entra ID have no store record: their principal is kept, so a change to their groups or
/// app roles takes effect at their next sign-in or token refresh.
/// </summary>
public sealed class ActingUser(IAccountStore accounts, IAuthorizationService authorization, IOptions<AccountOptions> options, TimeProvider clock)
{
    /// <summary>
    /// The rules a principal must still meet to act at all; the circuit's periodic re-check uses the same ones.
    /// The refusal names what changed, for the page to show.
    /// </summary>
    public async Task<ActingCheck> CheckAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        var user = PortalUser.From(principal);
        if (user is null)
        {
            return ActingCheck.Refused("You are signed out. Reload the page and sign in again.");
        }

        if (PortalAuthentication.AuthTimeOf(principal) is not { } authTime || clock.GetUtcNow() - authTime > options.Value.AbsoluteSessionLifetime)
        {
            return ActingCheck.Refused("Your session has ended: sessions last a fixed time from sign-in. Reload the page and sign in again.");
        }

        if (!user.IsLocal)
        {
            return new ActingCheck(user, principal, null);
        }

        var account = await accounts.FindAsync(user.UserName, cancellationToken);
        // Roles and tenants come before the stamp (losing one renews it) so the message can name what was lost.
        var refusal = account switch
        {
            null => "your account no longer exists",
            { Disabled: true } => "your account was disabled",
            _ when user.Roles.FirstOrDefault(role => !account.Roles.Contains(role)) is { } role => $"you no longer have the {Roles.Title(role)} role",
            _ when user.Tenants.FirstOrDefault(tenant => !account.Tenants.Contains(tenant)) is { } tenant => $"you no longer work for {tenant}",
            _ when !string.Equals(account.SecurityStamp, principal.FindFirstValue(PortalClaims.SecurityStamp) ?? "", StringComparison.Ordinal) =>
                "your password was changed or you were signed out everywhere",
            _ => null,
        };

        if (refusal is not null)
        {
            return ActingCheck.Refused($"Your access changed: {refusal}. Reload the page.");
        }

        var now = PortalAuthentication.LocalPrincipal(account!, authTime);
        return new ActingCheck(PortalUser.From(now)!, now, null);
    }

    /// <summary>
    /// The user as the account store says now, allowed <paramref name="policy"/> (for a tenant policy, on a <see cref="TenantResource"/>)
    /// now; otherwise <see cref="AccessRefusedException"/> with a message for the page. Nothing has been written when it throws.
    /// </summary>
    public async Task<PortalUser> RequireAsync(ClaimsPrincipal principal, string? policy = null, object? resource = null, CancellationToken cancellationToken = default)
    {
        var check = await CheckAsync(principal, cancellationToken);
        if (check.Refusal is { } refusal)
        {
            throw new AccessRefusedException(refusal);
        }

        if (policy is not null && !(await authorization.AuthorizeAsync(check.Principal!, resource, policy)).Succeeded)
        {
            throw new AccessRefusedException(resource is TenantResource { Tenant: var tenant }
                ? $"Your roles do not allow this for {tenant}. Reload the page to see what you can do."
                : "Your roles do not allow this action. Reload the page to see what you can do.");
        }

        return check.User!;
    }

    /// <summary>Requires a tenant policy (<see cref="Policies.GeneratePages"/>, …) for <paramref name="tenant"/>.</summary>
    public Task<PortalUser> RequireForTenantAsync(ClaimsPrincipal principal, string tenant, string policy, CancellationToken cancellationToken = default) =>
        RequireAsync(principal, policy, new TenantResource(tenant), cancellationToken);
}

/// <summary>
/// The answer of <see cref="ActingUser.CheckAsync"/>: the user and a principal as they are now (for a local account, from the
/// store), or why the principal may no longer act.
/// </summary>
public sealed record ActingCheck(PortalUser? User, ClaimsPrincipal? Principal, string? Refusal)
{
    public bool Allowed => Refusal is null;

    public static ActingCheck Refused(string why) => new(null, null, why);
}

/// <summary>A page action refused because the person's access is not (or no longer) what the action needs; the message says what changed.</summary>
public sealed class AccessRefusedException(string message) : Exception(message);
