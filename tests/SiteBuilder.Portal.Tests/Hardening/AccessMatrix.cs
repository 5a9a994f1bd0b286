using SiteBuilder.Identity;

namespace SiteBuilder.Portal.Tests.Hardening;

/// <summary>
/// THE table of who may do what: every route and page of the app's endpoint table, with the roles allowed. A new route or page
/// without a row fails <see cref="AccessMatrixTests"/>; add its row here (operations routes go beside the others).
/// </summary>
internal static class AccessMatrix
{
    public static readonly string[] Everyone = [.. Roles.All];

    private static readonly string[] TenantContent = [Roles.Marketer, Roles.Admin];

    private static readonly string[] Admins = [Roles.Admin];

    private static readonly string[] OpsView = [.. Auth.OperationsPolicies.ViewRoles];

    private static readonly string[] OpsRequest = [.. Auth.OperationsPolicies.RequestRoles];

    private static readonly string[] OpsApprove = [.. Auth.OperationsPolicies.ApproveRoles];

    /// <summary>"METHOD pattern" → roles allowed. Anonymous routes (health, sign-in, keys, the OpenAPI files) are listed in <see cref="Anonymous"/>.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Allowed = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        // /v1, bearer tokens
        ["GET /v1/me"] = Everyone,
        ["POST /v1/agents/logo"] = TenantContent,
        ["POST /v1/agents/background"] = TenantContent,
        ["POST /v1/agents/theme"] = TenantContent,
        ["POST /v1/agents/layout"] = TenantContent,
        ["GET /v1/assets"] = TenantContent,
        ["POST /v1/assets"] = TenantContent,
        ["GET /v1/assets/{id}"] = TenantContent,
        ["GET /v1/assets/{id}/content"] = TenantContent,
        ["DELETE /v1/assets/{id}"] = TenantContent,
        ["GET /v1/brand-kit"] = TenantContent,
        ["PUT /v1/brand-kit"] = TenantContent,
        ["POST /v1/sites/{tenant_id}/generation"] = TenantContent,
        ["GET /v1/sites/{tenant_id}/generations"] = TenantContent,
        ["GET /v1/sites/{tenant_id}/generations/{generation_id}"] = TenantContent,
        ["GET /v1/sites/{tenant_id}/generations/{generation_id}/events"] = TenantContent,
        ["GET /v1/sites/{tenant_id}/generations/{generation_id}/html"] = TenantContent,
        ["GET /v1/sites/{tenant_id}/generations/{generation_id}/report"] = TenantContent,
        ["POST /v1/sites/{tenant_id}/generations/{generation_id}/cancel"] = TenantContent,
        ["GET /v1/sites/{site_id}/validate"] = TenantContent,
        ["POST /v1/validate"] = TenantContent,

        // /v1/ops, organisation-wide: the ops roles, and narrower ones for requesting and signing off
        ["GET /v1/ops/environments"] = OpsView,
        ["GET /v1/ops/releases"] = OpsView,
        ["POST /v1/ops/releases"] = OpsRequest,
        ["GET /v1/ops/releases/{version}"] = OpsView,
        ["GET /v1/ops/deployments"] = OpsView,
        ["GET /v1/ops/deployments/{id}"] = OpsView,
        ["GET /v1/ops/promotions"] = OpsView,
        ["POST /v1/ops/promotions"] = OpsRequest,
        ["GET /v1/ops/promotions/{id}"] = OpsView,
        ["POST /v1/ops/promotions/{id}/checks/{check}"] = OpsRequest,
        ["POST /v1/ops/promotions/{id}/approvals"] = OpsApprove,
        ["POST /v1/ops/promotions/{id}/quality-override"] = OpsApprove,
        ["POST /v1/ops/promotions/{id}/deploy"] = OpsRequest,
        ["GET /v1/ops/rollbacks"] = OpsView,
        ["GET /v1/ops/rollbacks/preview"] = OpsView,
        ["POST /v1/ops/rollbacks"] = OpsRequest,
        ["GET /v1/ops/rollbacks/{id}"] = OpsView,
        ["GET /v1/ops/rollbacks/{id}/preview"] = OpsView,
        ["POST /v1/ops/rollbacks/{id}/approvals"] = OpsApprove,
        ["POST /v1/ops/rollbacks/{id}/execute"] = OpsRequest,
        ["POST /v1/ops/rollbacks/{id}/follow-ups/{item}"] = OpsRequest,
        ["GET /v1/ops/restores/sources"] = OpsView,
        ["GET /v1/ops/restores"] = OpsView,
        ["POST /v1/ops/restores"] = OpsRequest,
        ["GET /v1/ops/restores/{id}"] = OpsView,
        ["POST /v1/ops/restores/{id}/approvals"] = OpsApprove,
        ["POST /v1/ops/restores/{id}/execute"] = OpsRequest,
        ["GET /v1/ops/audit"] = OpsView,
        ["GET /v1/ops/metrics"] = OpsView,
        ["GET /v1/ops/alarms"] = OpsView,

        // The portal, on its cookie
        ["GET /assets/{tenant}/{id}/content"] = TenantContent,
        ["GET /portal/sites/{tenant}/{generationId}/preview"] = TenantContent,
        ["GET /portal/sites/{tenant}/{generationId}/download"] = TenantContent,
        ["GET /docs/api"] = Everyone,
        ["GET /"] = Everyone,
        ["GET /access-denied"] = Everyone,
        ["GET /account/profile"] = Everyone,
        ["GET /account/tokens"] = Everyone,
        ["GET /assets"] = TenantContent,
        ["GET /workspace"] = TenantContent,
        ["GET /workspace/{Tenant}"] = TenantContent,
        ["GET /workspace/{Tenant}/{SiteId}"] = TenantContent,
        ["GET /workspace/{Tenant}/{SiteId}/compare"] = TenantContent,
        ["GET /sites"] = TenantContent,
        ["GET /sites/{Tenant}"] = TenantContent,
        ["GET /reports"] = TenantContent,
        ["GET /reports/{Tenant}"] = TenantContent,
        ["GET /reports/{Tenant}/{GenerationId}"] = TenantContent,
        ["GET /validate"] = TenantContent,
        ["GET /admin/users"] = Admins,
        ["GET /runbooks"] = Everyone,
        ["GET /runbooks/{Name}"] = Everyone,
        ["GET /runbooks/docs/{DocName}"] = Everyone,
        ["GET /ops"] = OpsView,
        ["GET /ops/dashboard"] = OpsView,
        ["GET /ops/approvals"] = OpsApprove,
        ["GET /ops/audit"] = OpsView,
        ["GET /ops/promotions"] = OpsView,
        ["GET /ops/promotions/{Id}"] = OpsView,
        ["GET /ops/releases"] = OpsView,
        ["GET /ops/releases/{Version}"] = OpsView,
        ["GET /ops/restores"] = OpsView,
        ["GET /ops/rollbacks"] = OpsView,
        ["GET /ops/rollbacks/{Id}"] = OpsView,
    };

    /// <summary>Routes anyone may call, signed in or not; also checked (for not asking to sign in).</summary>
    public static readonly IReadOnlySet<string> Anonymous = new HashSet<string>(StringComparer.Ordinal)
    {
        "GET /health", "GET /health/ready", "GET /account/login", "GET /account/login/entra", "POST /account/logout", "GET /.well-known/jwks.json",
        "GET /openapi/{name}.yaml", "GET /error", "GET /not-found",
    };
}
