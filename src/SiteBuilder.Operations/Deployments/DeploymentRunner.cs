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
/// A deployment cut off by a shutdown or a crash is taken over at the next start (or by another instance): resumed where
/// it stopped when that is known, else marked interrupted, so its environment never stays locked.
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
    private Task _recovering = Task.CompletedTask;

    /// <summary>This process as the owner of the deployments it runs.</summary>
    public string InstanceId { get; } = $"{System.Environment.MachineName}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>The takeover pass made at start (tests wait for it).</summary>
    public Task FirstRecovery { get; private set; } = Task.CompletedTask;

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

    /// <summary>Runs it from where it stands: queued (start the engine), running (follow the engine's run), verifying (verify).</summary>
    private async Task RunAsync(Deployment deployment, CancellationToken cancellationToken)
    {
        var environment = catalog.Require(deployment.Environment);
        try
        {
            var engine = engines.Current;
            EngineRun run;
            if (deployment.Status == DeploymentStatus.Queued || (deployment.Status == DeploymentStatus.Running && deployment.RunId is null))
            {
                deployment = await SaveAsync(deployment with { Status = DeploymentStatus.Running, StartedAt = deployment.StartedAt ?? clock.GetUtcNow() }, cancellationToken);
                run = await engine.StartAsync(Request(deployment), cancellationToken);
                deployment = await SaveAsync(deployment with { RunId = run.RunId, RunUrl = run.RunUrl }, cancellationToken);
            }
            else
            {
                run = new EngineRun(deployment.Id, deployment.Engine, deployment.RunId, deployment.RunUrl);
            }

            if (deployment.Status == DeploymentStatus.Running)
            {
                var status = await FollowAsync(engine, run, deployment, cancellationToken);
                deployment = status.Deployment;
                if (status.State == EngineRunState.Failed)
                {
                    await FinishAsync(deployment, DeploymentStatus.Failed, $"The {engine.Name} run failed: {deployment.Detail ?? "no detail"}", [], engineRan: false, cancellationToken);
                    return;
                }

                deployment = await SaveAsync(deployment with { Status = DeploymentStatus.Verifying }, cancellationToken);
            }

            var results = await verifier.VerifyAsync(environment, cancellationToken);
            var failed = results.Where(r => !r.Passed).ToList();
            await FinishAsync(deployment, failed.Count == 0 ? DeploymentStatus.Succeeded : DeploymentStatus.Failed,
                failed.Count == 0 ? "Verified: health and smoke checks passed." : $"Verification failed: {string.Join("; ", failed.Select(f => $"{f.Check}: {f.Detail}"))}",
                results, engineRan: true, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Deployment {Id} was interrupted by shutdown while {Status}", deployment.Id, deployment.Status);
            await LetGoAsync(deployment.Id);
        }
        catch (Exception e)
        {
            if (e is OpsConflictException && await store.FindAsync<Deployment>(deployment.Id, CancellationToken.None) is { } current && current.Owner != InstanceId)
            {
                logger.LogWarning("Deployment {Id} was taken over by instance {Owner} (this one was silent for longer than the lease)", deployment.Id, current.Owner);
                return;
            }

            logger.LogError(e, "Deployment {Id} failed", deployment.Id);
            var latest = await store.FindAsync<Deployment>(deployment.Id, CancellationToken.None) ?? deployment;
            await FinishAsync(latest, DeploymentStatus.Failed, $"The deployment stopped with an error: {e.Message}", [], engineRan: false, CancellationToken.None);
        }
    }

    /// <summary>Follows the engine's run until it ends, saving each change; a save at least every quarter lease is the heartbeat.</summary>
    private async Task<(EngineRunState State, Deployment Deployment)> FollowAsync(IDeploymentEngine engine, EngineRun run, Deployment deployment, CancellationToken cancellationToken)
    {
        while (true)
        {
            var status = await engine.GetStatusAsync(run, cancellationToken);
            var changed = status.Steps.Count != deployment.Steps.Count || status.Detail != deployment.Detail || status.RunUrl != deployment.RunUrl
                || !status.Steps.SequenceEqual(deployment.Steps);
            if (changed || clock.GetUtcNow() - (deployment.HeartbeatAt ?? DateTimeOffset.MinValue) >= options.Value.DeploymentLease / 4)
            {
                deployment = await SaveAsync(deployment with { Steps = status.Steps, Detail = status.Detail, RunUrl = status.RunUrl ?? deployment.RunUrl }, cancellationToken);
            }

            if (status.State is EngineRunState.Succeeded or EngineRunState.Failed)
            {
                return (status.State, deployment);
            }

            await Task.Delay(options.Value.EnginePollInterval, clock, cancellationToken);
        }
    }

    /// <summary>
    /// Takes over each unfinished deployment that no live instance runs: one let go at shutdown, or one whose owner has been
    /// silent for longer than the lease (a crash). The claim is a conditional write, so of two instances only one wins. It is
    /// resumed where it stopped when that is known; otherwise it is marked interrupted, audited, and its environment unlocked.
    /// </summary>
    public async Task RecoverAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        foreach (var deployment in await store.ListAsync<Deployment>(cancellationToken))
        {
            var lastSign = deployment.HeartbeatAt ?? deployment.StartedAt ?? deployment.CreatedAt;
            if (deployment.IsFinished || _running.ContainsKey(deployment.Id) || deployment.Owner == InstanceId
                || (deployment.Owner is not null && now - lastSign < options.Value.DeploymentLease))
            {
                continue;
            }

            Deployment claimed;
            try
            {
                claimed = await SaveAsync(deployment, cancellationToken);
            }
            catch (OpsConflictException)
            {
                continue;
            }

            var why = deployment.Owner is null
                ? "was let go by a portal shutdown"
                : $"lost its portal instance ({deployment.Owner}, silent since {lastSign:yyyy-MM-dd HH:mm:ss} UTC)";
            var stage = deployment.Status.ToString().ToLowerInvariant();
            if (CanResume(claimed))
            {
                logger.LogWarning("Deployment {Id} {Why}; resuming it while {Status}", claimed.Id, why, stage);
                await audit.RecordAsync(AuditLog.System, "deployment.resumed", claimed.Environment, claimed.Id,
                    $"{claimed.ReleaseVersion} to {claimed.Environment.ToUpperInvariant()} {why} while {stage}; resumed by {InstanceId}", CancellationToken.None);
                Start(claimed);
            }
            else
            {
                logger.LogWarning("Deployment {Id} {Why} before its {Engine} run was known; marking it interrupted", claimed.Id, why, claimed.Engine);
                await FinishAsync(claimed, DeploymentStatus.Failed,
                    $"Interrupted: the deployment {why} after asking the {claimed.Engine} engine to start and before its run was known, so whether it changed " +
                    $"{claimed.Environment.ToUpperInvariant()} is unknown. Check the engine (a run named [{claimed.Id}]) and the environment's health before deploying again.",
                    [], engineRan: false, cancellationToken, auditAction: "deployment.interrupted");
            }
        }
    }

    /// <summary>Known where it stopped: the engine's run id, the verification stage, or an engine that may simply start again.</summary>
    private bool CanResume(Deployment deployment)
    {
        var engine = engines.Current;
        if (!string.Equals(engine.Name, deployment.Engine, StringComparison.OrdinalIgnoreCase))
        {
            return deployment.Status == DeploymentStatus.Verifying;
        }

        return deployment.Status is DeploymentStatus.Queued or DeploymentStatus.Verifying || deployment.RunId is not null || engine.RestartIsHarmless;
    }

    /// <summary>At shutdown: gives up ownership so the next start, or another instance, resumes it without waiting for the lease.</summary>
    private async Task LetGoAsync(string deploymentId)
    {
        try
        {
            if (await store.FindAsync<Deployment>(deploymentId, CancellationToken.None) is { IsFinished: false } latest && latest.Owner == InstanceId)
            {
                var saved = await store.UpdateAsync(latest with
                {
                    Owner = null,
                    Detail = $"Cut off by a portal shutdown while {latest.Status.ToString().ToLowerInvariant()}; the next portal start resumes it.",
                }, CancellationToken.None);
                Changed?.Invoke(saved);
            }
        }
        catch (Exception e) when (e is OpsConflictException or InvalidOperationException or IOException or Amazon.Runtime.AmazonServiceException or Microsoft.Data.Sqlite.SqliteException)
        {
            // Not let go: another instance takes it over once the lease runs out.
            logger.LogWarning(e, "Deployment {Id} could not be let go at shutdown", deploymentId);
        }
    }

    private async Task FinishAsync(Deployment deployment, DeploymentStatus outcome, string detail, IReadOnlyList<VerificationResult> verification, bool engineRan, CancellationToken cancellationToken, string? auditAction = null)
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
        await audit.RecordAsync(AuditLog.System, auditAction ?? $"deployment.{(succeeded ? "succeeded" : "failed")}", deployment.Environment, deployment.Id,
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

    /// <summary>Every save claims the deployment for this instance and is its heartbeat.</summary>
    private async Task<Deployment> SaveAsync(Deployment deployment, CancellationToken cancellationToken)
    {
        var saved = await store.UpdateAsync(deployment with { Owner = InstanceId, HeartbeatAt = clock.GetUtcNow() }, cancellationToken);
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

    Task IHostedService.StartAsync(CancellationToken cancellationToken)
    {
        FirstRecovery = RecoverLoggedAsync(_stopping.Token);
        _recovering = Task.Run(async () =>
        {
            await FirstRecovery;
            // Crashed instances are found once their lease runs out, so look again every half lease.
            while (!_stopping.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(options.Value.DeploymentLease / 2, clock, _stopping.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                await RecoverLoggedAsync(_stopping.Token);
            }
        });
        return Task.CompletedTask;
    }

    private async Task RecoverLoggedAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Yield();
            await RecoverAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // The next pass tries again; a deployment stays locked only until a pass gets through.
            logger.LogError(e, "Looking for interrupted deployments failed");
        }
    }

    async Task IHostedService.StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await Task.WhenAny(Task.WhenAll(WhenIdleAsync(), _recovering), Task.Delay(Timeout.Infinite, cancellationToken));
    }
}
