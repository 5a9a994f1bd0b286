using System.Security.Cryptography;
using SiteBuilder.Operations.Approvals;
using SiteBuilder.Operations.Audit;
using SiteBuilder.Operations.Deployments;
using SiteBuilder.Operations.Environments;
using SiteBuilder.Operations.Notifications;
using SiteBuilder.Operations.Releases;
using SiteBuilder.Operations.Store;

namespace SiteBuilder.Operations.Promotions;

/// <summary>
/// A promotion with everything a reader needs: its release, its gate now, its checklist, its deployment, and for SIT → PROD the
/// quality comparison (read for one promotion, not for lists: null there and for other paths).
/// </summary>
public sealed record PromotionView(PromotionRequest Request, Release Release, GateStatus Gate, IReadOnlyList<ChecklistItem> Checklist, Deployment? Deployment, PromotionQuality? Quality = null);

/// <summary>Requests, checklist ticks and sign-offs of promotions. Deploying is <see cref="DeploymentService"/>'s.</summary>
public sealed class PromotionService(
    IOperationsStore store,
    ReleaseService releases,
    EnvironmentCatalog catalog,
    EnvironmentStates environments,
    OperationsPolicy policy,
    AuditLog audit,
    OpsNotifications notifications,
    PromotionQualityGate quality,
    TimeProvider clock)
{
    public async Task<PromotionRequest> RequestAsync(string? version, string? target, string? source, OpsActor actor, CancellationToken cancellationToken = default)
    {
        var environment = catalog.Require(target, "target");
        if (source is not null)
        {
            catalog.Require(source, "source");
        }

        var release = await releases.RequireAsync(version, cancellationToken);
        var sourceName = EnvironmentCatalog.SourceFor(environment.Name);
        OperationsPolicy.CheckPath(environment.Name, source?.Trim().ToLowerInvariant(), release.Version,
            sourceName is null ? null : await environments.GetAsync(sourceName, cancellationToken));
        var targetState = await environments.GetAsync(environment.Name, cancellationToken);
        if (targetState.Live is { Healthy: true } live && live.Version == release.Version)
        {
            throw OperationsException.Conflict($"Release {release.Version} is already live and healthy in {environment.DisplayName}.");
        }

        var now = clock.GetUtcNow();
        var promotion = await store.InsertAsync(new PromotionRequest
        {
            Id = $"pro-{now:yyyyMMdd}-{RandomNumberGenerator.GetHexString(8, lowercase: true)}",
            ReleaseVersion = release.Version,
            ReleaseFingerprint = OperationsPolicy.Fingerprint(release),
            Source = sourceName,
            Target = environment.Name,
            RequestedBy = actor.UserName,
            RequestedByName = actor.DisplayName,
            CreatedAt = now,
        }, cancellationToken);
        await audit.RecordAsync(actor, "promotion.requested", environment.Name, promotion.Id,
            $"Requested {release.Version}: {(sourceName is null ? "first deployment to DEV" : $"{sourceName.ToUpperInvariant()} → {environment.DisplayName}")}", cancellationToken);
        await notifications.NotifyAsync(new OpsNotification(environment.Name, "approval_requested",
            $"{actor.DisplayName} asks to put {release.Version} into {environment.DisplayName}; needs {string.Join(", ", OperationsPolicy.PromotionRoles(environment.Name))}.", null), cancellationToken);
        return promotion;
    }

    public async Task<PromotionView> GetAsync(string id, CancellationToken cancellationToken = default) =>
        await ViewAsync(await FindAsync(id, cancellationToken), cancellationToken, withQuality: true);

    /// <summary>Newest first.</summary>
    public async Task<IReadOnlyList<PromotionView>> ListAsync(CancellationToken cancellationToken = default)
    {
        var views = new List<PromotionView>();
        foreach (var promotion in await store.ListAsync<PromotionRequest>(cancellationToken))
        {
            views.Add(await ViewAsync(promotion, cancellationToken));
        }

        return views;
    }

    /// <summary>Ticks a prerequisite with evidence. Ticking one again with new evidence voids the sign-offs given before.</summary>
    public async Task<PromotionView> TickCheckAsync(string id, string check, string? evidence, OpsActor actor, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(evidence) || evidence.Length > 2000)
        {
            throw OperationsException.Invalid("evidence", "Give evidence for the check: a link or a note (up to 2,000 characters).");
        }

        var saved = await ChangeAsync(id, promotion =>
        {
            var item = OperationsPolicy.PromotionChecks(promotion.Target).FirstOrDefault(c => c.Key == check)
                ?? throw OperationsException.Invalid("check", $"'{check}' is not a check of {promotion.Target.ToUpperInvariant()}; its checks are: {string.Join(", ", OperationsPolicy.PromotionChecks(promotion.Target).Select(c => c.Key))}.");
            var now = clock.GetUtcNow();
            var tick = new CheckTick(item.Key, actor.UserName, actor.DisplayName, now, evidence.Trim());
            var changed = promotion.Checks.Any(c => c.Check == item.Key);
            return promotion with
            {
                Checks = [.. promotion.Checks.Where(c => c.Check != item.Key), tick],
                PrerequisitesChangedAt = changed ? now : promotion.PrerequisitesChangedAt,
            };
        }, cancellationToken);
        await audit.RecordAsync(actor, "promotion.check_ticked", saved.Target, saved.Id, $"{check}: {evidence.Trim()}", cancellationToken);
        return await ViewAsync(saved, cancellationToken);
    }

    public async Task<PromotionView> ApproveAsync(string id, string? role, string? comment, OpsActor actor, CancellationToken cancellationToken = default)
    {
        if (comment is { Length: > 2000 })
        {
            throw OperationsException.Invalid("comment", "A comment is at most 2,000 characters.");
        }

        Approval? given = null;
        var saved = await ChangeAsync(id, promotion =>
        {
            var now = clock.GetUtcNow();
            given = policy.Approve(promotion.RequestedBy, promotion.Approvals, policy.PromotionSlots(promotion.Target, now), promotion.PrerequisitesChangedAt, actor, role, comment, now);
            return promotion with { Approvals = [.. promotion.Approvals, given] };
        }, cancellationToken);
        await audit.RecordAsync(actor, "promotion.approved", saved.Target, saved.Id,
            $"Signed off as {given!.Role}{(given.Comment is null ? "" : $": {given.Comment}")}", cancellationToken);
        return await ViewAsync(saved, cancellationToken, withQuality: true);
    }

    /// <summary>A TechLead deploys despite a quality regression (SIT → PROD), saying why; the measures go into the audit entry.</summary>
    public async Task<PromotionView> OverrideQualityAsync(string id, string? reason, OpsActor actor, CancellationToken cancellationToken = default)
    {
        var current = await quality.CompareAsync(await FindAsync(id, cancellationToken), cancellationToken);
        QualityOverride? given = null;
        var saved = await ChangeAsync(id, promotion =>
        {
            given = OperationsPolicy.OverrideQuality(promotion, current, actor, reason, clock.GetUtcNow());
            return promotion with { QualityOverride = given };
        }, cancellationToken);
        var measures = current!.Comparison is { } comparison ? string.Join("; ", comparison.Measures.Select(m => m.Verdict)) : current.SourceError;
        await audit.RecordAsync(actor, "promotion.quality_overridden", saved.Target, saved.Id, $"Quality gate overridden: {given!.Reason} ({measures})", cancellationToken);
        return await ViewAsync(saved, cancellationToken, withQuality: true);
    }

    private async Task<PromotionRequest> FindAsync(string id, CancellationToken cancellationToken) =>
        await store.FindAsync<PromotionRequest>(id, cancellationToken) ?? throw OperationsException.NotFound($"No promotion '{id}'.");

    /// <summary>Applies a change to an open promotion with a conditional write, deciding again on the fresh copy when someone else wrote first.</summary>
    private async Task<PromotionRequest> ChangeAsync(string id, Func<PromotionRequest, PromotionRequest> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var promotion = await FindAsync(id, cancellationToken);
            if (promotion.DeploymentId is not null)
            {
                throw OperationsException.Conflict($"Promotion {id} has been deployed ({promotion.DeploymentId}); it cannot change. Request a new promotion.");
            }

            try
            {
                return await store.UpdateAsync(change(promotion), cancellationToken);
            }
            catch (OpsConflictException) when (attempt < 20)
            {
                await Task.Delay(Random.Shared.Next(1, 20), cancellationToken);
            }
        }
    }

    private async Task<PromotionView> ViewAsync(PromotionRequest promotion, CancellationToken cancellationToken, bool withQuality = false)
    {
        var release = await releases.GetAsync(promotion.ReleaseVersion, cancellationToken);
        var deployment = await store.FindAsync<Deployment>(Deployment.IdFor(promotion.Id), cancellationToken);
        // A deployed promotion's gate is history: its quality is not read again.
        var comparison = withQuality && deployment is null ? await quality.CompareAsync(promotion, cancellationToken) : null;
        return new PromotionView(promotion, release, policy.PromotionGate(promotion, release, clock.GetUtcNow(), comparison),
            OperationsPolicy.PromotionChecks(promotion.Target), deployment, comparison);
    }
}
