using Microsoft.Data.Sqlite;
using SiteBuilder.Operations.Audit;
using SiteBuilder.Storage.Sqlite;

namespace SiteBuilder.Operations.Store;

/// <summary>Documents in one table keyed by (kind, id) with a revision column; the audit log in a table that triggers keep append-only.</summary>
public sealed class SqliteOperationsStore(SqliteDatabase database) : IOperationsStore
{
    public static readonly SqliteMigration Schema = new("operations-0001-documents-audit", """
        CREATE TABLE ops_documents (
            kind TEXT NOT NULL,
            id TEXT NOT NULL,
            revision INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            body TEXT NOT NULL,
            PRIMARY KEY (kind, id)
        );
        CREATE INDEX ops_documents_created ON ops_documents (kind, created_at);
        CREATE TABLE ops_audit (
            id TEXT PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            environment TEXT NULL,
            body TEXT NOT NULL
        );
        CREATE INDEX ops_audit_at ON ops_audit (at, id);
        CREATE TRIGGER ops_audit_no_update BEFORE UPDATE ON ops_audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        CREATE TRIGGER ops_audit_no_delete BEFORE DELETE ON ops_audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        """);

    public async Task<T> InsertAsync<T>(T document, CancellationToken cancellationToken = default)
        where T : class, IOpsDocument<T>
    {
        var stored = document.WithRevision(1);
        await using var write = await database.OpenForWriteAsync(cancellationToken);
        await using var command = write.Connection.Command(
            "INSERT INTO ops_documents (kind, id, revision, created_at, body) VALUES ($kind, $id, 1, $created, $body) ON CONFLICT (kind, id) DO NOTHING",
            ("$kind", T.Kind), ("$id", stored.Id), ("$created", stored.CreatedAt.ToSortable()), ("$body", OpsJson.Serialize(stored)));
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            throw new OpsDuplicateException($"A {T.Kind} '{stored.Id}' already exists.");
        }

        return stored;
    }

    public async Task<T> UpdateAsync<T>(T document, CancellationToken cancellationToken = default)
        where T : class, IOpsDocument<T>
    {
        var stored = document.WithRevision(document.Revision + 1);
        await using var write = await database.OpenForWriteAsync(cancellationToken);
        await using var command = write.Connection.Command(
            "UPDATE ops_documents SET revision = $next, body = $body WHERE kind = $kind AND id = $id AND revision = $expected",
            ("$kind", T.Kind), ("$id", stored.Id), ("$next", stored.Revision), ("$expected", document.Revision), ("$body", OpsJson.Serialize(stored)));
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            throw new OpsConflictException($"The {T.Kind} '{stored.Id}' was changed by someone else or does not exist.");
        }

        return stored;
    }

    public async Task<T?> FindAsync<T>(string id, CancellationToken cancellationToken = default)
        where T : class, IOpsDocument<T>
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT body FROM ops_documents WHERE kind = $kind AND id = $id", ("$kind", T.Kind), ("$id", id));
        return await command.ExecuteScalarAsync(cancellationToken) is string json ? OpsJson.Deserialize<T>(json) : null;
    }

    public async Task<IReadOnlyList<T>> ListAsync<T>(CancellationToken cancellationToken = default)
        where T : class, IOpsDocument<T>
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT body FROM ops_documents WHERE kind = $kind ORDER BY created_at DESC, id DESC", ("$kind", T.Kind));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var documents = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            documents.Add(OpsJson.Deserialize<T>(reader.GetString(0)));
        }

        return documents;
    }

    public async Task AppendAuditAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        await using var write = await database.OpenForWriteAsync(cancellationToken);
        await using var command = write.Connection.Command(
            "INSERT INTO ops_audit (id, at, actor, environment, body) VALUES ($id, $at, $actor, $environment, $body)",
            ("$id", entry.Id), ("$at", entry.At.ToSortable()), ("$actor", entry.Actor.ToLowerInvariant()), ("$environment", entry.Environment), ("$body", OpsJson.Serialize(entry)));
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19)
        {
            throw new OpsDuplicateException($"An audit entry '{entry.Id}' already exists.");
        }
    }

    public async Task<IReadOnlyList<AuditEntry>> QueryAuditAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("""
            SELECT body FROM ops_audit
            WHERE ($from IS NULL OR at >= $from) AND ($to IS NULL OR at < $to)
              AND ($actor IS NULL OR actor = $actor) AND ($environment IS NULL OR environment = $environment)
            ORDER BY at, id
            """,
            ("$from", query.From?.ToSortable()), ("$to", query.To?.ToSortable()),
            ("$actor", query.Actor?.ToLowerInvariant()), ("$environment", query.Environment));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<AuditEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(OpsJson.Deserialize<AuditEntry>(reader.GetString(0)));
        }

        return entries;
    }
}
