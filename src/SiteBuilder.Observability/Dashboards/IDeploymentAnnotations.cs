using SiteBuilder.Observability.Store;

namespace SiteBuilder.Observability.Dashboards;

/// <summary>A deployment or rollback drawn on every chart of an environment.</summary>
/// <param name="Kind"><c>deployment</c> or <c>rollback</c>.</param>
public sealed record DeploymentAnnotation(string Environment, DateTimeOffset At, string Kind, string Version, string? Detail = null)
{
    public const string Deployment = "deployment";
    public const string Rollback = "rollback";
}

/// <summary>Where deployments and rollbacks come from: the operations records when they exist, the metrics' release version until then.</summary>
public interface IDeploymentAnnotations
{
    /// <summary>Annotations of <paramref name="environment"/> in [<paramref name="from"/>, <paramref name="to"/>], oldest first.</summary>
    Task<IReadOnlyList<DeploymentAnnotation>> ListAsync(string environment, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);
}

/// <summary>
/// Deployments read from the release version on the metrics: each version after the first an environment reported is a
/// deployment at the moment it was first seen. A return to an older version cannot be told apart here; the operations records can.
/// </summary>
public sealed class ReleaseVersionAnnotations(IMetricsStore store) : IDeploymentAnnotations
{
    public async Task<IReadOnlyList<DeploymentAnnotation>> ListAsync(string environment, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        var versions = await store.ReadVersionsAsync(environment, cancellationToken);
        return [.. versions.Skip(1)
            .Where(v => v.FirstSeen >= from && v.FirstSeen <= to)
            .Select(v => new DeploymentAnnotation(environment, v.FirstSeen, DeploymentAnnotation.Deployment, v.Version, $"Version {v.Version} started reporting"))];
    }
}
