using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using SiteBuilder.Generation.Pipeline;
using SiteBuilder.Generation.Records;
using SiteBuilder.Identity;
using SiteBuilder.Identity.Accounts;
using SiteBuilder.Operations;
using SiteBuilder.Operations.Environments;
using SiteBuilder.Portal.Auth;
using SiteBuilder.Portal.Components.Pages.Operations;

namespace SiteBuilder.Portal.Components.Pages;

/// <summary>What Home shows a person: a panel per kind of work their roles give; a null part is a panel not shown.</summary>
public sealed record HomeWork(
    IReadOnlyList<Site>? Sites,
    IReadOnlyList<InboxItem>? Approvals,
    IReadOnlyList<(OpsEnvironment Environment, LiveRelease? Live)>? Environments,
    (int Active, int Disabled)? Accounts)
{
    public static readonly HomeWork None = new(null, null, null, null);

    public bool IsEmpty => Sites is null && Approvals is null && Environments is null && Accounts is null;
}

/// <summary>
/// Gathers Home's panels. Each follows the policy of the page it leads to, so Home never offers what the next click
/// would refuse: a marketer's recent pages, an operator's environments (and sign-offs for an approver), an admin's people.
/// </summary>
public sealed class HomeOverview(
    IAuthorizationService authorization,
    TenantChoices tenants,
    GenerationService generations,
    EnvironmentCatalog environments,
    EnvironmentStates states,
    ApprovalsInbox inbox,
    AccountService accounts)
{
    public const int RecentSites = 5;

    public async Task<HomeWork> ForAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        if (PortalUser.From(principal) is not { } user)
        {
            return HomeWork.None;
        }

        IReadOnlyList<Site>? sites = null;
        if (user.IsInRole(Roles.Marketer))
        {
            var found = new List<Site>();
            foreach (var tenant in (await tenants.ForAsync(user, cancellationToken)).Where(t => Policies.Allows(user, t, Policies.GeneratePages)))
            {
                found.AddRange(await generations.ListSitesAsync(tenant, cancellationToken));
            }

            sites = [.. found.OrderByDescending(s => s.UpdatedAt).Take(RecentSites)];
        }

        // An administrator sees operations through their own pages; Home keeps to people and access for them.
        IReadOnlyList<(OpsEnvironment, LiveRelease?)>? live = null;
        IReadOnlyList<InboxItem>? approvals = null;
        if (!user.IsInRole(Roles.Admin) && (await authorization.AuthorizeAsync(principal, OperationsPolicies.View)).Succeeded)
        {
            var list = new List<(OpsEnvironment, LiveRelease?)>();
            foreach (var environment in environments.All)
            {
                list.Add((environment, (await states.GetAsync(environment.Name, cancellationToken)).Live));
            }

            live = list;
            if ((await authorization.AuthorizeAsync(principal, OperationsPolicies.Approve)).Succeeded)
            {
                approvals = await inbox.ForAsync(new OpsActor(user.UserName, user.DisplayName, user.Roles), cancellationToken);
            }
        }

        (int, int)? people = null;
        if ((await authorization.AuthorizeAsync(principal, Policies.ManageUsers)).Succeeded)
        {
            var all = await accounts.ListAsync(cancellationToken);
            people = (all.Count(a => !a.Disabled), all.Count(a => a.Disabled));
        }

        return new HomeWork(sites, approvals, live, people);
    }
}
