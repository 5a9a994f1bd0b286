using System.Text.Json.Serialization;
using SiteBuilder.Operations.Engines;
using SiteBuilder.Operations.Store;

namespace SiteBuilder.Operations.Deployments;

[JsonConverter(typeof(SnakeCaseEnum<DeploymentStatus>))]
public enum DeploymentStatus { Queued, Running, Verifying, Succeeded, Failed }

[JsonConverter(typeof(SnakeCaseEnum<DeploymentKind>))]
public enum DeploymentKind { Promotion, Rollback }

/// <summary>One run of a release (or a rollback) into one environment, from queued to succeeded or failed.</summary>
public sealed record Deployment : IOpsDocument<Deployment>
{
    public static string Kind => "deployment";

    public required string Id { get; init; }

    [JsonPropertyName("kind")]
    public required DeploymentKind DeploymentKind { get; init; }

    /// <summary>The promotion or rollback that asked for it.</summary>
    public required string RequestId { get; init; }

    public required string Environment { get; init; }

    public string? SourceEnvironment { get; init; }

    public required string ReleaseVersion { get; init; }

    public required string ImageDigest { get; init; }

    public required string TerraformCommit { get; init; }

    public string? RollbackType { get; init; }

    public required string Engine { get; init; }

    public DeploymentStatus Status { get; init; } = DeploymentStatus.Queued;

    public required string By { get; init; }

    public required string ByName { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    public string? RunId { get; init; }

    public Uri? RunUrl { get; init; }

    public IReadOnlyList<EngineStep> Steps { get; init; } = [];

    public IReadOnlyList<VerificationResult> Verification { get; init; } = [];

    /// <summary>Why it failed, or what the engine last said.</summary>
    public string? Detail { get; init; }

    /// <summary>
    /// The portal instance running it (<see cref="DeploymentRunner.InstanceId"/>); null once that instance let it go at
    /// shutdown, so the next start (or another instance) resumes it at once.
    /// </summary>
    public string? Owner { get; init; }

    /// <summary>When its owner last wrote it. An owner silent for longer than <c>DeploymentLease</c> is gone (a crash).</summary>
    public DateTimeOffset? HeartbeatAt { get; init; }

    public long Revision { get; init; }

    [JsonIgnore]
    public bool IsFinished => Status is DeploymentStatus.Succeeded or DeploymentStatus.Failed;

    public Deployment WithRevision(long revision) => this with { Revision = revision };

    /// <summary>One deployment per request, ever: the id is the request's, so a second Deploy click finds the first.</summary>
    public static string IdFor(string requestId) => $"dep-{requestId}";
}

/// <param name="Check">e.g. <c>health</c>, <c>smoke:validate</c>.</param>
public sealed record VerificationResult(string Check, string Url, bool Passed, string Detail);
