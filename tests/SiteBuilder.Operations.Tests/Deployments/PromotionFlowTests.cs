using Microsoft.Extensions.DependencyInjection;
using SiteBuilder.Identity;
using SiteBuilder.Operations.Audit;
using SiteBuilder.Operations.Deployments;
using SiteBuilder.Operations.Engines;
using SiteBuilder.Operations.Environments;
using SiteBuilder.Operations.Promotions;
using SiteBuilder.Operations.Releases;

namespace SiteBuilder.Operations.Tests.Deployments;

/// <summary>Request → checklist → sign-offs → one deployment → verified and live, through the services on a real SQLite file.</summary>
public sealed class PromotionFlowTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Puts <paramref name="version"/> live in DEV through its own gate, as a team would.</summary>
    internal static async Task<Deployment> LiveInDevAsync(OpsHost ops, string version)
    {
        var promotions = ops.Get<PromotionService>();
        var promotion = await promotions.RequestAsync(version, "dev", null, OpsHost.Operator, Ct);
        await promotions.TickCheckAsync(promotion.Id, "tests_passing", "https://ci.example.com/runs/1", OpsHost.Operator, Ct);
        await promotions.TickCheckAsync(promotion.Id, "code_review_approved", "PR #42 approved", OpsHost.Operator, Ct);
        await promotions.ApproveAsync(promotion.Id, Roles.TechLead, "ship it", OpsHost.TechLead, Ct);
        var (deployment, _) = await ops.Get<DeploymentService>().DeployPromotionAsync(promotion.Id, OpsHost.Operator, Ct);
        return await ops.FinishedAsync(deployment.Id);
    }

    internal static async Task<PromotionRequest> ApprovedForSitAsync(OpsHost ops, string version)
    {
        var promotions = ops.Get<PromotionService>();
        var promotion = await promotions.RequestAsync(version, "sit", null, OpsHost.Operator, Ct);
        foreach (var check in ChecksOf("sit"))
        {
            await promotions.TickCheckAsync(promotion.Id, check, "evidence " + check, OpsHost.Operator, Ct);
        }

        await promotions.ApproveAsync(promotion.Id, Roles.TechLead, null, OpsHost.TechLead, Ct);
        await promotions.ApproveAsync(promotion.Id, Roles.DevOpsLead, null, OpsHost.DevOpsLead, Ct);
        return promotion;
    }

    internal static IEnumerable<string> ChecksOf(string target) => SiteBuilder.Operations.Approvals.OperationsPolicy.PromotionChecks(target).Select(c => c.Key);

    [Fact]
    public async Task AnOperatorsDevToSitPromotionIsSignedByTwoOtherPeopleDeployedOnceAndLiveInSit()
    {
        await using var ops = await OpsHost.StartAsync();
        await ops.RegisterAsync("1.0.0", "First release");
        var dev = await LiveInDevAsync(ops, "1.0.0");
        Assert.Equal(DeploymentStatus.Succeeded, dev.Status);

        var promotions = ops.Get<PromotionService>();
        var promotion = await promotions.RequestAsync("1.0.0", "sit", null, OpsHost.Operator, Ct);
        var own = await Assert.ThrowsAsync<OperationsException>(() => promotions.ApproveAsync(promotion.Id, Roles.TechLead, null, OpsHost.Operator with { Roles = [Roles.Operator, Roles.TechLead] }, Ct));
        Assert.Equal(OperationsError.Forbidden, own.Error);
        var early = await Assert.ThrowsAsync<OperationsException>(() => ops.Get<DeploymentService>().DeployPromotionAsync(promotion.Id, OpsHost.Operator, Ct));
        Assert.Equal(OperationsError.GateNotMet, early.Error);
        Assert.Contains("TechLead sign-off", early.Missing);
        Assert.Contains("DevOpsLead sign-off", early.Missing);

        foreach (var check in ChecksOf("sit"))
        {
            await promotions.TickCheckAsync(promotion.Id, check, "https://evidence.example.com/" + check, OpsHost.Operator, Ct);
        }

        await promotions.ApproveAsync(promotion.Id, Roles.TechLead, "tests green", OpsHost.TechLead, Ct);
        var ready = await promotions.ApproveAsync(promotion.Id, Roles.DevOpsLead, "capacity fine", OpsHost.DevOpsLead, Ct);
        Assert.True(ready.Gate.IsMet);

        var (deployment, started) = await ops.Get<DeploymentService>().DeployPromotionAsync(promotion.Id, OpsHost.Operator, Ct);
        var finished = await ops.FinishedAsync(deployment.Id);

        Assert.True(started);
        Assert.Equal(DeploymentStatus.Succeeded, finished.Status);
        Assert.Equal(["health", "smoke:validate"], finished.Verification.Select(v => v.Check));
        Assert.All(finished.Verification, v => Assert.True(v.Passed, v.Detail));
        var sit = (await ops.Get<EnvironmentBoard>().GetAsync(Ct)).Single(c => c.Environment.Name == "sit");
        Assert.Equal("1.0.0", sit.Live?.Version);
        Assert.Equal("olga", sit.Live?.By);
        Assert.True(sit.Live?.Healthy);
        Assert.Equal("Same release as DEV.", sit.Drift);

        var sitAudit = await ops.Get<AuditLog>().QueryAsync(new AuditQuery(Environment: "sit"), Ct);
        Assert.Equal(
            ["promotion.requested", "promotion.check_ticked", "promotion.check_ticked", "promotion.check_ticked", "promotion.approved", "promotion.approved", "deployment.queued", "deployment.succeeded"],
            sitAudit.Select(e => e.Action));
        Assert.Equal(["olga", "olga", "olga", "olga", "tom", "dora", "olga", "system"], sitAudit.Select(e => e.Actor));
    }

    [Fact]
    public async Task FiftyConcurrentDeploysOfOneApprovedPromotionStartExactlyOneDeployment()
    {
        await using var ops = await OpsHost.StartAsync();
        await ops.RegisterAsync("2.0.0");
        await LiveInDevAsync(ops, "2.0.0");
        var promotion = await ApprovedForSitAsync(ops, "2.0.0");

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => ops.Get<DeploymentService>().DeployPromotionAsync(promotion.Id, OpsHost.Operator, Ct), Ct)));
        await ops.Get<DeploymentRunner>().WhenIdleAsync();

        Assert.Single(results, r => r.Started);
        Assert.Single(results.Select(r => r.Deployment.Id).Distinct());
        Assert.Single(await ops.Get<DeploymentService>().ListAsync("sit", Ct));
        Assert.Single(await ops.Get<AuditLog>().QueryAsync(new AuditQuery(Environment: "sit"), Ct), e => e.Action == "deployment.queued");
    }

    [Fact]
    public async Task ASecondPromotionToAnEnvironmentWithADeploymentRunningIsAConflict()
    {
        var gate = new TaskCompletionSource();
        await using var ops = await OpsHost.StartAsync(
            new Dictionary<string, string?> { ["SiteBuilder:Operations:Engine"] = "Held" },
            services => services.AddSingleton<IDeploymentEngine>(new HeldEngine(gate.Task)));
        await ops.RegisterAsync("3.0.0");
        await ops.RegisterAsync("3.0.1");
        var promotions = ops.Get<PromotionService>();
        var first = await promotions.RequestAsync("3.0.0", "dev", null, OpsHost.Operator, Ct);
        var second = await promotions.RequestAsync("3.0.1", "dev", null, OpsHost.Operator, Ct);
        foreach (var p in new[] { first, second })
        {
            await promotions.TickCheckAsync(p.Id, "tests_passing", "ci", OpsHost.Operator, Ct);
            await promotions.TickCheckAsync(p.Id, "code_review_approved", "pr", OpsHost.Operator, Ct);
            await promotions.ApproveAsync(p.Id, Roles.TechLead, null, OpsHost.TechLead, Ct);
        }

        var (running, _) = await ops.Get<DeploymentService>().DeployPromotionAsync(first.Id, OpsHost.Operator, Ct);
        var conflict = await Assert.ThrowsAsync<OperationsException>(() => ops.Get<DeploymentService>().DeployPromotionAsync(second.Id, OpsHost.Operator, Ct));
        gate.SetResult();
        var finished = await ops.FinishedAsync(running.Id);
        var (afterwards, started) = await ops.Get<DeploymentService>().DeployPromotionAsync(second.Id, OpsHost.Operator, Ct);

        Assert.Equal(OperationsError.Conflict, conflict.Error);
        Assert.Contains(running.Id, conflict.Message, StringComparison.Ordinal);
        Assert.Equal(DeploymentStatus.Succeeded, finished.Status);
        Assert.True(started);
        Assert.Equal("3.0.1", (await ops.FinishedAsync(afterwards.Id)).ReleaseVersion);
    }

    [Fact]
    public async Task AFailedEngineRunMarksTheDeploymentFailedAndTheBoardSaysSoWhileTheOldReleaseStaysLive()
    {
        var fail = false;
        await using var ops = await OpsHost.StartAsync(
            new Dictionary<string, string?> { ["SiteBuilder:Operations:Engine"] = "Flaky" },
            services => services.AddSingleton<IDeploymentEngine>(new FlakyEngine(() => fail)));
        await ops.RegisterAsync("4.0.0");
        await ops.RegisterAsync("4.1.0");
        await LiveInDevAsync(ops, "4.0.0");

        fail = true;
        var failed = await LiveInDevAsync(ops, "4.1.0");

        Assert.Equal(DeploymentStatus.Failed, failed.Status);
        Assert.Contains("The Flaky run failed: job 'deploy' failed", failed.Detail, StringComparison.Ordinal);
        var dev = (await ops.Get<EnvironmentBoard>().GetAsync(Ct))[0];
        Assert.Equal("4.0.0", dev.Live?.Version);
        Assert.Equal(DeploymentStatus.Failed, dev.Last?.Status);
        Assert.Null(dev.Active);
    }

    [Fact]
    public async Task AnEnvironmentThatFailsItsHealthCheckFailsTheDeploymentAndCannotBePromotedFrom()
    {
        await using var ops = await OpsHost.StartAsync();
        await ops.RegisterAsync("5.0.0");
        ops.Environments.Healthy = false;

        var failed = await LiveInDevAsync(ops, "5.0.0");
        var refused = await Assert.ThrowsAsync<OperationsException>(() => ops.Get<PromotionService>().RequestAsync("5.0.0", "sit", null, OpsHost.Operator, Ct));

        Assert.Equal(DeploymentStatus.Failed, failed.Status);
        Assert.Contains("health: 503", failed.Detail, StringComparison.Ordinal);
        Assert.False((await ops.Get<EnvironmentStates>().GetAsync("dev", Ct)).Live?.Healthy);
        Assert.Equal(OperationsError.Conflict, refused.Error);
        Assert.Contains("failed verification", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnExpiredSignOffIsNamedWhenDeploying()
    {
        await using var ops = await OpsHost.StartAsync();
        await ops.RegisterAsync("6.0.0");
        var promotions = ops.Get<PromotionService>();
        var promotion = await promotions.RequestAsync("6.0.0", "dev", null, OpsHost.Operator, Ct);
        await promotions.TickCheckAsync(promotion.Id, "tests_passing", "ci", OpsHost.Operator, Ct);
        await promotions.TickCheckAsync(promotion.Id, "code_review_approved", "pr", OpsHost.Operator, Ct);
        await promotions.ApproveAsync(promotion.Id, Roles.TechLead, null, OpsHost.TechLead, Ct);

        ops.Clock.Advance(TimeSpan.FromHours(24));
        var expired = await Assert.ThrowsAsync<OperationsException>(() => ops.Get<DeploymentService>().DeployPromotionAsync(promotion.Id, OpsHost.Operator, Ct));

        Assert.Equal(OperationsError.GateNotMet, expired.Error);
        Assert.Contains(expired.Missing, m => m.StartsWith("TechLead sign-off (the one by Tom TechLead expired at", StringComparison.Ordinal));
        Assert.Empty(await ops.Get<DeploymentService>().ListAsync("dev", Ct));
    }

    [Fact]
    public async Task ChangingAPrerequisiteAfterASignOffVoidsIt()
    {
        await using var ops = await OpsHost.StartAsync();
        await ops.RegisterAsync("7.0.0");
        var promotions = ops.Get<PromotionService>();
        var promotion = await promotions.RequestAsync("7.0.0", "dev", null, OpsHost.Operator, Ct);
        await promotions.TickCheckAsync(promotion.Id, "tests_passing", "ci run 1", OpsHost.Operator, Ct);
        await promotions.TickCheckAsync(promotion.Id, "code_review_approved", "pr", OpsHost.Operator, Ct);
        Assert.True((await promotions.ApproveAsync(promotion.Id, Roles.TechLead, null, OpsHost.TechLead, Ct)).Gate.IsMet);

        ops.Clock.Advance(TimeSpan.FromMinutes(5));
        var changed = await promotions.TickCheckAsync(promotion.Id, "tests_passing", "ci run 2 (flaky test quarantined)", OpsHost.Operator, Ct);

        Assert.False(changed.Gate.IsMet);
        Assert.Contains(changed.Gate.Missing, m => m.Contains("is void: a prerequisite changed", StringComparison.Ordinal));
        ops.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True((await promotions.ApproveAsync(promotion.Id, Roles.TechLead, "re-checked", OpsHost.TechLead, Ct)).Gate.IsMet);
    }

    /// <summary>
    /// An engine whose runs stay running until the test lets them finish. Its status answer waits for that, so the runner
    /// never sleeps on the test's clock (which only moves when a test moves it) past the moment the run ends.
    /// </summary>
    private sealed class HeldEngine(Task release) : IDeploymentEngine
    {
        public string Name => "Held";

        public Task<EngineRun> StartAsync(EngineRequest request, CancellationToken cancellationToken) => Task.FromResult(new EngineRun(request.DeploymentId, Name, "1", null));

        public async Task<EngineRunStatus> GetStatusAsync(EngineRun run, CancellationToken cancellationToken)
        {
            await release.WaitAsync(cancellationToken);
            return new EngineRunStatus(EngineRunState.Succeeded, "done", null, []);
        }
    }

    /// <summary>An engine whose runs fail the way a failed GitHub job does, when told to.</summary>
    private sealed class FlakyEngine(Func<bool> fail) : IDeploymentEngine
    {
        public string Name => "Flaky";

        public Task<EngineRun> StartAsync(EngineRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(new EngineRun(request.DeploymentId, Name, "77", new Uri("https://github.example.com/runs/77")));

        public Task<EngineRunStatus> GetStatusAsync(EngineRun run, CancellationToken cancellationToken) => Task.FromResult(fail()
            ? new EngineRunStatus(EngineRunState.Failed, "job 'deploy' failed", run.RunUrl, [new EngineStep("deploy", EngineRunState.Failed, "exit 1")])
            : new EngineRunStatus(EngineRunState.Succeeded, "ok", run.RunUrl, [new EngineStep("deploy", EngineRunState.Succeeded, null)]));
    }
}
