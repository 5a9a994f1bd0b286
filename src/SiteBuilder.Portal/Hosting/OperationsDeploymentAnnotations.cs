using SiteBuilder.Observability.Dashboards;
using SiteBuilder.Observability.Store;
using SiteBuilder.Operations.Deployments;

namespace SiteBuilder.Portal.Hosting;

/// <summary>
/// The dashboards' deployment markers: from the operations records once an environment has any (every deployment and
/// rollback, at the moment it started, whether it succeeded or not: a failed deployment often explains a spike), and from
/// the release version on the metrics until then (an environment deployed outside the portal). Registered by the portal,
/// the one project that knows both areas.
/// </summary>
public sealed class OperationsDeploymentAnnotations(DeploymentService deployments, IMetricsStore metrics) : IDeploymentAnnotations
{
    private readonly ReleaseVersionAnnotations _fromMetrics = new(metrics);

    public async Task<IReadOnlyList<DeploymentAnnotation>> ListAsync(string environment, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        var recorded = await deployments.ListAsync(environment, cancellationToken);
        if (recorded.Count == 0)
        {
            return await _fromMetrics.ListAsync(environment, from, to, cancellationToken);
        }

        return [.. recorded
            .Select(d => (Deployment: d, At: d.StartedAt ?? d.CreatedAt))
            .Where(d => d.At >= from && d.At <= to)
            .OrderBy(d => d.At)
            .Select(d => new DeploymentAnnotation(
                environment,
                d.At,
                d.Deployment.DeploymentKind == DeploymentKind.Rollback ? DeploymentAnnotation.Rollback : DeploymentAnnotation.Deployment,
                d.Deployment.ReleaseVersion,
                $"{d.Deployment.ReleaseVersion} by {d.Deployment.ByName}: {d.Deployment.Status.ToString().ToLowerInvariant()}"))];
    }
}
