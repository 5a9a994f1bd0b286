using System.Text.Json.Serialization;
using SiteBuilder.Operations.Approvals;
using SiteBuilder.Operations.Store;

namespace SiteBuilder.Operations.Rollbacks;

/// <summary>The seed's rollback types; <c>app_only</c> is its <c>lambda_only</c>.</summary>
[JsonConverter(typeof(SnakeCaseEnum<RollbackType>))]
public enum RollbackType { AppOnly, TerraformOnly, Full }

/// <summary>The seed's rollback triggers, plus anything else said in words.</summary>
[JsonConverter(typeof(SnakeCaseEnum<RollbackTrigger>))]
public enum RollbackTrigger { ErrorRate, CriticalFunctionalityBroken, SecurityVulnerability, PerformanceDegradation, Other }

/// <summary>A request to put an environment back on an earlier release's application, infrastructure, or both.</summary>
public sealed record RollbackRequest : IOpsDocument<RollbackRequest>
{
    public static string Kind => "rollback";

    public required string Id { get; init; }

    public required string Environment { get; init; }

    public required RollbackType Type { get; init; }

    /// <summary>What the environment runs now (when requested) and what it goes back to.</summary>
    public required RollbackPreview Preview { get; init; }

    public required RollbackTrigger Trigger { get; init; }

    public required string Reason { get; init; }

    public required string RequestedBy { get; init; }

    public required string RequestedByName { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public IReadOnlyList<Approval> Approvals { get; init; } = [];

    public string? DeploymentId { get; init; }

    /// <summary>The seed's post-rollback checklist, ticked after the rollback ran.</summary>
    public IReadOnlyList<CheckTick> FollowUps { get; init; } = [];

    public long Revision { get; init; }

    public RollbackRequest WithRevision(long revision) => this with { Revision = revision };
}

/// <summary>What a rollback changes, shown before anyone confirms it.</summary>
/// <param name="NotesBetween">Release notes of the releases being undone (newest first).</param>
public sealed record RollbackPreview(
    string Environment,
    string FromVersion,
    string ToVersion,
    string FromImageDigest,
    string ToImageDigest,
    string FromTerraformCommit,
    string ToTerraformCommit,
    IReadOnlyList<ReleaseNote> NotesBetween)
{
    public IReadOnlyList<string> Changes =>
    [
        .. FromVersion != ToVersion ? [$"version {FromVersion} → {ToVersion}"] : Array.Empty<string>(),
        .. FromImageDigest != ToImageDigest ? [$"image {FromImageDigest} → {ToImageDigest}"] : Array.Empty<string>(),
        .. FromTerraformCommit != ToTerraformCommit ? [$"terraform {FromTerraformCommit} → {ToTerraformCommit}"] : Array.Empty<string>(),
    ];
}

public sealed record ReleaseNote(string Version, string Notes);
