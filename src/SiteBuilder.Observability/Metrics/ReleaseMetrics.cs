using System.Diagnostics.Metrics;

namespace SiteBuilder.Observability.Metrics;

/// <summary>
/// Deployments and rollbacks as they finish, on the meter <c>SiteBuilder.Releases</c>, tagged with the target environment and
/// version: the dashboards draw them as annotations, and CloudWatch gets <c>Deployments</c> / <c>Rollbacks</c>.
/// </summary>
public sealed class ReleaseMetrics
{
    public const string MeterName = "SiteBuilder.Releases";

    private readonly Counter<long> _deployments;
    private readonly Counter<long> _rollbacks;

    public ReleaseMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _deployments = meter.CreateCounter<long>(InstrumentNames.Deployments, "{deployment}", "Deployments that finished, by environment, version and outcome.");
        _rollbacks = meter.CreateCounter<long>(InstrumentNames.Rollbacks, "{rollback}", "Rollbacks that finished, by environment, version and outcome.");
    }

    public void RecordDeployment(string environment, string version, bool succeeded) => _deployments.Add(1, Tags(environment, version, succeeded));

    public void RecordRollback(string environment, string version, bool succeeded) => _rollbacks.Add(1, Tags(environment, version, succeeded));

    private static KeyValuePair<string, object?>[] Tags(string environment, string version, bool succeeded) =>
    [
        new("deployment.environment.name", environment),
        new("service.version", version),
        new("outcome", succeeded ? Outcomes.Success : Outcomes.Error),
    ];
}
