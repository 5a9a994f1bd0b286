using SiteBuilder.Operations.Approvals;
using SiteBuilder.Operations.Store;

namespace SiteBuilder.Operations.Promotions;

/// <summary>A request to put a release into an environment: DEV's first deployment, or DEV → SIT, SIT → PROD.</summary>
public sealed record PromotionRequest : IOpsDocument<PromotionRequest>
{
    public static string Kind => "promotion";

    public required string Id { get; init; }

    public required string ReleaseVersion { get; init; }

    /// <summary>Commit, image digest and terraform commit as they were when approvals were given: a release that differs voids them.</summary>
    public required string ReleaseFingerprint { get; init; }

    /// <summary>Null for DEV.</summary>
    public string? Source { get; init; }

    public required string Target { get; init; }

    public required string RequestedBy { get; init; }

    public required string RequestedByName { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public IReadOnlyList<CheckTick> Checks { get; init; } = [];

    public IReadOnlyList<Approval> Approvals { get; init; } = [];

    /// <summary>When a prerequisite last changed; sign-offs given before then are void.</summary>
    public DateTimeOffset? PrerequisitesChangedAt { get; init; }

    /// <summary>A TechLead's override of a quality regression (SIT → PROD), when given.</summary>
    public QualityOverride? QualityOverride { get; init; }

    public string? DeploymentId { get; init; }

    public long Revision { get; init; }

    public PromotionRequest WithRevision(long revision) => this with { Revision = revision };
}
