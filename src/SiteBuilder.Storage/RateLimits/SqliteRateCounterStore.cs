using SiteBuilder.Storage.Sqlite;

namespace SiteBuilder.Storage.RateLimits;

public sealed class SqliteRateCounterStore(SqliteDatabase database) : IRateCounterStore
{
    public static readonly SqliteMigration Schema = new("storage-0001-rate-counters", """
        CREATE TABLE rate_counters (
            counter_key TEXT NOT NULL,
            window_start TEXT NOT NULL,
            count INTEGER NOT NULL,
            expires_at TEXT NOT NULL,
            PRIMARY KEY (counter_key, window_start)
        );
        CREATE INDEX rate_counters_expiry ON rate_counters (expires_at);
        """);

    public async Task<long> IncrementAsync(string key, DateTimeOffset windowStart, TimeSpan window, CancellationToken cancellationToken = default)
    {
        await using var write = await database.OpenForWriteAsync(cancellationToken);
        var connection = write.Connection;
        await using var command = connection.Command("""
            DELETE FROM rate_counters WHERE expires_at < $now;
            INSERT INTO rate_counters (counter_key, window_start, count, expires_at) VALUES ($key, $start, 1, $expires)
            ON CONFLICT (counter_key, window_start) DO UPDATE SET count = count + 1
            RETURNING count;
            """,
            ("$key", key),
            ("$start", windowStart.ToSortable()),
            ("$expires", (windowStart + window + window).ToSortable()),
            ("$now", DateTimeOffset.UtcNow.ToSortable()));
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
