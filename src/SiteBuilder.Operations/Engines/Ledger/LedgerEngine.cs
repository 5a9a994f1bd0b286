namespace SiteBuilder.Operations.Engines.Ledger;

/// <summary>
/// The default engine: it changes no infrastructure and records what is live where. The deployment service then verifies the
/// environment (health URL and a smoke call) and writes the ledger entry, so a ledger deployment succeeds only if the
/// environment answers.
/// </summary>
public sealed class LedgerEngine : IDeploymentEngine
{
    public const string EngineName = "Ledger";

    public string Name => EngineName;

    public bool RestartIsHarmless => true;

    public Task<EngineRun> StartAsync(EngineRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(new EngineRun(request.DeploymentId, EngineName, null, null));

    public Task<EngineRunStatus> GetStatusAsync(EngineRun run, CancellationToken cancellationToken) =>
        Task.FromResult(new EngineRunStatus(EngineRunState.Succeeded, "Recorded in the ledger; nothing outside the portal was changed.", null,
            [new EngineStep("Record the release in the ledger", EngineRunState.Succeeded, null)]));
}
