using SiteBuilder.Identity;
using SiteBuilder.Observability.Metrics;
using SiteBuilder.Observability.Store;
using SiteBuilder.Operations.Audit;
using SiteBuilder.Operations.Deployments;
using SiteBuilder.Operations.Promotions;

namespace SiteBuilder.Operations.Tests.Deployments;

/// <summary>SIT → PROD is held when SIT's generation quality regressed against PROD's, until a TechLead overrides it with a reason.</summary>
public sealed class QualityGateTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>An hour of one environment's generations, two hours ago: brand score mean and TTLT (every page in one bucket).</summary>
    private static async Task GenerationsAsync(OpsHost ops, string environment, double brandScore, double ttlt)
    {
        var minute = MetricRollup.MinuteOf(ops.Clock.GetUtcNow().AddHours(-2));
        var buckets = new long[DurationBuckets.Boundaries.Count + 1];
        buckets[MinuteAggregator.BucketIndex(DurationBuckets.Boundaries, ttlt)] = 10;
        await ops.Get<IMetricsStore>().WriteRollupsAsync(
        [
            new MetricRollup(environment, MetricCatalog.BrandScore.Name, "", minute, "i-1", "1.0.0", 10, brandScore * 10, brandScore, brandScore, null),
            new MetricRollup(environment, MetricCatalog.TimeToLastChunk.Name, "", minute, "i-1", "1.0.0", 10, ttlt * 10, ttlt, ttlt, buckets),
        ], Ct);
    }

    /// <summary>1.0.0 live in SIT and a SIT → PROD promotion with every check ticked and every sign-off given.</summary>
    private static async Task<PromotionRequest> ApprovedForProdAsync(OpsHost ops)
    {
        await ops.RegisterAsync("1.0.0");
        await PromotionFlowTests.LiveInDevAsync(ops, "1.0.0");
        var sit = await PromotionFlowTests.ApprovedForSitAsync(ops, "1.0.0");
        await ops.FinishedAsync((await ops.Get<DeploymentService>().DeployPromotionAsync(sit.Id, OpsHost.Operator, Ct)).Deployment.Id);
        var promotions = ops.Get<PromotionService>();
        var prod = await promotions.RequestAsync("1.0.0", "prod", null, OpsHost.Operator, Ct);
        foreach (var check in PromotionFlowTests.ChecksOf("prod"))
        {
            await promotions.TickCheckAsync(prod.Id, check, "evidence " + check, OpsHost.Operator, Ct);
        }

        await promotions.ApproveAsync(prod.Id, Roles.TechLead, null, OpsHost.TechLead, Ct);
        await promotions.ApproveAsync(prod.Id, Roles.DevOpsLead, null, OpsHost.DevOpsLead, Ct);
        await promotions.ApproveAsync(prod.Id, Roles.ProductOwner, null, OpsHost.ProductOwner, Ct);
        return prod;
    }

    [Fact]
    public async Task ARegressionInSitBlocksDeployToProdUntilAnotherTechLeadOverridesWithAReasonWhichIsAudited()
    {
        await using var ops = await OpsHost.StartAsync();
        var prod = await ApprovedForProdAsync(ops);
        await GenerationsAsync(ops, "sit", brandScore: 7.9, ttlt: 31);
        await GenerationsAsync(ops, "prod", brandScore: 8.8, ttlt: 20);
        var promotions = ops.Get<PromotionService>();
        var deployments = ops.Get<DeploymentService>();

        var view = await promotions.GetAsync(prod.Id, Ct);
        Assert.Equal([true, true], view.Quality!.Comparison!.Measures.Select(m => m.Regressed));
        Assert.Equal((7.9, 8.8), (view.Quality.Comparison.Measures[0].Candidate!.Value, view.Quality.Comparison.Measures[0].Current!.Value));
        Assert.False(view.Gate.IsMet);
        var held = await Assert.ThrowsAsync<OperationsException>(() => deployments.DeployPromotionAsync(prod.Id, OpsHost.Operator, Ct));
        Assert.Equal(OperationsError.GateNotMet, held.Error);
        Assert.Contains(held.Missing, m => m.StartsWith("quality within tolerance", StringComparison.Ordinal) && m.Contains("regression", StringComparison.Ordinal));

        var notTechLead = await Assert.ThrowsAsync<OperationsException>(() => promotions.OverrideQualityAsync(prod.Id, "customers need it", OpsHost.DevOpsLead, Ct));
        Assert.Equal(OperationsError.Forbidden, notTechLead.Error);
        var requester = await Assert.ThrowsAsync<OperationsException>(() =>
            promotions.OverrideQualityAsync(prod.Id, "mine", OpsHost.Operator with { Roles = [Roles.Operator, Roles.TechLead] }, Ct));
        Assert.Equal(OperationsError.Forbidden, requester.Error);
        var noReason = await Assert.ThrowsAsync<OperationsException>(() => promotions.OverrideQualityAsync(prod.Id, "  ", OpsHost.SecondTechLead, Ct));
        Assert.Equal(OperationsError.Validation, noReason.Error);
        await Assert.ThrowsAsync<OperationsException>(() => deployments.DeployPromotionAsync(prod.Id, OpsHost.Operator, Ct));

        var overridden = await promotions.OverrideQualityAsync(prod.Id, "SIT ran a load test; PROD traffic is lighter", OpsHost.SecondTechLead, Ct);
        Assert.True(overridden.Gate.IsMet);
        Assert.Equal(("tess", "SIT ran a load test; PROD traffic is lighter"), (overridden.Request.QualityOverride!.By, overridden.Request.QualityOverride.Reason));
        var (deployment, started) = await deployments.DeployPromotionAsync(prod.Id, OpsHost.Operator, Ct);
        Assert.True(started);
        Assert.Equal(DeploymentStatus.Succeeded, (await ops.FinishedAsync(deployment.Id)).Status);

        var audit = await ops.Get<AuditLog>().QueryAsync(new AuditQuery(Environment: "prod"), Ct);
        var entry = Assert.Single(audit, e => e.Action == "promotion.quality_overridden");
        Assert.Equal("tess", entry.Actor);
        Assert.Contains("SIT ran a load test", entry.Detail, StringComparison.Ordinal);
        Assert.Contains("SIT 7.9 against PROD 8.8, 0.9 points below", entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SitWithinToleranceDeploysWithoutAnOverrideAndHasNothingToOverride()
    {
        await using var ops = await OpsHost.StartAsync();
        var prod = await ApprovedForProdAsync(ops);
        await GenerationsAsync(ops, "sit", brandScore: 8.7, ttlt: 21);
        await GenerationsAsync(ops, "prod", brandScore: 8.8, ttlt: 20);

        var view = await ops.Get<PromotionService>().GetAsync(prod.Id, Ct);
        var nothing = await Assert.ThrowsAsync<OperationsException>(() => ops.Get<PromotionService>().OverrideQualityAsync(prod.Id, "just in case", OpsHost.SecondTechLead, Ct));
        var (_, started) = await ops.Get<DeploymentService>().DeployPromotionAsync(prod.Id, OpsHost.Operator, Ct);

        Assert.False(view.Quality!.Holds);
        Assert.True(view.Gate.IsMet);
        Assert.Equal(OperationsError.Conflict, nothing.Error);
        Assert.True(started);
    }
}
