using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SiteBuilder.Observability.Metrics;
using SiteBuilder.Operations.Audit;
using SiteBuilder.Operations.Engines;
using SiteBuilder.Operations.Environments;
using SiteBuilder.Operations.Notifications;
using SiteBuilder.Operations.Store;

namespace SiteBuilder.Operations.Deployments;

/// <summary>
/// Runs a queued deployment in the background, independent of the request that started it: engine run → verifying (health URL
/// and smoke call) → succeeded or failed, then records what is live, frees the environment, audits, counts and notifies.
/// </summary>
public sealed class DeploymentRunner(
    IOperationsStore store,
    DeploymentEngines engines,
    DeploymentVerifier verifier,
    EnvironmentCatalog catalog,
    EnvironmentStates environments,
    AuditLog audit,
    ReleaseMetrics metrics,
    OpsNotifications notifications,
    IOptions<OperationsOptions> options,
    TimeProvider clock,
    ILogger<DeploymentRunner> logger) : IHostedService
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<string, Task> _running = new();

    /// <summary>Fires after a deployment's record changes, for pages that show progress.</summary>
    public event Action<Deployment>? Changed;

    public void Start(Deployment deployment)
    {
        _running[deployment.Id] = Task.Run(async () =>
        {
            try
            {
                await RunAsync(deployment, _stopping.Token);
            }
            finally
            {
                _running.TryRemove(deployment.Id, out _);
            }
        });
    }

    private async Task RunAsync(Deployment deployment, CancellationToken cancellationToken)
    {
        var environment = catalog.Require(deployment.Environment);
        try
        {
            var engine = engines.Current;
            deployment = await SaveAsync(deployment with { Status = DeploymentStatus.Running, StartedAt = clock.GetUtcNow() }, cancellationToken);
            var run = await engine.StartAsync(Request(deployment), cancellationToken);
            deployment = await SaveAsync(deployment with { RunId = run.RunId, RunUrl = run.RunUrl }, cancellationToken);

            EngineRunStatus status;
            while (true)
            {
                status = await engine.GetStatusAsync(run, cancellationToken);
                if (status.Steps.Count != deployment.Steps.Count || status.Detail != deployment.Detail || status.RunUrl != deployment.RunUrl
                    || !status.Steps.SequenceEqual(deployment.Steps))
                {
                    deployment = await SaveAsync(deployment with { Steps = status.Steps, Detail = status.Detail, RunUrl = status.RunUrl ?? deployment.RunUrl }, cancellationToken);
                }

                if (status.State is EngineRunState.Succeeded or EngineRunState.Failed)
                {
                    break;
                }

                await Task.Delay(options.Value.EnginePollInterval, clock, cancellationToken);
            }

            if (status.State == EngineRunState.Failed)
            {
                await FinishAsync(deployment, DeploymentStatus.Failed, $"The {engine.Name} run failed: {status.Detail ?? "no detail"}", [], engineRan: false, cancellationToken);
                return;
            }

            deployment = await SaveAsync(deployment with { Status = DeploymentStatus.Verifying }, cancellationToken);
            var results = await verifier.VerifyAsync(environment, cancellationToken);
            var failed = results.Where(r => !r.Passed).ToList();
            await FinishAsync(deployment, failed.Count == 0 ? DeploymentStatus.Succeeded : DeploymentStatus.Failed,
                failed.Count == 0 ? "Verified: health and smoke checks passed." : $"Verification failed: {string.Join("; ", failed.Select(f => $"{f.Check}: {f.Detail}"))}",
                results, engineRan: true, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Deployment {Id} was interrupted by shutdown while {Status}", deployment.Id, deployment.Status);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Deployment {Id} failed", deployment.Id);
            var latest = await store.FindAsync<Deployment>(deployment.Id, CancellationToken.None) ?? deployment;
            await FinishAsync(latest, DeploymentStatus.Failed, $"The deployment stopped with an error: {e.Message}", [], engineRan: false, CancellationToken.None);
        }
    }

    private async Task FinishAsync(Deployment deployment, DeploymentStatus outcome, string detail, IReadOnlyList<VerificationResult> verification, bool engineRan, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        deployment = await SaveAsync(deployment with { Status = outcome, FinishedAt = now, Detail = detail, Verification = verification }, cancellationToken);
        var succeeded = outcome == DeploymentStatus.Succeeded;
        await environments.ChangeAsync(deployment.Environment, state => state with
        {
            ActiveDeploymentId = state.ActiveDeploymentId == deployment.Id ? null : state.ActiveDeploymentId,
            // What the engine put there is live whatever verification said; the board shows it unhealthy when it failed.
            Live = engineRan
                ? new LiveRelease(deployment.ReleaseVersion, deployment.ImageDigest, deployment.TerraformCommit, deployment.Id, now, deployment.By, deployment.ByName, succeeded)
                : state.Live,
            LastDeploymentId = deployment.Id,
            LastStatus = outcome,
            LastDetail = detail,
        }, CancellationToken.None);

        var kind = deployment.DeploymentKind == DeploymentKind.Rollback ? "rollback" : "deployment";
        await audit.RecordAsync(AuditLog.System, $"deployment.{(succeeded ? "succeeded" : "failed")}", deployment.Environment, deployment.Id,
            $"{deployment.ReleaseVersion} in {deployment.Environment.ToUpperInvariant()}: {detail}", CancellationToken.None);
        if (deployment.DeploymentKind == DeploymentKind.Rollback)
        {
            metrics.RecordRollback(deployment.Environment, deployment.ReleaseVersion, succeeded);
        }
        else
        {
            metrics.RecordDeployment(deployment.Environment, deployment.ReleaseVersion, succeeded);
        }

        await notifications.NotifyAsync(new OpsNotification(deployment.Environment, $"{kind}_{(succeeded ? "succeeded" : "failed")}",
            $"{deployment.ReleaseVersion} {(succeeded ? "is live" : "failed")} in {deployment.Environment.ToUpperInvariant()}: {detail}", deployment.RunUrl), CancellationToken.None);
    }

    private async Task<Deployment> SaveAsync(Deployment deployment, CancellationToken cancellationToken)
    {
        var saved = await store.UpdateAsync(deployment, cancellationToken);
        Changed?.Invoke(saved);
        return saved;
    }

    private static EngineRequest Request(Deployment d) => new(
        d.Id,
        d.DeploymentKind == DeploymentKind.Rollback ? EngineAction.Rollback
            : d.SourceEnvironment is null ? EngineAction.Deploy : EngineAction.Promote,
        d.Environment,
        d.SourceEnvironment,
        d.ReleaseVersion,
        d.ImageDigest,
        d.TerraformCommit,
        d.RollbackType,
        d.By);

    /// <summary>Waits for every running deployment (tests, shutdown).</summary>
    public Task WhenIdleAsync() => Task.WhenAll(_running.Values);

    Task IHostedService.StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    async Task IHostedService.StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await Task.WhenAny(WhenIdleAsync(), Task.Delay(Timeout.Infinite, cancellationToken));
    }
}
