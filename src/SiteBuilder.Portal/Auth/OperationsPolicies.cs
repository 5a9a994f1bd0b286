using Microsoft.AspNetCore.Authorization;
using SiteBuilder.Identity;

namespace SiteBuilder.Portal.Auth;

/// <summary>
/// Who may do what in Operations, for pages (portal cookie) and <c>/v1/ops</c> (bearer tokens) alike. These decide the kind of
/// action; the operations policy then decides the particular request (which role signs which slot, no self-approval).
/// </summary>
public static class OperationsPolicies
{
    /// <summary>See the board, releases, requests and the audit log.</summary>
    public const string View = "Operations.View";

    /// <summary>Request promotions, rollbacks and restores, tick checklists, press Deploy and Run, register releases.</summary>
    public const string Request = "Operations.Request";

    /// <summary>Sign off requests (the operations policy checks the role per slot).</summary>
    public const string Approve = "Operations.Approve";

    public const string ApiView = "Operations.Api.View";
    public const string ApiRequest = "Operations.Api.Request";
    public const string ApiApprove = "Operations.Api.Approve";

    public static readonly IReadOnlyList<string> ViewRoles = [Roles.Operator, Roles.TechLead, Roles.DevOpsLead, Roles.ProductOwner, Roles.Admin];
    public static readonly IReadOnlyList<string> RequestRoles = [Roles.Operator, Roles.TechLead, Roles.DevOpsLead];
    public static readonly IReadOnlyList<string> ApproveRoles = [Roles.Operator, Roles.TechLead, Roles.DevOpsLead, Roles.ProductOwner];

    public static AuthorizationBuilder AddOperationsPolicies(this AuthorizationBuilder builder)
    {
        foreach (var (page, api, roles) in new[] { (View, ApiView, ViewRoles), (Request, ApiRequest, RequestRoles), (Approve, ApiApprove, ApproveRoles) })
        {
            builder.AddPolicy(page, policy => policy.AddAuthenticationSchemes(PortalAuthentication.CookieScheme).RequireRole(roles));
            builder.AddPolicy(api, policy => policy.AddAuthenticationSchemes(PortalAuthentication.ApiScheme).RequireRole(roles));
        }

        return builder;
    }
}
