using SiteBuilder.Portal.Auth;

namespace SiteBuilder.Portal.Api;

public static class ApiRouteBuilderExtensions
{
    /// <summary>
    /// A <c>/v1</c> group: bearer-token authenticated, tenant-scoped (DESIGN §5), never cached.
    /// Every feature's <c>Map…Api</c> builds on this, so no route can forget the checks.
    /// </summary>
    public static RouteGroupBuilder MapV1(this IEndpointRouteBuilder app, string prefix = "") =>
        app.MapGroup($"/v1{prefix}")
            .RequireAuthorization(PortalAuthentication.ApiPolicy)
            .AddEndpointFilter<TenantScopeFilter>()
            .DisableAntiforgery()
            .AddEndpointFilter(async (context, next) =>
            {
                context.HttpContext.Response.Headers.CacheControl = "no-store";
                return await next(context);
            });
}
