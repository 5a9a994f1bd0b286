using SiteBuilder.Portal.Auth;

namespace SiteBuilder.Portal.Api;

/// <summary>The caller of a <c>/v1</c> request after authentication and the tenant checks.</summary>
public sealed record ApiCaller(PortalUser User, string Tenant)
{
    public static ApiCaller From(HttpContext context) =>
        context.Items[typeof(ApiCaller)] as ApiCaller
        ?? throw new InvalidOperationException("The endpoint is not in a tenant-scoped /v1 group.");
}

/// <summary>
/// DESIGN §5: the token's tenant must equal <c>X-Tenant-Id</c>, and a <c>{tenant_id}</c> in the path must equal both.
/// A mismatch is 403 FORBIDDEN; another tenant's resource is answered 404 by the endpoints themselves.
/// </summary>
internal sealed class TenantScopeFilter : IEndpointFilter
{
    public const string Header = "X-Tenant-Id";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var user = PortalUser.From(http.User);
        if (user is null)
        {
            return ApiProblems.Problem(StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized, "Unauthorized.", "Send a bearer token.");
        }

        var header = http.Request.Headers[Header].ToString();
        if (string.IsNullOrWhiteSpace(header))
        {
            return ApiProblems.Validation(Header, $"Send the {Header} header with your tenant id.");
        }

        // An API principal carries exactly the one tenant its token was issued for.
        var tokenTenant = user.Tenants.Count == 1 ? user.Tenants[0] : null;
        if (tokenTenant is null || !string.Equals(header, tokenTenant, StringComparison.Ordinal))
        {
            return ApiProblems.Forbidden($"The {Header} header does not match the token's tenant.");
        }

        if (http.Request.RouteValues.TryGetValue("tenant_id", out var routeTenant) && !string.Equals(routeTenant as string, tokenTenant, StringComparison.Ordinal))
        {
            return ApiProblems.Forbidden("The tenant in the path does not match the token's tenant.");
        }

        http.Items[typeof(ApiCaller)] = new ApiCaller(user, tokenTenant);
        return await next(context);
    }
}
