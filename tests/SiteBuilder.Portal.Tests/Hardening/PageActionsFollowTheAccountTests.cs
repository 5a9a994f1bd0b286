using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using SiteBuilder.Generation.Pipeline;
using SiteBuilder.Identity;
using SiteBuilder.Identity.Accounts;
using SiteBuilder.Operations;
using SiteBuilder.Operations.Audit;
using SiteBuilder.Operations.Promotions;
using SiteBuilder.Operations.Releases;
using SiteBuilder.Portal.Auth;
using SiteBuilder.Portal.Components.Pages.Operations;
using SiteBuilder.Portal.Components.Pages.Workspace;

namespace SiteBuilder.Portal.Tests.Hardening;

/// <summary>
/// An open page whose account changed a moment ago (before the circuit's 30-second re-check) cannot act with what the account
/// no longer has. Each test resolves the services a page uses from a circuit-like scope whose principal is the one the page
/// opened with, and runs the page's action as the page does.
/// </summary>
public sealed class PageActionsFollowTheAccountTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ASignOffByATechLeadWhoseRoleWasJustRemovedIsRefusedAndNotRecorded()
    {
        var promotionId = await DevPromotionAsync();
        var (techLead, _) = await portal.Factory.CreateUserAsync([Roles.TechLead, Roles.Operator], [], displayName: "Tom TechLead");
        using var page = OpenPage(PortalAuthentication.LocalPrincipal(techLead, DateTimeOffset.UtcNow));
        var promotions = page.ServiceProvider.GetRequiredService<PromotionService>();
        var actor = page.ServiceProvider.GetRequiredService<OpsPageActor>();

        await portal.Factory.Accounts.SetRolesAsync(techLead.UserName, [Roles.Operator], Ct);

        // PromotionPage.SignAsync
        var refused = await Assert.ThrowsAsync<OperationsException>(async () =>
            await promotions.ApproveAsync(promotionId, Roles.TechLead, "looks good", await actor.RequireAsync(OperationsPolicies.Approve), Ct));
        Assert.Equal(OperationsError.Forbidden, refused.Error);
        Assert.Equal("Your access changed: you no longer have the Tech Lead role. Reload the page.", refused.Message);
        Assert.Empty((await promotions.GetAsync(promotionId, Ct)).Request.Approvals);
        var audit = portal.Factory.Services.GetRequiredService<AuditLog>();
        Assert.DoesNotContain(await audit.QueryAsync(new AuditQuery(Actor: techLead.UserName), Ct), e => e.Action == "promotion.approved");

        // The same path records the sign-off of a TechLead who still is one.
        var (other, _) = await portal.Factory.CreateUserAsync([Roles.TechLead], [], displayName: "Tia TechLead");
        using var otherPage = OpenPage(PortalAuthentication.LocalPrincipal(other, DateTimeOffset.UtcNow));
        await otherPage.ServiceProvider.GetRequiredService<PromotionService>().ApproveAsync(
            promotionId, Roles.TechLead, "looks good", await otherPage.ServiceProvider.GetRequiredService<OpsPageActor>().RequireAsync(OperationsPolicies.Approve), Ct);
        Assert.Equal([other.UserName], (await promotions.GetAsync(promotionId, Ct)).Request.Approvals.Select(a => a.By));
    }

    [Fact]
    public async Task AGenerationStartedFromTheWorkspaceForATenantTheAccountNoLongerHasIsRefusedAndNothingStarts()
    {
        var (kept, lost) = (NewTenant(), NewTenant());
        var (marketer, _) = await portal.Factory.CreateUserAsync([Roles.Marketer], [kept, lost]);
        using var page = OpenPage(PortalAuthentication.LocalPrincipal(marketer, DateTimeOffset.UtcNow));
        var workspace = page.ServiceProvider.GetRequiredService<WorkspaceActions>();
        var generations = page.ServiceProvider.GetRequiredService<GenerationService>();
        var request = new GenerationRequest { Prompt = "A landing page for a winter coffee sale" };

        await portal.Factory.Accounts.SetTenantsAsync(marketer.UserName, [kept], Ct);

        // Workspace.RunAsync
        var refused = await Assert.ThrowsAsync<AccessRefusedException>(() => workspace.StartAsync(lost, request, Ct));
        Assert.Equal($"Your access changed: you no longer work for {lost}. Reload the page.", refused.Message);
        Assert.Empty((await generations.ListAsync(lost, 10, null, Ct)).Items);
        Assert.Empty(await generations.ListSitesAsync(lost, Ct));

        // Reloaded, the page has the account as it is now, and starts pages for the tenant it kept.
        using var reloaded = OpenPage(PortalAuthentication.LocalPrincipal((await portal.Factory.Accounts.FindAsync(marketer.UserName, Ct))!, DateTimeOffset.UtcNow));
        var started = await reloaded.ServiceProvider.GetRequiredService<WorkspaceActions>().StartAsync(kept, request, Ct);
        Assert.Equal(kept, started.Generation?.Tenant);
        Assert.Equal(marketer.UserName, started.Generation!.CreatedBy);
    }

    private static string NewTenant() => "pa" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>A scope like a circuit's: its authentication state is the principal the page was opened with.</summary>
    private IServiceScope OpenPage(ClaimsPrincipal principal)
    {
        var scope = portal.Factory.Services.CreateScope();
        ((IHostEnvironmentAuthenticationStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>())
            .SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        return scope;
    }

    /// <summary>A release and a promotion of it to DEV (which needs a TechLead sign-off), requested by an operator.</summary>
    private async Task<string> DevPromotionAsync()
    {
        var services = portal.Factory.Services;
        var requester = new OpsActor("ops-" + Guid.NewGuid().ToString("N")[..8], "Olga Operator", [Roles.Operator]);
        var version = $"1.{RandomNumberGenerator.GetInt32(1000)}.{RandomNumberGenerator.GetInt32(100000)}";
        await services.GetRequiredService<ReleaseService>().RegisterAsync(new NewRelease(version,
            Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20)), "sha256:" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)),
            Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)), "notes", new ReleaseEvidence { TestsPassed = true, ReviewApproved = true }), requester, Ct);
        return (await services.GetRequiredService<PromotionService>().RequestAsync(version, "dev", null, requester, Ct)).Id;
    }
}
