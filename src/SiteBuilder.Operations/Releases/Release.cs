using SiteBuilder.Operations.Store;

namespace SiteBuilder.Operations.Releases;

/// <summary>A build that can be deployed: registered once by CI, never changed (a second registration of a version is refused).</summary>
public sealed record Release : IOpsDocument<Release>
{
    public static string Kind => "release";

    public string Id => Version;

    public required string Version { get; init; }

    public required string Commit { get; init; }

    /// <summary>The container image by digest, e.g. <c>sha256:…</c>.</summary>
    public required string ImageDigest { get; init; }

    public required string TerraformCommit { get; init; }

    public string Notes { get; init; } = "";

    public ReleaseEvidence Evidence { get; init; } = new();

    public required string RegisteredBy { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public long Revision { get; init; }

    public Release WithRevision(long revision) => this with { Revision = revision };
}

/// <summary>What CI says about the build.</summary>
public sealed record ReleaseEvidence
{
    public bool TestsPassed { get; init; }

    public double? CoveragePercent { get; init; }

    public bool ReviewApproved { get; init; }

    public IReadOnlyList<string> Links { get; init; } = [];
}
