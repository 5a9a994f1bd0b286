using SiteBuilder.Operations.Approvals;
using SiteBuilder.Operations.Store;

namespace SiteBuilder.Operations.Restores;

/// <summary>A request to restore a table or database file as it was at a point in time, into a new name. Never in place.</summary>
public sealed record RestoreRequest : IOpsDocument<RestoreRequest>
{
    public static string Kind => "restore";

    public required string Id { get; init; }

    /// <summary>The <see cref="IPointInTimeRestore.Kind"/>: <c>Sqlite</c> or <c>DynamoDb</c>.</summary>
    public required string Backend { get; init; }

    public required string Source { get; init; }

    /// <summary>Null: the latest restorable time.</summary>
    public DateTimeOffset? PointInTime { get; init; }

    public required string NewName { get; init; }

    public required string Reason { get; init; }

    public required string RequestedBy { get; init; }

    public required string RequestedByName { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public IReadOnlyList<Approval> Approvals { get; init; } = [];

    public RestoreResult? Result { get; init; }

    public string? Error { get; init; }

    public DateTimeOffset? ExecutedAt { get; init; }

    public long Revision { get; init; }

    public RestoreRequest WithRevision(long revision) => this with { Revision = revision };
}
