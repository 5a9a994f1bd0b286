using SiteBuilder.Operations.Audit;
using SiteBuilder.Operations.Deployments;
using SiteBuilder.Operations.Environments;
using SiteBuilder.TestSupport.Emulators;

namespace SiteBuilder.Operations.Tests.Deployments;

/// <summary>Two portal instances sharing one operations table (dynalite): the conditional writes hold across processes' worth of services.</summary>
public sealed class TwoInstancesOnDynamoDbTests(DynaliteTables tables) : IClassFixture<DynaliteTables>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FiftyConcurrentDeploysSplitOverTwoInstancesStartExactlyOneDeployment()
    {
        var settings = tables.Emulator.Configuration(tables.Names).ToDictionary();
        await using var first = await OpsHost.StartAsync(settings);
        await using var second = await OpsHost.StartAsync(settings);
        await first.RegisterAsync("9.0.0");
        await PromotionFlowTests.LiveInDevAsync(first, "9.0.0");
        var promotion = await PromotionFlowTests.ApprovedForSitAsync(second, "9.0.0");

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            Task.Run(() => (i % 2 == 0 ? first : second).Get<DeploymentService>().DeployPromotionAsync(promotion.Id, OpsHost.Operator, Ct), Ct)));
        await first.Get<DeploymentRunner>().WhenIdleAsync();
        await second.Get<DeploymentRunner>().WhenIdleAsync();

        Assert.Single(results, r => r.Started);
        Assert.Single(results.Select(r => r.Deployment.Id).Distinct());
        var deployments = await first.Get<DeploymentService>().ListAsync("sit", Ct);
        Assert.Equal(DeploymentStatus.Succeeded, Assert.Single(deployments).Status);
        Assert.Single(await second.Get<AuditLog>().QueryAsync(new AuditQuery(Environment: "sit"), Ct), e => e.Action == "deployment.queued");
        var sit = await second.Get<EnvironmentStates>().GetAsync("sit", Ct);
        Assert.Equal("9.0.0", sit.Live?.Version);
        Assert.Null(sit.ActiveDeploymentId);
    }
}
