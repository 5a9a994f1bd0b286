using System.Security.Cryptography;
using SiteBuilder.Operations.Approvals;
using SiteBuilder.Operations.Audit;
using SiteBuilder.Operations.Deployments;
using SiteBuilder.Operations.Engines;
using SiteBuilder.Operations.Environments;
using SiteBuilder.Operations.Notifications;
using SiteBuilder.Operations.Releases;
using SiteBuilder.Operations.Store;

namespace SiteBuilder.Operations.Rollbacks;

/// <summary>A rollback with its gate now and its deployment.</summary>
public sealed record RollbackView(RollbackRequest Request, GateStatus Gate, Deployment? Deployment)
{
    public bool FollowUpsDone => Deployment?.Status == DeploymentStatus.Succeeded
        && OperationsPolicy.RollbackFollowUps.All(f => Request.FollowUps.Any(t => t.Check == f.Key));
}

/// <summary>Previews, requests, signs off and runs rollbacks; tracks the post-rollback checklist.</summary>
public sealed class RollbackService(
    IOperationsStore store,
    EnvironmentCatalog catalog,
    EnvironmentStates environments,
    OperationsPolicy policy,
    DeploymentService deployments,
    DeploymentEngines engines,
    AuditLog audit,
    OpsNotifications notifications,
    TimeProvider clock)
{
    public const string Previous = "previous";

    /// <summary>The releases an environment ran before its current one, newest first: the targets it can go back to.</summary>
    public async Task<IReadOnlyList<string>> EarlierReleasesAsync(string environment, CancellationToken cancellationToken = default)
    {
        var env = catalog.Require(environment);
        var state = await environments.GetAsync(env.Name, cancellationToken);
        var history = (await deployments.ListAsync(env.Name, cancellationToken))
            .Where(d => d.Status == DeploymentStatus.Succeeded)
            .OrderByDescending(d => d.FinishedAt)
            .Select(d => d.ReleaseVersion)
            .Distinct();
        return [.. history.Where(v => v != state.Live?.Version)];
    }

    /// <summary>What rolling <paramref name="environment"/> back to <paramref name="target"/> (<c>previous</c> or a version) would change.</summary>
    public async Task<RollbackPreview> PreviewAsync(string? environment, string? type, string? target, CancellationToken cancellationToken = default)
    {
        var env = catalog.Require(environment);
        var rollbackType = ParseType(type);
        var live = (await environments.GetAsync(env.Name, cancellationToken)).Live
            ?? throw OperationsException.Conflict($"Nothing is live in {env.DisplayName} yet: there is nothing to roll back.");
        var earlier = await EarlierReleasesAsync(env.Name, cancellationToken);
        string version;
        if (string.IsNullOrWhiteSpace(target) || string.Equals(target.Trim(), Previous, StringComparison.OrdinalIgnoreCase))
        {
            version = earlier.FirstOrDefault() ?? throw OperationsException.Conflict($"{env.DisplayName} has run no earlier release: there is nothing to roll back to.");
        }
        else if (earlier.Contains(target.Trim()))
        {
            version = target.Trim();
        }
        else
        {
            throw OperationsException.Invalid("target", $"'{target}' never ran in {env.DisplayName} before its current release; choose 'previous' or one of: {(earlier.Count == 0 ? "(none)" : string.Join(", ", earlier))}.");
        }

        var to = await store.FindAsync<Release>(version, cancellationToken) ?? throw OperationsException.Conflict($"Release {version} is no longer registered.");
        var releases = await store.ListAsync<Release>(cancellationToken);
        var current = releases.FirstOrDefault(r => r.Version == live.Version);
        var between = releases
            .Where(r => r.CreatedAt > to.CreatedAt && (current is null || r.CreatedAt <= current.CreatedAt))
            .Select(r => new ReleaseNote(r.Version, r.Notes))
            .ToList();
        var (image, terraform, appVersion) = rollbackType switch
        {
            RollbackType.AppOnly => (to.ImageDigest, live.TerraformCommit, to.Version),
            RollbackType.TerraformOnly => (live.ImageDigest, to.TerraformCommit, live.Version),
            _ => (to.ImageDigest, to.TerraformCommit, to.Version),
        };
        return new RollbackPreview(env.Name, live.Version, appVersion, live.ImageDigest, image, live.TerraformCommit, terraform, between);
    }

    public async Task<RollbackRequest> RequestAsync(string? environment, string? type, string? target, string? trigger, string? reason, OpsActor actor, CancellationToken cancellationToken = default)
    {
        var rollbackTrigger = ParseTrigger(trigger);
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length < 5 || reason.Length > 2000)
        {
            throw OperationsException.Invalid("reason", "Say why in 5 to 2,000 characters: what you saw, and where.");
        }

        var preview = await PreviewAsync(environment, type, target, cancellationToken);
        var now = clock.GetUtcNow();
        var rollback = await store.InsertAsync(new RollbackRequest
        {
            Id = $"rbk-{now:yyyyMMdd}-{RandomNumberGenerator.GetHexString(8, lowercase: true)}",
            Environment = preview.Environment,
            Type = ParseType(type),
            Preview = preview,
            Trigger = rollbackTrigger,
            Reason = reason.Trim(),
            RequestedBy = actor.UserName,
            RequestedByName = actor.DisplayName,
            CreatedAt = now,
        }, cancellationToken);
        await audit.RecordAsync(actor, "rollback.requested", rollback.Environment, rollback.Id,
            $"{Wire(rollback.Type)} rollback {preview.FromVersion} → {preview.ToVersion} ({Wire(rollback.Trigger)}): {rollback.Reason}", cancellationToken);
        await notifications.NotifyAsync(new OpsNotification(rollback.Environment, "approval_requested",
            $"{actor.DisplayName} asks to roll {rollback.Environment.ToUpperInvariant()} back to {preview.ToVersion}; needs {string.Join(", ", OperationsPolicy.RollbackRoles(rollback.Environment))}.", null), cancellationToken);
        return rollback;
    }

    public async Task<RollbackView> GetAsync(string id, CancellationToken cancellationToken = default) => await ViewAsync(await FindAsync(id, cancellationToken), cancellationToken);

    public async Task<IReadOnlyList<RollbackView>> ListAsync(CancellationToken cancellationToken = default)
    {
        var views = new List<RollbackView>();
        foreach (var rollback in await store.ListAsync<RollbackRequest>(cancellationToken))
        {
            views.Add(await ViewAsync(rollback, cancellationToken));
        }

        return views;
    }

    public async Task<RollbackView> ApproveAsync(string id, string? role, string? comment, OpsActor actor, CancellationToken cancellationToken = default)
    {
        Approval? given = null;
        var saved = await ChangeAsync(id, rollback =>
        {
            if (rollback.DeploymentId is not null)
            {
                throw OperationsException.Conflict($"Rollback {id} has run already.");
            }

            given = policy.Approve(rollback.RequestedBy, rollback.Approvals, OperationsPolicy.RollbackRoles(rollback.Environment), null, actor, role, comment, clock.GetUtcNow());
            return rollback with { Approvals = [.. rollback.Approvals, given] };
        }, cancellationToken);
        await audit.RecordAsync(actor, "rollback.approved", saved.Environment, saved.Id, $"Signed off as {given!.Role}{(given.Comment is null ? "" : $": {given.Comment}")}", cancellationToken);
        return await ViewAsync(saved, cancellationToken);
    }

    /// <summary>Runs an approved rollback as a deployment; the environment must still run what the preview showed.</summary>
    public async Task<(Deployment Deployment, bool Started)> ExecuteAsync(string id, OpsActor actor, CancellationToken cancellationToken = default)
    {
        var rollback = await FindAsync(id, cancellationToken);
        var depId = Deployment.IdFor(rollback.Id);
        if (await store.FindAsync<Deployment>(depId, cancellationToken) is { } existing)
        {
            return (existing, false);
        }

        var gate = OperationsPolicy.SignOffGate(OperationsPolicy.RollbackRoles(rollback.Environment), rollback.Approvals, clock.GetUtcNow());
        if (!gate.IsMet)
        {
            throw new OperationsException(OperationsError.GateNotMet,
                $"The rollback of {rollback.Environment.ToUpperInvariant()} cannot run yet. Missing: {string.Join("; ", gate.Missing)}.", missing: gate.Missing);
        }

        var live = (await environments.GetAsync(rollback.Environment, cancellationToken)).Live;
        var preview = rollback.Preview;
        if (live is null || live.Version != preview.FromVersion || live.ImageDigest != preview.FromImageDigest || live.TerraformCommit != preview.FromTerraformCommit)
        {
            throw OperationsException.Conflict(
                $"{rollback.Environment.ToUpperInvariant()} changed since the preview (it now runs {live?.Version ?? "nothing"}): request the rollback again so its preview is right.");
        }

        var draft = new Deployment
        {
            Id = depId,
            DeploymentKind = DeploymentKind.Rollback,
            RequestId = rollback.Id,
            Environment = rollback.Environment,
            ReleaseVersion = preview.ToVersion,
            ImageDigest = preview.ToImageDigest,
            TerraformCommit = preview.ToTerraformCommit,
            RollbackType = Wire(rollback.Type),
            Engine = engines.Current.Name,
            By = actor.UserName,
            ByName = actor.DisplayName,
            CreatedAt = clock.GetUtcNow(),
        };
        var (deployment, started) = await deployments.StartAsync(draft, actor, cancellationToken);
        if (started)
        {
            await ChangeAsync(id, r => r.DeploymentId is null ? r with { DeploymentId = deployment.Id } : r, cancellationToken);
        }

        return (deployment, started);
    }

    /// <summary>Ticks an item of the seed's post-rollback checklist, once the rollback has run.</summary>
    public async Task<RollbackView> TickFollowUpAsync(string id, string item, string? evidence, OpsActor actor, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(evidence) || evidence.Length > 2000)
        {
            throw OperationsException.Invalid("evidence", "Give evidence: a link or a note (up to 2,000 characters).");
        }

        var followUp = OperationsPolicy.RollbackFollowUps.FirstOrDefault(f => f.Key == item)
            ?? throw OperationsException.Invalid("item", $"'{item}' is not a follow-up; they are: {string.Join(", ", OperationsPolicy.RollbackFollowUps.Select(f => f.Key))}.");
        var current = await FindAsync(id, cancellationToken);
        if ((await store.FindAsync<Deployment>(Deployment.IdFor(id), cancellationToken))?.IsFinished != true)
        {
            throw OperationsException.Conflict($"Rollback {id} has not finished running; its follow-ups come after.");
        }

        var saved = await ChangeAsync(current.Id, r => r with
        {
            FollowUps = [.. r.FollowUps.Where(f => f.Check != followUp.Key), new CheckTick(followUp.Key, actor.UserName, actor.DisplayName, clock.GetUtcNow(), evidence.Trim())],
        }, cancellationToken);
        await audit.RecordAsync(actor, "rollback.follow_up", saved.Environment, saved.Id, $"{followUp.Key}: {evidence.Trim()}", cancellationToken);
        return await ViewAsync(saved, cancellationToken);
    }

    public static RollbackType ParseType(string? type) => type?.Trim().ToLowerInvariant() switch
    {
        "app_only" or "lambda_only" => RollbackType.AppOnly,
        "terraform_only" => RollbackType.TerraformOnly,
        "full" => RollbackType.Full,
        _ => throw OperationsException.Invalid("type", $"'{type}' is not a rollback type; use app_only, terraform_only or full."),
    };

    public static RollbackTrigger ParseTrigger(string? trigger)
    {
        var wanted = trigger?.Trim().ToLowerInvariant();
        foreach (var value in Enum.GetValues<RollbackTrigger>())
        {
            if (Wire(value) == wanted)
            {
                return value;
            }
        }

        throw OperationsException.Invalid("trigger", $"'{trigger}' is not a trigger; use one of: {string.Join(", ", Enum.GetValues<RollbackTrigger>().Select(Wire))}.");
    }

    public static string Wire<TEnum>(TEnum value)
        where TEnum : struct, Enum => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    private async Task<RollbackRequest> FindAsync(string id, CancellationToken cancellationToken) =>
        await store.FindAsync<RollbackRequest>(id, cancellationToken) ?? throw OperationsException.NotFound($"No rollback '{id}'.");

    private async Task<RollbackRequest> ChangeAsync(string id, Func<RollbackRequest, RollbackRequest> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var rollback = await FindAsync(id, cancellationToken);
            var changed = change(rollback);
            if (ReferenceEquals(changed, rollback))
            {
                return rollback;
            }

            try
            {
                return await store.UpdateAsync(changed, cancellationToken);
            }
            catch (OpsConflictException) when (attempt < 20)
            {
                await Task.Delay(Random.Shared.Next(1, 20), cancellationToken);
            }
        }
    }

    private async Task<RollbackView> ViewAsync(RollbackRequest rollback, CancellationToken cancellationToken) => new(
        rollback,
        OperationsPolicy.SignOffGate(OperationsPolicy.RollbackRoles(rollback.Environment), rollback.Approvals, clock.GetUtcNow()),
        await store.FindAsync<Deployment>(Deployment.IdFor(rollback.Id), cancellationToken));
}
