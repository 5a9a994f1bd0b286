using Microsoft.AspNetCore.Authorization;
using SiteBuilder.Identity;
using SiteBuilder.Identity.Tokens;

namespace SiteBuilder.Portal.Auth;

/// <summary>Who may read dashboards, metrics and alarms: the organisation-wide ops roles, never a marketer alone.</summary>
public static class ObservabilityPolicies
{
    /// <summary>Bearer tokens (<c>/v1/ops/metrics</c>, <c>/v1/ops/alarms</c>) of users with an ops role.</summary>
    public const string ReadOpsApi = "ObservabilityReadOpsApi";

    /// <summary>The portal's dashboard page (cookie sign-in) for users with an ops role.</summary>
    public const string ViewDashboards = "ObservabilityViewDashboards";

    public static readonly string[] OpsRoles = [Roles.Operator, Roles.TechLead, Roles.DevOpsLead, Roles.ProductOwner, Roles.Admin];

    public static AuthorizationBuilder AddObservabilityPolicies(this AuthorizationBuilder authorization)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        return authorization
            // Local and Cognito tokens carry roles in a "roles" claim; the portal principal maps them to role claims.
            .AddPolicy(ReadOpsApi, policy => policy.AddAuthenticationSchemes(PortalAuthentication.ApiScheme).RequireAuthenticatedUser()
                .RequireAssertion(context => OpsRoles.Any(role => context.User.IsInRole(role) || context.User.HasClaim(TokenClaims.Roles, role))))
            .AddPolicy(ViewDashboards, policy => policy.AddAuthenticationSchemes(PortalAuthentication.CookieScheme).RequireAuthenticatedUser().RequireRole(OpsRoles));
    }
}
