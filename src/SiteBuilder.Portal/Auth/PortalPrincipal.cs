using System.Security.Claims;
using SiteBuilder.Identity;

namespace SiteBuilder.Portal.Auth;

/// <summary>
/// The one shape of a signed-in caller, whether from the portal cookie (local or Entra) or a <c>/v1</c> bearer token
/// (local issuer or Cognito). Everything downstream reads these claims, never a provider's own.
/// </summary>
public static class PortalClaims
{
    public const string Subject = "sub";
    public const string UserName = "user";
    public const string DisplayName = ClaimTypes.Name;
    public const string Role = ClaimTypes.Role;
    /// <summary>On a portal session: every tenant the user may act for. On an API token: the one tenant it was issued for.</summary>
    public const string Tenant = "tenant";
    /// <summary>local, entra or cognito.</summary>
    public const string Source = "auth_source";

    public const string LocalSource = "local";
    public const string EntraSource = "entra";
    public const string CognitoSource = "cognito";

    /// <summary>A local session's copy of the account's security stamp; a different stamp on the account ends the session.</summary>
    public const string SecurityStamp = "sstamp";

    /// <summary>When the person signed in (Unix seconds): the absolute session lifetime counts from here.</summary>
    public const string AuthTime = "auth_time";

    public static ClaimsPrincipal Create(string authenticationType, string subject, string userName, string displayName, IEnumerable<string> roles, IEnumerable<string> tenants, string source)
    {
        var identity = new ClaimsIdentity(authenticationType, DisplayName, Role);
        identity.AddClaim(new Claim(Subject, subject));
        identity.AddClaim(new Claim(UserName, userName));
        identity.AddClaim(new Claim(DisplayName, displayName));
        identity.AddClaim(new Claim(Source, source));
        identity.AddClaims(roles.Distinct().Select(role => new Claim(Role, role)));
        identity.AddClaims(tenants.Distinct().Select(tenant => new Claim(Tenant, tenant)));
        return new ClaimsPrincipal(identity);
    }
}

/// <summary>Typed reading of <see cref="PortalClaims"/>.</summary>
public sealed record PortalUser(string Subject, string UserName, string DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<string> Tenants, string Source)
{
    public static PortalUser? From(ClaimsPrincipal? principal)
    {
        if (principal?.Identity?.IsAuthenticated != true || principal.FindFirstValue(PortalClaims.Subject) is not { } subject)
        {
            return null;
        }

        return new PortalUser(
            subject,
            principal.FindFirstValue(PortalClaims.UserName) ?? subject,
            principal.FindFirstValue(PortalClaims.DisplayName) ?? subject,
            [.. principal.FindAll(PortalClaims.Role).Select(c => c.Value)],
            [.. principal.FindAll(PortalClaims.Tenant).Select(c => c.Value).Order(StringComparer.Ordinal)],
            principal.FindFirstValue(PortalClaims.Source) ?? PortalClaims.LocalSource);
    }

    public bool IsLocal => Source == PortalClaims.LocalSource;

    public bool IsInRole(string role) => Roles.Contains(role);

    public bool IsInAnyRole(IEnumerable<string> roles) => roles.Any(IsInRole);

    /// <summary>Admins act for every tenant; everyone else for the tenants on their account.</summary>
    public bool CanActFor(string tenant) => IsInRole(Identity.Roles.Admin) || Tenants.Contains(tenant);

    public string Initials => string.Concat(DisplayName.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2).Select(w => char.ToUpperInvariant(w[0])));
}
