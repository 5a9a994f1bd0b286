using SiteBuilder.Identity;
using SiteBuilder.Identity.Accounts;
using SiteBuilder.Portal.Auth;

namespace SiteBuilder.Portal.Components;

/// <summary>The tenants a signed-in user may pick: their own, or for an administrator every tenant any account belongs to.</summary>
public sealed class TenantChoices(AccountService accounts)
{
    public async Task<IReadOnlyList<string>> ForAsync(PortalUser user, CancellationToken cancellationToken = default)
    {
        if (!user.IsInRole(Roles.Admin))
        {
            return user.Tenants;
        }

        var all = (await accounts.ListAsync(cancellationToken)).SelectMany(a => a.Tenants).Concat(user.Tenants);
        return [.. all.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }
}
