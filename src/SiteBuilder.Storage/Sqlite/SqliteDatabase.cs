using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace SiteBuilder.Storage.Sqlite;

/// <summary>
/// The embedded database: one SQLite file in the data directory, in WAL mode so readers never wait for the writer.
/// Each area contributes its schema as <see cref="SqliteMigration"/>s; <see cref="MigrateAsync"/> applies the new ones in order.
/// </summary>
public sealed class SqliteDatabase
{
    private readonly string _connectionString;
    private readonly IReadOnlyList<SqliteMigration> _migrations;

    // SQLite takes one writer at a time and its driver blocks the calling thread while it waits for the lock. Writers queue here
    // instead, without holding a thread, so a burst of requests cannot starve the thread pool.
    private readonly SemaphoreSlim _writer = new(1, 1);

    // The pool hands back connections it opened before; their settings hold for the life of the native handle, so each is set once.
    private readonly ConditionalWeakTable<sqlite3, object> _configured = [];

    public SqliteDatabase(string path, IEnumerable<SqliteMigration> migrations)
    {
        Path = path;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        _migrations = [.. migrations.OrderBy(m => m.Id, StringComparer.Ordinal)];
        var duplicate = _migrations.GroupBy(m => m.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two SQLite migrations share the id '{duplicate.Key}'.");
        }
    }

    public string Path { get; }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        if (connection.Handle is { } handle && !_configured.TryGetValue(handle, out _))
        {
            await using var pragma = connection.CreateCommand();
            // busy_timeout lets concurrent writers queue instead of failing with SQLITE_BUSY.
            pragma.CommandText = "PRAGMA busy_timeout = 30000; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
            _configured.AddOrUpdate(handle, handle);
        }

        return connection;
    }

    /// <summary>A connection for a write: callers take turns (asynchronously) for the one writer SQLite allows.</summary>
    public async Task<SqliteWriteConnection> OpenForWriteAsync(CancellationToken cancellationToken = default)
    {
        await _writer.WaitAsync(cancellationToken);
        try
        {
            return new SqliteWriteConnection(await OpenAsync(cancellationToken), _writer);
        }
        catch
        {
            _writer.Release();
            throw;
        }
    }

    /// <summary>Creates the file and applies every migration not yet recorded. Safe to call more than once.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        await using var connection = await OpenAsync(cancellationToken);
        await using (var setup = connection.CreateCommand())
        {
            setup.CommandText = """
                PRAGMA journal_mode = WAL;
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    id TEXT PRIMARY KEY,
                    applied_at TEXT NOT NULL
                );
                """;
            await setup.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var migration in _migrations)
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await using var check = connection.CreateCommand();
            check.Transaction = transaction;
            check.CommandText = "SELECT COUNT(*) FROM schema_migrations WHERE id = $id";
            check.Parameters.AddWithValue("$id", migration.Id);
            if ((long)(await check.ExecuteScalarAsync(cancellationToken))! > 0)
            {
                continue;
            }

            await using var apply = connection.CreateCommand();
            apply.Transaction = transaction;
            apply.CommandText = migration.Sql;
            await apply.ExecuteNonQueryAsync(cancellationToken);

            await using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO schema_migrations (id, applied_at) VALUES ($id, $at)";
            record.Parameters.AddWithValue("$id", migration.Id);
            record.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("O"));
            await record.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }
}

/// <summary>One schema step. Ids sort in the order they must run, e.g. <c>identity-0001</c>.</summary>
public sealed record SqliteMigration(string Id, string Sql);
