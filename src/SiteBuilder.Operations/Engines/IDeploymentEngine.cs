namespace SiteBuilder.Operations.Engines;

/// <summary>Puts a release's application and/or infrastructure into an environment and reports how the run went.</summary>
/// <remarks>
/// Engines only run the change. Post-deployment verification (health URL, smoke checks) is done by the deployment
/// service after the engine reports success, the same way whichever engine ran.
/// </remarks>
public interface IDeploymentEngine
{
    /// <summary><c>Ledger</c> or <c>GitHubActions</c>.</summary>
    string Name { get; }

    Task<EngineRun> StartAsync(EngineRequest request, CancellationToken cancellationToken);

    Task<EngineRunStatus> GetStatusAsync(EngineRun run, CancellationToken cancellationToken);

    /// <summary>
    /// Whether a run that may or may not have started can simply be started again: true only for an engine that changes
    /// nothing outside the portal. Otherwise a deployment cut off before its run id was known is marked interrupted.
    /// </summary>
    bool RestartIsHarmless => false;
}

public enum EngineAction { Deploy, Promote, Rollback, TerraformApply }

/// <param name="DeploymentId">Unique per request; the GitHub engine passes it as the <c>deployment_id</c> input and finds its run by it.</param>
/// <param name="SourceEnvironment">Only for <see cref="EngineAction.Promote"/>.</param>
/// <param name="RollbackType">Only for <see cref="EngineAction.Rollback"/>: <c>app_only</c>, <c>terraform_only</c> or <c>full</c>.</param>
public sealed record EngineRequest(
    string DeploymentId,
    EngineAction Action,
    string Environment,
    string? SourceEnvironment,
    string Version,
    string ImageDigest,
    string TerraformCommit,
    string? RollbackType,
    string RequestedBy);

public enum EngineRunState { Queued, Running, Succeeded, Failed }

/// <param name="RunId">The engine's own id for the run (a GitHub Actions run id), when it has one.</param>
public sealed record EngineRun(string DeploymentId, string Engine, string? RunId, Uri? RunUrl);

public sealed record EngineRunStatus(EngineRunState State, string? Detail, Uri? RunUrl, IReadOnlyList<EngineStep> Steps);

public sealed record EngineStep(string Name, EngineRunState State, string? Detail);
