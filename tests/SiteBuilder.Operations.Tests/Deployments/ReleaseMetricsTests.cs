using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using SiteBuilder.Identity;
using SiteBuilder.Observability.Metrics;
using SiteBuilder.Operations.Rollbacks;

namespace SiteBuilder.Operations.Tests.Deployments;

public sealed class ReleaseMetricsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FinishedDeploymentsAndRollbacksAreCountedOnTheReleaseMeterWithEnvironmentVersionAndOutcome()
    {
        await using var ops = await OpsHost.StartAsync();
        var factory = ops.Get<IMeterFactory>();
        using var deployments = new MetricCollector<long>(factory, ReleaseMetrics.MeterName, InstrumentNames.Deployments);
        using var rollbacks = new MetricCollector<long>(factory, ReleaseMetrics.MeterName, InstrumentNames.Rollbacks);

        await ops.RegisterAsync("1.0.0");
        await PromotionFlowTests.LiveInDevAsync(ops, "1.0.0");
        await ops.RegisterAsync("1.1.0");
        ops.Environments.Healthy = false;
        await PromotionFlowTests.LiveInDevAsync(ops, "1.1.0");
        ops.Environments.Healthy = true;
        var rollbackService = ops.Get<RollbackService>();
        var rollback = await rollbackService.RequestAsync("dev", "app_only", "previous", "error_rate", "errors after 1.1.0", OpsHost.Operator, Ct);
        await rollbackService.ApproveAsync(rollback.Id, Roles.Operator, null, new OpsActor("otto", "Otto", [Roles.Operator]), Ct);
        await ops.FinishedAsync((await rollbackService.ExecuteAsync(rollback.Id, OpsHost.Operator, Ct)).Deployment.Id);

        static string Tags(CollectedMeasurement<long> m) =>
            $"{m.Tags["deployment.environment.name"]} {m.Tags["service.version"]} {m.Tags["outcome"]} {m.Value}";
        Assert.Equal(["dev 1.0.0 success 1", "dev 1.1.0 error 1"], deployments.GetMeasurementSnapshot().Select(Tags));
        Assert.Equal(["dev 1.0.0 success 1"], rollbacks.GetMeasurementSnapshot().Select(Tags));
    }
}
