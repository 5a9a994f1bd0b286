using System.Diagnostics.Metrics;
using SiteBuilder.Identity;
using SiteBuilder.Operations.Deployments;
using SiteBuilder.Operations.Rollbacks;

namespace SiteBuilder.Operations.Tests.Deployments;

public sealed class OperationsMetricsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DeploymentsAndRollbacksAreCountedByEnvironmentAndOutcome()
    {
        await using var ops = await OpsHost.StartAsync();
        var factory = ops.Get<IMeterFactory>();
        var measurements = new List<(string Instrument, long Value, string Tags)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == OperationsMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            lock (measurements)
            {
                measurements.Add((instrument.Name, value, string.Join(",", tags.ToArray().Select(t => $"{t.Key}={t.Value}"))));
            }
        });
        listener.Start();

        await ops.RegisterAsync("1.0.0");
        await PromotionFlowTests.LiveInDevAsync(ops, "1.0.0");
        await ops.RegisterAsync("1.1.0");
        ops.Environments.Healthy = false;
        await PromotionFlowTests.LiveInDevAsync(ops, "1.1.0");
        ops.Environments.Healthy = true;
        var rollbacks = ops.Get<RollbackService>();
        var rollback = await rollbacks.RequestAsync("dev", "app_only", "previous", "error_rate", "errors after 1.1.0", OpsHost.Operator, Ct);
        await rollbacks.ApproveAsync(rollback.Id, Roles.Operator, null, new OpsActor("otto", "Otto", [Roles.Operator]), Ct);
        await ops.FinishedAsync((await rollbacks.ExecuteAsync(rollback.Id, OpsHost.Operator, Ct)).Deployment.Id);

        Assert.Equal(
            [
                ("sitebuilder.ops.deployments", 1L, "environment=dev,outcome=succeeded"),
                ("sitebuilder.ops.deployments", 1L, "environment=dev,outcome=failed"),
                ("sitebuilder.ops.rollbacks", 1L, "environment=dev,outcome=succeeded"),
            ],
            measurements);
    }
}
