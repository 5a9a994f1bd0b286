using SiteBuilder.Operations.Deployments;
using SiteBuilder.Operations.Store;

namespace SiteBuilder.Operations.Environments;

/// <summary>What is live in an environment and which deployment holds it now (one at a time). Its revision serializes them.</summary>
public sealed record EnvironmentState : IOpsDocument<EnvironmentState>
{
    public static string Kind => "environment";

    /// <summary>The environment's name.</summary>
    public required string Id { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The deployment running there now; null when none is.</summary>
    public string? ActiveDeploymentId { get; init; }

    public LiveRelease? Live { get; init; }

    public string? LastDeploymentId { get; init; }

    public DeploymentStatus? LastStatus { get; init; }

    public string? LastDetail { get; init; }

    public long Revision { get; init; }

    public EnvironmentState WithRevision(long revision) => this with { Revision = revision };
}

/// <param name="Healthy">The deployment that put it there passed verification.</param>
public sealed record LiveRelease(string Version, string ImageDigest, string TerraformCommit, string DeploymentId, DateTimeOffset Since, string By, string ByName, bool Healthy);
