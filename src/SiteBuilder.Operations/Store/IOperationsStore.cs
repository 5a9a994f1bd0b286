using SiteBuilder.Operations.Audit;

namespace SiteBuilder.Operations.Store;

/// <summary>
/// Everything operations keeps: documents (releases, promotions, deployments, rollbacks, restores, environment state), each
/// guarded by its <see cref="IOpsDocument.Revision"/>, and the append-only audit log. Every write that can race is conditional.
/// </summary>
public interface IOperationsStore
{
    /// <summary>Stores a new document at revision 1; <see cref="OpsDuplicateException"/> when its id is taken.</summary>
    Task<T> InsertAsync<T>(T document, CancellationToken cancellationToken = default)
        where T : class, IOpsDocument<T>;

    /// <summary>
    /// Replaces the document if it is still at <paramref name="document"/>'s revision and returns it at the next revision;
    /// <see cref="OpsConflictException"/> when someone else changed it first (or it does not exist).
    /// </summary>
    Task<T> UpdateAsync<T>(T document, CancellationToken cancellationToken = default)
        where T : class, IOpsDocument<T>;

    Task<T?> FindAsync<T>(string id, CancellationToken cancellationToken = default)
        where T : class, IOpsDocument<T>;

    /// <summary>Every document of the kind, newest first.</summary>
    Task<IReadOnlyList<T>> ListAsync<T>(CancellationToken cancellationToken = default)
        where T : class, IOpsDocument<T>;

    /// <summary>Adds an entry; the log is never updated or deleted.</summary>
    Task AppendAuditAsync(AuditEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Entries matching the query, oldest first.</summary>
    Task<IReadOnlyList<AuditEntry>> QueryAuditAsync(AuditQuery query, CancellationToken cancellationToken = default);
}

/// <summary>A document the operations store keeps. <see cref="Revision"/> is set by the store (1 on insert, +1 on each update).</summary>
public interface IOpsDocument<TSelf>
    where TSelf : class, IOpsDocument<TSelf>
{
    /// <summary>The document family, e.g. <c>promotion</c>: a key prefix in DynamoDB, a column in SQLite.</summary>
    static abstract string Kind { get; }

    string Id { get; }

    long Revision { get; }

    DateTimeOffset CreatedAt { get; }

    TSelf WithRevision(long revision);
}

public sealed class OpsDuplicateException(string message) : Exception(message);

public sealed class OpsConflictException(string message) : Exception(message);
