using Microsoft.Extensions.DependencyInjection;
using SiteBuilder.Operations.Audit;
using SiteBuilder.Operations.Deployments;
using SiteBuilder.Operations.Engines;
using SiteBuilder.Operations.Environments;
using SiteBuilder.Operations.Store;
using SiteBuilder.TestSupport.Emulators;

namespace SiteBuilder.Operations.Tests.Deployments;

/// <summary>
/// A deployment cut off by a shutdown or a crash never keeps its environment locked: the next start (or another instance)
/// resumes it where it stopped, or marks it interrupted. On SQLite (one portal restarted on its file) and on dynalite.
/// </summary>
public sealed class InterruptedDeploymentTests(DynaliteEmulator dynalite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Backends() => ["Sqlite", "DynamoDb"];

    /// <summary>Settings that make two hosts share one operations store, and the engine under test.</summary>
    private async Task<Dictionary<string, string?>> SharedStoreAsync(string backend, TempDirectory directory)
    {
        var settings = backend == "Sqlite"
            ? new Dictionary<string, string?> { ["SiteBuilder:DataDirectory"] = directory.Path }
            : dynalite.Configuration(await dynalite.CreateTablesAsync(cancellationToken: Ct)).ToDictionary();
        settings["SiteBuilder:Operations:Engine"] = HeldInSitEngine.EngineName;
        return settings;
    }

    private static Task<OpsHost> StartAsync(Dictionary<string, string?> settings, HeldInSitEngine engine) =>
        OpsHost.StartAsync(settings, services => services.AddSingleton<IDeploymentEngine>(engine));

    /// <summary>9.x live in DEV, then a SIT deployment that the engine holds running; returns its id.</summary>
    private static async Task<string> RunningInSitAsync(OpsHost ops, string version, HeldInSitEngine engine)
    {
        await ops.RegisterAsync(version);
        await PromotionFlowTests.LiveInDevAsync(ops, version);
        var promotion = await PromotionFlowTests.ApprovedForSitAsync(ops, version);
        var (deployment, started) = await ops.Get<DeploymentService>().DeployPromotionAsync(promotion.Id, OpsHost.Operator, Ct);
        Assert.True(started);
        await engine.Asked.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        return deployment.Id;
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task ADeploymentCutOffByAShutdownIsResumedByTheNextStartAndItsEnvironmentUnlocks(string backend)
    {
        using var directory = new TempDirectory("ops-resume");
        var settings = await SharedStoreAsync(backend, directory);
        var engine = new HeldInSitEngine(dispatchAnswers: true);
        string id;
        await using (var first = await StartAsync(settings, engine))
        {
            id = await RunningInSitAsync(first, "9.1.0", engine);
            await WaitAsync(first, id, d => d.RunId is not null);
        }

        // The GitHub run went on without a portal watching and succeeded meanwhile.
        engine.Release();
        await using var second = await StartAsync(settings, engine);
        var cutOff = await second.Get<IOperationsStore>().FindAsync<Deployment>(id, Ct);
        await second.Get<DeploymentRunner>().FirstRecovery;
        var finished = await WaitAsync(second, id, d => d.IsFinished);
        await second.Get<DeploymentRunner>().WhenIdleAsync();

        Assert.Null(cutOff!.Owner);
        Assert.Contains("Cut off by a portal shutdown while running", cutOff.Detail, StringComparison.Ordinal);
        Assert.Equal(DeploymentStatus.Succeeded, finished.Status);
        Assert.Equal(second.Get<DeploymentRunner>().InstanceId, finished.Owner);
        Assert.Equal(1, engine.SitStarts);
        var sit = await second.Get<EnvironmentStates>().GetAsync("sit", Ct);
        Assert.Null(sit.ActiveDeploymentId);
        Assert.Equal("9.1.0", sit.Live?.Version);
        var audit = await second.Get<AuditLog>().QueryAsync(new AuditQuery(Environment: "sit"), Ct);
        var resumed = Assert.Single(audit, e => e.Action == "deployment.resumed");
        Assert.Contains("was let go by a portal shutdown while running", resumed.Detail, StringComparison.Ordinal);
        Assert.Single(audit, e => e.Action == "deployment.succeeded" && e.Subject == id);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task ADeploymentCutOffBeforeItsEngineRunWasKnownIsMarkedInterruptedAndItsEnvironmentUnlocks(string backend)
    {
        using var directory = new TempDirectory("ops-interrupted");
        var settings = await SharedStoreAsync(backend, directory);
        var engine = new HeldInSitEngine(dispatchAnswers: false);
        string id;
        await using (var first = await StartAsync(settings, engine))
        {
            id = await RunningInSitAsync(first, "9.2.0", engine);
        }

        await using var second = await StartAsync(settings, engine);
        await second.Get<DeploymentRunner>().FirstRecovery;
        var interrupted = await WaitAsync(second, id, d => d.IsFinished);
        await second.Get<DeploymentRunner>().WhenIdleAsync();

        Assert.Equal(DeploymentStatus.Failed, interrupted.Status);
        Assert.StartsWith("Interrupted: the deployment was let go by a portal shutdown after asking the Held engine to start", interrupted.Detail, StringComparison.Ordinal);
        Assert.Contains($"a run named [{id}]", interrupted.Detail, StringComparison.Ordinal);
        Assert.Equal(1, engine.SitStarts);
        var sit = await second.Get<EnvironmentStates>().GetAsync("sit", Ct);
        Assert.Null(sit.ActiveDeploymentId);
        Assert.Equal(DeploymentStatus.Failed, sit.LastStatus);
        Assert.Null(sit.Live);
        var entry = Assert.Single(await second.Get<AuditLog>().QueryAsync(new AuditQuery(Environment: "sit"), Ct), e => e.Action == "deployment.interrupted");
        Assert.Equal(id, entry.Subject);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task ADeploymentOfASilentInstanceIsTakenOverOnlyAfterItsLease(string backend)
    {
        using var directory = new TempDirectory("ops-lease");
        var settings = await SharedStoreAsync(backend, directory);
        var engine = new HeldInSitEngine(dispatchAnswers: true);
        await using var first = await StartAsync(settings, engine);
        var id = await RunningInSitAsync(first, "9.3.0", engine);
        // Once the engine's steps are saved the first instance only waits on its (fake, unmoving) clock: it writes no more.
        await WaitAsync(first, id, d => d.Steps.Count > 0);
        // A crash: the first instance stops writing, but never lets go.
        var store = first.Get<IOperationsStore>();
        var held = await store.FindAsync<Deployment>(id, Ct);
        var crashed = await store.UpdateAsync(held! with { Owner = "crashed-instance", HeartbeatAt = first.Clock.GetUtcNow() }, Ct);

        await using var second = await StartAsync(settings, engine);
        var runner = second.Get<DeploymentRunner>();
        await runner.FirstRecovery;
        var withinLease = await store.FindAsync<Deployment>(id, Ct);
        engine.Release();
        second.Clock.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));
        await runner.RecoverAsync(Ct);
        var finished = await WaitAsync(second, id, d => d.IsFinished);
        await second.Get<DeploymentRunner>().WhenIdleAsync();

        Assert.Equal("crashed-instance", withinLease!.Owner);
        Assert.Equal(crashed.Revision, withinLease.Revision);
        Assert.Equal(DeploymentStatus.Succeeded, finished.Status);
        Assert.Equal(runner.InstanceId, finished.Owner);
        var audit = await second.Get<AuditLog>().QueryAsync(new AuditQuery(Environment: "sit"), Ct);
        Assert.Contains("lost its portal instance (crashed-instance", Assert.Single(audit, e => e.Action == "deployment.resumed").Detail, StringComparison.Ordinal);
        Assert.Single(audit, e => e.Action == "deployment.succeeded" && e.Subject == id);
        Assert.Null((await second.Get<EnvironmentStates>().GetAsync("sit", Ct)).ActiveDeploymentId);
    }

    private static async Task<Deployment> WaitAsync(OpsHost ops, string id, Func<Deployment, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var deployment = await ops.Get<DeploymentService>().GetAsync(id, Ct);
            if (condition(deployment) || DateTime.UtcNow > deadline)
            {
                return deployment;
            }

            await Task.Delay(20, Ct);
        }
    }

    /// <summary>
    /// Deploys DEV at once; a SIT run is held running until <see cref="Release"/>, the way a GitHub run goes on while no
    /// portal watches it. Without <c>dispatchAnswers</c> the SIT dispatch never answers, so its run id stays unknown.
    /// </summary>
    private sealed class HeldInSitEngine(bool dispatchAnswers) : IDeploymentEngine
    {
        public const string EngineName = "Held";
        private volatile bool _released;
        private int _sitStarts;

        public TaskCompletionSource Asked { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int SitStarts => _sitStarts;

        public string Name => EngineName;

        public void Release() => _released = true;

        public async Task<EngineRun> StartAsync(EngineRequest request, CancellationToken cancellationToken)
        {
            if (request.Environment != "sit")
            {
                return new EngineRun(request.DeploymentId, Name, "dev-run", null);
            }

            Interlocked.Increment(ref _sitStarts);
            Asked.TrySetResult();
            if (!dispatchAnswers)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return new EngineRun(request.DeploymentId, Name, "sit-run", new Uri("https://github.example.com/runs/sit-run"));
        }

        public Task<EngineRunStatus> GetStatusAsync(EngineRun run, CancellationToken cancellationToken) =>
            Task.FromResult(run.RunId != "sit-run" || _released
                ? new EngineRunStatus(EngineRunState.Succeeded, "done", run.RunUrl, [new EngineStep("deploy", EngineRunState.Succeeded, null)])
                : new EngineRunStatus(EngineRunState.Running, "deploying", run.RunUrl, [new EngineStep("deploy", EngineRunState.Running, null)]));
    }
}
