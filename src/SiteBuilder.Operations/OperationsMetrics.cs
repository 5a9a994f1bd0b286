using System.Diagnostics.Metrics;

namespace SiteBuilder.Operations;

/// <summary>The <c>SiteBuilder.Operations</c> meter: deployments and rollbacks by environment and outcome.</summary>
public sealed class OperationsMetrics
{
    public const string MeterName = "SiteBuilder.Operations";

    private readonly Counter<long> _deployments;
    private readonly Counter<long> _rollbacks;

    public OperationsMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _deployments = meter.CreateCounter<long>("sitebuilder.ops.deployments", "{deployment}", "Deployments finished, by environment and outcome (succeeded, failed).");
        _rollbacks = meter.CreateCounter<long>("sitebuilder.ops.rollbacks", "{rollback}", "Rollbacks finished, by environment and outcome (succeeded, failed).");
    }

    public void DeploymentFinished(string environment, bool succeeded) =>
        _deployments.Add(1, new KeyValuePair<string, object?>("environment", environment), new KeyValuePair<string, object?>("outcome", Outcome(succeeded)));

    public void RollbackFinished(string environment, bool succeeded) =>
        _rollbacks.Add(1, new KeyValuePair<string, object?>("environment", environment), new KeyValuePair<string, object?>("outcome", Outcome(succeeded)));

    private static string Outcome(bool succeeded) => succeeded ? "succeeded" : "failed";
}
