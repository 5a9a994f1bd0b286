using Microsoft.AspNetCore.Authorization;
using SiteBuilder.Identity;

namespace SiteBuilder.Portal.Auth;

/// <summary>
/// The named authorization policies: one set for the <c>/v1</c> route groups and the Razor pages alike
/// (<c>.RequireAuthorization(Policies.GeneratePages)</c>, <c>[Authorize(Policy = Policies.GeneratePages)]</c>,
/// <c>IAuthorizationService.AuthorizeAsync(user, new TenantResource(tenant), Policies.GeneratePages)</c>). The role policies name no
/// authentication scheme, so a route group adds the bearer scheme (<see cref="Api"/>) and a page uses the portal cookie.
/// Operations policies go beside these (e.g. <c>ApproveProd</c>), registered in <see cref="AddPortalPolicies"/>.
/// </summary>
public static class Policies
{
    /// <summary>Any caller with a valid bearer token (the scheme every <c>/v1</c> group carries).</summary>
    public const string Api = PortalAuthentication.ApiPolicy;

    /// <summary>Manage accounts and roles: administrators, on the portal cookie.</summary>
    public const string ManageUsers = PortalAuthentication.AdminPolicy;

    /// <summary>Generate, refine, compare and download a tenant's pages.</summary>
    public const string GeneratePages = "GeneratePages";

    /// <summary>Read brand reports and validate pages against a tenant's brand.</summary>
    public const string ValidatePages = "ValidatePages";

    /// <summary>See and change a tenant's brand assets and brand kit, and run the image and design agents.</summary>
    public const string BrandAssets = "BrandAssets";

    /// <summary>Which roles each tenant policy admits (always also a member of the tenant the request acts for).</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> TenantRoles = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        [GeneratePages] = [Roles.Marketer, Roles.Admin],
        [ValidatePages] = [Roles.Marketer, Roles.Admin],
        [BrandAssets] = [Roles.Marketer, Roles.Admin],
    };

    /// <summary>
    /// The tenant policy's rule for code that must answer synchronously (markup deciding what to show). Actions still go through
    /// <c>IAuthorizationService</c>; both end in <see cref="TenantRoleRequirement.IsMet"/>.
    /// </summary>
    public static bool Allows(PortalUser user, string tenant, string policy) =>
        new TenantRoleRequirement(TenantRoles[policy]).IsMet(user, tenant);

    public static AuthorizationBuilder AddPortalPolicies(this AuthorizationBuilder builder)
    {
        foreach (var (name, roles) in TenantRoles)
        {
            builder.AddPolicy(name, policy => policy.RequireAuthenticatedUser().AddRequirements(new TenantRoleRequirement(roles)));
        }

        return builder;
    }
}

/// <summary>The tenant a request acts for, as the resource of a tenant policy: <c>AuthorizeAsync(user, new TenantResource(t), policy)</c>.</summary>
public sealed record TenantResource(string Tenant);

/// <summary>"A member of this tenant with one of these roles."</summary>
public sealed class TenantRoleRequirement(IReadOnlyList<string> roles) : IAuthorizationRequirement
{
    public IReadOnlyList<string> Roles { get; } = roles;

    /// <summary>The user holds one of the roles and, when a tenant is named, may act for it.</summary>
    public bool IsMet(PortalUser? user, string? tenant) =>
        user is not null && user.IsInAnyRole(Roles) && (tenant is null || (TenantId.IsValid(tenant) && user.CanActFor(tenant)));
}

/// <summary>
/// Decides <see cref="TenantRoleRequirement"/>. With a <see cref="TenantResource"/> the user must be able to act for that tenant;
/// on a route or page (no tenant yet) only the role is checked here, and the tenant by the <c>/v1</c> tenant filter (a token carries
/// exactly one tenant) or by the page, with a <see cref="TenantResource"/>, once it knows which tenant it shows.
/// </summary>
internal sealed class TenantRoleHandler : AuthorizationHandler<TenantRoleRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, TenantRoleRequirement requirement)
    {
        if (requirement.IsMet(PortalUser.From(context.User), (context.Resource as TenantResource)?.Tenant))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
