using Microsoft.AspNetCore.Components.Authorization;
using SiteBuilder.Generation.Pipeline;
using SiteBuilder.Generation.Records;
using SiteBuilder.Portal.Api;
using SiteBuilder.Portal.Auth;

namespace SiteBuilder.Portal.Components.Pages.Workspace;

/// <summary>What a start asked for: the generation it started, or the tenant's limit that refused it (said for the page).</summary>
public sealed record WorkspaceStart(GenerationRecord? Generation, string? Limited);

/// <summary>
/// What the workspace pages change for a tenant: start or refine a page, cancel one, restore a version, rename a site. Each runs
/// as the account is now (<see cref="ActingUser"/>): it must still hold the tenant and a role of <see cref="Policies.GeneratePages"/>
/// when the action runs, not only when the page opened; otherwise <see cref="AccessRefusedException"/> and nothing is written.
/// </summary>
public sealed class WorkspaceActions(
    AuthenticationStateProvider authentication,
    ActingUser acting,
    GenerationService generations,
    TenantRateLimiter limits,
    ConcurrencyLimits concurrency)
{
    /// <summary>Starts a generation (or, with a site and parent, a refinement). A request the rules refuse throws <see cref="GenerationRequestException"/>.</summary>
    public async Task<WorkspaceStart> StartAsync(string tenant, GenerationRequest request, CancellationToken cancellationToken)
    {
        var user = await RequireAsync(tenant, cancellationToken);
        if (GenerationRequestRules.Validate(request) is { Count: > 0 } errors)
        {
            throw new GenerationRequestException(errors.Keys.First(), string.Join(" ", errors.SelectMany(e => e.Value)));
        }

        // The tenant's generation budget is one, whether the page is started here or through /v1.
        var decision = await limits.AcquireAsync(tenant, RateLimitGroup.Generation, cancellationToken);
        var limited = decision.Allowed ? concurrency.RefuseGeneration(tenant)?.Message : decision.PortalMessage(tenant);
        return limited is not null
            ? new WorkspaceStart(null, limited)
            : new WorkspaceStart(await generations.StartAsync(tenant, user.UserName, request, cancellationToken), null);
    }

    public async Task<GenerationRecord> CancelAsync(GenerationRecord generation, CancellationToken cancellationToken)
    {
        await RequireAsync(generation.Tenant, cancellationToken);
        return await generations.CancelAsync(generation, cancellationToken);
    }

    public async Task<Site> RestoreAsync(string tenant, GenerationRecord version, CancellationToken cancellationToken)
    {
        await RequireAsync(tenant, cancellationToken);
        return await generations.RestoreAsync(tenant, version, cancellationToken);
    }

    public async Task<Site> RenameSiteAsync(string tenant, string siteId, string? name, CancellationToken cancellationToken)
    {
        await RequireAsync(tenant, cancellationToken);
        return await generations.RenameSiteAsync(tenant, siteId, name, cancellationToken);
    }

    private async Task<PortalUser> RequireAsync(string tenant, CancellationToken cancellationToken) =>
        await acting.RequireForTenantAsync((await authentication.GetAuthenticationStateAsync()).User, tenant, Policies.GeneratePages, cancellationToken);
}
