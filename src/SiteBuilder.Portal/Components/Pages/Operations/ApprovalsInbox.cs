using SiteBuilder.Operations;
using SiteBuilder.Operations.Promotions;
using SiteBuilder.Operations.Restores;
using SiteBuilder.Operations.Rollbacks;

namespace SiteBuilder.Portal.Components.Pages.Operations;

/// <summary>A request waiting for the viewer's sign-off.</summary>
public sealed record InboxItem(string Kind, string Title, string Href, string RequestedByName, DateTimeOffset RequestedAt, IReadOnlyList<string> Roles);

/// <summary>Open promotions, rollbacks and restores with a slot the viewer may sign now: the approvals page and the navigation count.</summary>
public sealed class ApprovalsInbox(PromotionService promotions, RollbackService rollbacks, RestoreService restores, TimeProvider clock)
{
    public async Task<IReadOnlyList<InboxItem>> ForAsync(OpsActor viewer, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var items = new List<InboxItem>();
        foreach (var p in await promotions.ListAsync(cancellationToken))
        {
            if (p.Request.DeploymentId is null && Signable(p.Gate, p.Request.RequestedBy, viewer, now) is { Count: > 0 } roles)
            {
                items.Add(new("Promotion", $"{p.Request.ReleaseVersion}: {(p.Request.Source?.ToUpperInvariant() ?? "CI")} → {p.Request.Target.ToUpperInvariant()}",
                    $"/ops/promotions/{p.Request.Id}", p.Request.RequestedByName, p.Request.CreatedAt, roles));
            }
        }

        foreach (var r in await rollbacks.ListAsync(cancellationToken))
        {
            if (r.Request.DeploymentId is null && Signable(r.Gate, r.Request.RequestedBy, viewer, now) is { Count: > 0 } roles)
            {
                items.Add(new("Rollback", $"{r.Request.Environment.ToUpperInvariant()} back to {r.Request.Preview.ToVersion}",
                    $"/ops/rollbacks/{r.Request.Id}", r.Request.RequestedByName, r.Request.CreatedAt, roles));
            }
        }

        if (restores.IsAvailable)
        {
            foreach (var r in await restores.ListAsync(cancellationToken))
            {
                if (r.Request.ExecutedAt is null && Signable(r.Gate, r.Request.RequestedBy, viewer, now) is { Count: > 0 } roles)
                {
                    items.Add(new("Restore", $"{r.Request.Source} into {r.Request.NewName}", "/ops/restores", r.Request.RequestedByName, r.Request.CreatedAt, roles));
                }
            }
        }

        return [.. items.OrderBy(i => i.RequestedAt)];
    }

    private static IReadOnlyList<string> Signable(SiteBuilder.Operations.Approvals.GateStatus gate, string requestedBy, OpsActor viewer, DateTimeOffset now) =>
        [.. SignOffPanelState.Slots(gate, requestedBy, viewer, now).Where(s => s.CanSign).Select(s => s.Role)];
}
