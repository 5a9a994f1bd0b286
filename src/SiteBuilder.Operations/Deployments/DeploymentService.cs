using Microsoft.Extensions.Options;
using SiteBuilder.Operations.Approvals;
using SiteBuilder.Operations.Audit;
using SiteBuilder.Operations.Engines;
using SiteBuilder.Operations.Environments;
using SiteBuilder.Operations.Promotions;
using SiteBuilder.Operations.Releases;
using SiteBuilder.Operations.Store;

namespace SiteBuilder.Operations.Deployments;

/// <summary>
/// Starts deployments, one per environment at a time and one per request ever: the environment's state names the deployment
/// that holds it (a conditional write), and a request's deployment id is derived from the request, so a second Deploy click
/// (on this instance or another) finds the first deployment instead of starting another.
/// </summary>
public sealed class DeploymentService(
    IOperationsStore store,
    EnvironmentStates environments,
    OperationsPolicy policy,
    DeploymentEngines engines,
    DeploymentRunner runner,
    AuditLog audit,
    PromotionQualityGate quality,
    TimeProvider clock)
{
    public async Task<Deployment> GetAsync(string id, CancellationToken cancellationToken = default) =>
        await store.FindAsync<Deployment>(id, cancellationToken) ?? throw OperationsException.NotFound($"No deployment '{id}'.");

    public async Task<IReadOnlyList<Deployment>> ListAsync(string? environment = null, CancellationToken cancellationToken = default)
    {
        var all = await store.ListAsync<Deployment>(cancellationToken);
        return environment is null ? all : [.. all.Where(d => d.Environment == environment)];
    }

    /// <summary>Deploys an approved promotion. Returns the deployment and whether this call started it.</summary>
    public async Task<(Deployment Deployment, bool Started)> DeployPromotionAsync(string promotionId, OpsActor actor, CancellationToken cancellationToken = default)
    {
        var promotion = await store.FindAsync<PromotionRequest>(promotionId, cancellationToken) ?? throw OperationsException.NotFound($"No promotion '{promotionId}'.");
        var id = Deployment.IdFor(promotion.Id);
        if (await store.FindAsync<Deployment>(id, cancellationToken) is { } existing)
        {
            return (existing, false);
        }

        var release = await store.FindAsync<Release>(promotion.ReleaseVersion, cancellationToken)
            ?? throw OperationsException.Conflict($"Release {promotion.ReleaseVersion} is no longer registered.");
        // The quality gate is decided here, on the server, not only by the page's button.
        var gate = policy.PromotionGate(promotion, release, clock.GetUtcNow(), await quality.CompareAsync(promotion, cancellationToken));
        if (!gate.IsMet)
        {
            throw new OperationsException(OperationsError.GateNotMet,
                $"{promotion.Target.ToUpperInvariant()} cannot be deployed yet. Missing: {string.Join("; ", gate.Missing)}.", missing: gate.Missing);
        }

        if (promotion.Source is { } source)
        {
            OperationsPolicy.CheckPath(promotion.Target, source, release.Version, await environments.GetAsync(source, cancellationToken));
        }

        var draft = new Deployment
        {
            Id = id,
            DeploymentKind = DeploymentKind.Promotion,
            RequestId = promotion.Id,
            Environment = promotion.Target,
            SourceEnvironment = promotion.Source,
            ReleaseVersion = release.Version,
            ImageDigest = release.ImageDigest,
            TerraformCommit = release.TerraformCommit,
            Engine = engines.Current.Name,
            By = actor.UserName,
            ByName = actor.DisplayName,
            CreatedAt = clock.GetUtcNow(),
        };
        var (deployment, started) = await StartAsync(draft, actor, cancellationToken);
        if (started)
        {
            await LinkAsync(promotion, deployment.Id, cancellationToken);
        }

        return (deployment, started);
    }

    /// <summary>Takes the environment for <paramref name="draft"/>, stores it queued, and hands it to the runner.</summary>
    internal async Task<(Deployment Deployment, bool Started)> StartAsync(Deployment draft, OpsActor actor, CancellationToken cancellationToken)
    {
        await environments.ChangeAsync(draft.Environment, state => state.ActiveDeploymentId switch
        {
            null => state with { ActiveDeploymentId = draft.Id },
            var held when held == draft.Id => state,
            var held => throw OperationsException.Conflict(
                $"A deployment ({held}) is already running in {draft.Environment.ToUpperInvariant()}; one deployment per environment at a time. Wait for it to finish."),
        }, cancellationToken);

        Deployment deployment;
        try
        {
            deployment = await store.InsertAsync(draft with { Owner = runner.InstanceId, HeartbeatAt = clock.GetUtcNow() }, cancellationToken);
        }
        catch (OpsDuplicateException)
        {
            return (await GetAsync(draft.Id, cancellationToken), false);
        }
        catch
        {
            // Nothing was stored: give the environment back so the next attempt is not blocked by a deployment that never existed.
            await environments.ChangeAsync(draft.Environment, s => s.ActiveDeploymentId == draft.Id ? s with { ActiveDeploymentId = null } : s, CancellationToken.None);
            throw;
        }

        await audit.RecordAsync(actor, "deployment.queued", deployment.Environment, deployment.Id,
            $"{deployment.DeploymentKind} of {deployment.ReleaseVersion} to {deployment.Environment.ToUpperInvariant()} queued on the {deployment.Engine} engine", cancellationToken);
        runner.Start(deployment);
        return (deployment, true);
    }

    private async Task LinkAsync(PromotionRequest promotion, string deploymentId, CancellationToken cancellationToken)
    {
        for (var current = promotion; current.DeploymentId is null;)
        {
            try
            {
                await store.UpdateAsync(current with { DeploymentId = deploymentId }, cancellationToken);
                return;
            }
            catch (OpsConflictException)
            {
                current = (await store.FindAsync<PromotionRequest>(promotion.Id, cancellationToken))!;
            }
        }
    }
}
