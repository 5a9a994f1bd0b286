namespace SiteBuilder.Operations.Restores;

/// <summary>Restores a data store as it was at a point in time, always into a new table or file, never in place.</summary>
public interface IPointInTimeRestore
{
    /// <summary><c>Sqlite</c> (online-backup snapshots) or <c>DynamoDb</c> (point-in-time recovery).</summary>
    string Kind { get; }

    /// <summary>The sources this backend can restore: table names, or the database file's name.</summary>
    IReadOnlyList<string> Sources { get; }

    Task<RestoreWindow> GetWindowAsync(string source, CancellationToken cancellationToken);

    /// <summary>Why this backend cannot restore <paramref name="source"/> under <paramref name="newName"/>, or null; asked when the restore is requested, before anyone signs it off.</summary>
    string? NewNameProblem(string source, string newName) => null;

    Task<RestoreResult> RestoreAsync(RestoreTarget target, CancellationToken cancellationToken);
}

/// <param name="Snapshots">The discrete points that can be restored (SQLite snapshots); empty where any time in the window can be (DynamoDB).</param>
public sealed record RestoreWindow(DateTimeOffset? Earliest, DateTimeOffset? Latest, IReadOnlyList<DateTimeOffset> Snapshots);

/// <param name="PointInTime">Null restores the latest restorable time.</param>
/// <param name="NewName">The new table or file; it must not exist yet.</param>
public sealed record RestoreTarget(string Source, DateTimeOffset? PointInTime, string NewName);

public sealed record RestoreResult(string NewName, DateTimeOffset RestoredTo, string Detail);
