using SiteBuilder.Observability.Alarms;
using SiteBuilder.Observability.Metrics;
using SiteBuilder.Storage.Sqlite;

namespace SiteBuilder.Observability.Store;

public sealed class SqliteMetricsStore(SqliteDatabase database, TimeProvider clock) : IMetricsStore
{
    public static readonly SqliteMigration Schema = new("observability-0001-metrics", """
        CREATE TABLE metric_rollups (
            environment TEXT NOT NULL,
            metric TEXT NOT NULL,
            dimension TEXT NOT NULL,
            minute TEXT NOT NULL,
            instance TEXT NOT NULL,
            version TEXT NOT NULL,
            sample_count REAL NOT NULL,
            sum REAL NOT NULL,
            minimum REAL NOT NULL,
            maximum REAL NOT NULL,
            buckets TEXT,
            expires_at TEXT NOT NULL,
            PRIMARY KEY (environment, metric, minute, dimension, instance)
        ) WITHOUT ROWID;
        CREATE INDEX metric_rollups_expiry ON metric_rollups (expires_at);
        CREATE TABLE metric_versions (
            environment TEXT NOT NULL,
            version TEXT NOT NULL,
            first_seen TEXT NOT NULL,
            PRIMARY KEY (environment, version)
        );
        CREATE TABLE alarm_states (
            environment TEXT NOT NULL,
            alarm_id TEXT NOT NULL,
            state TEXT NOT NULL,
            since TEXT NOT NULL,
            value REAL,
            reason TEXT NOT NULL,
            PRIMARY KEY (environment, alarm_id)
        );
        CREATE TABLE alarm_history (
            environment TEXT NOT NULL,
            alarm_id TEXT NOT NULL,
            at TEXT NOT NULL,
            from_state TEXT NOT NULL,
            to_state TEXT NOT NULL,
            value REAL,
            reason TEXT NOT NULL
        );
        CREATE INDEX alarm_history_by_alarm ON alarm_history (environment, alarm_id, at);
        CREATE TABLE leases (
            name TEXT NOT NULL PRIMARY KEY,
            holder TEXT NOT NULL,
            expires_at TEXT NOT NULL
        );
        """);

    public async Task WriteRollupsAsync(IReadOnlyCollection<MetricRollup> rollups, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rollups);
        await using var write = await database.OpenForWriteAsync(cancellationToken);
        var connection = write.Connection;
        await using var transaction = (Microsoft.Data.Sqlite.SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using (var purge = connection.Command("DELETE FROM metric_rollups WHERE expires_at < $now", ("$now", clock.GetUtcNow().ToSortable())))
        {
            purge.Transaction = transaction;
            await purge.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var command = connection.Command("""
            INSERT INTO metric_rollups (environment, metric, dimension, minute, instance, version, sample_count, sum, minimum, maximum, buckets, expires_at)
            VALUES ($environment, $metric, $dimension, $minute, $instance, $version, $count, $sum, $min, $max, $buckets, $expires)
            ON CONFLICT (environment, metric, minute, dimension, instance) DO UPDATE SET
                version = excluded.version, sample_count = excluded.sample_count, sum = excluded.sum, minimum = excluded.minimum,
                maximum = excluded.maximum, buckets = excluded.buckets, expires_at = excluded.expires_at
            """);
        command.Transaction = transaction;
        foreach (var r in rollups)
        {
            command.WithParameters(
                ("$environment", r.Environment), ("$metric", r.Metric), ("$dimension", r.Dimension), ("$minute", r.Minute.ToSortable()),
                ("$instance", r.Instance), ("$version", r.Version), ("$count", r.SampleCount), ("$sum", r.Sum), ("$min", r.Minimum), ("$max", r.Maximum),
                ("$buckets", r.BucketText), ("$expires", (r.Minute + IMetricsStore.Retention).ToSortable()));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<MetricRollup>> ReadRollupsAsync(string environment, string metric, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("""
            SELECT dimension, minute, instance, version, sample_count, sum, minimum, maximum, buckets FROM metric_rollups
            WHERE environment = $environment AND metric = $metric AND minute >= $from AND minute < $to AND expires_at > $now
            ORDER BY minute
            """,
            ("$environment", environment), ("$metric", metric), ("$from", from.ToSortable()), ("$to", to.ToSortable()), ("$now", clock.GetUtcNow().ToSortable()));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rollups = new List<MetricRollup>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rollups.Add(new MetricRollup(environment, metric, reader.GetString(0), reader.ReadTimestamp(1), reader.GetString(2), reader.GetString(3),
                reader.GetDouble(4), reader.GetDouble(5), reader.GetDouble(6), reader.GetDouble(7), MetricRollup.ParseBuckets(reader.ReadNullableString(8))));
        }

        return rollups;
    }

    public async Task RecordVersionAsync(VersionSeen version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(version);
        await using var write = await database.OpenForWriteAsync(cancellationToken);
        await using var command = write.Connection.Command("""
            INSERT INTO metric_versions (environment, version, first_seen) VALUES ($environment, $version, $at)
            ON CONFLICT (environment, version) DO UPDATE SET first_seen = min(first_seen, excluded.first_seen)
            """,
            ("$environment", version.Environment), ("$version", version.Version), ("$at", version.FirstSeen.ToSortable()));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<VersionSeen>> ReadVersionsAsync(string environment, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT version, first_seen FROM metric_versions WHERE environment = $environment ORDER BY first_seen",
            ("$environment", environment));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var versions = new List<VersionSeen>();
        while (await reader.ReadAsync(cancellationToken))
        {
            versions.Add(new VersionSeen(environment, reader.GetString(0), reader.ReadTimestamp(1)));
        }

        return versions;
    }

    public async Task<IReadOnlyList<AlarmStatus>> ReadAlarmStatesAsync(string environment, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT alarm_id, state, since, value, reason FROM alarm_states WHERE environment = $environment ORDER BY alarm_id",
            ("$environment", environment));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var states = new List<AlarmStatus>();
        while (await reader.ReadAsync(cancellationToken))
        {
            states.Add(new AlarmStatus(environment, reader.GetString(0), AlarmStates.Parse(reader.GetString(1)), reader.ReadTimestamp(2),
                reader.IsDBNull(3) ? null : reader.GetDouble(3), reader.GetString(4)));
        }

        return states;
    }

    public async Task SaveAlarmStateAsync(AlarmStatus status, AlarmTransition? transition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(status);
        await using var write = await database.OpenForWriteAsync(cancellationToken);
        var connection = write.Connection;
        await using var transaction = (Microsoft.Data.Sqlite.SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = connection.Command("""
            INSERT INTO alarm_states (environment, alarm_id, state, since, value, reason) VALUES ($environment, $alarm, $state, $since, $value, $reason)
            ON CONFLICT (environment, alarm_id) DO UPDATE SET state = excluded.state, since = excluded.since, value = excluded.value, reason = excluded.reason
            """,
            ("$environment", status.Environment), ("$alarm", status.AlarmId), ("$state", status.State.ToWire()), ("$since", status.Since.ToSortable()),
            ("$value", status.Value), ("$reason", status.Reason)))
        {
            command.Transaction = transaction;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        if (transition is not null)
        {
            await using var history = connection.Command("""
                INSERT INTO alarm_history (environment, alarm_id, at, from_state, to_state, value, reason) VALUES ($environment, $alarm, $at, $from, $to, $value, $reason)
                """,
                ("$environment", transition.Environment), ("$alarm", transition.AlarmId), ("$at", transition.At.ToSortable()),
                ("$from", transition.From.ToWire()), ("$to", transition.To.ToWire()), ("$value", transition.Value), ("$reason", transition.Reason));
            history.Transaction = transaction;
            await history.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AlarmTransition>> ReadAlarmHistoryAsync(string environment, string alarmId, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("""
            SELECT at, from_state, to_state, value, reason FROM alarm_history WHERE environment = $environment AND alarm_id = $alarm
            ORDER BY at DESC LIMIT $limit
            """,
            ("$environment", environment), ("$alarm", alarmId), ("$limit", limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var history = new List<AlarmTransition>();
        while (await reader.ReadAsync(cancellationToken))
        {
            history.Add(new AlarmTransition(environment, alarmId, AlarmStates.Parse(reader.GetString(1)), AlarmStates.Parse(reader.GetString(2)),
                reader.ReadTimestamp(0), reader.IsDBNull(3) ? null : reader.GetDouble(3), reader.GetString(4)));
        }

        return history;
    }

    public async Task<bool> TryAcquireLeaseAsync(string name, string holder, TimeSpan duration, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var write = await database.OpenForWriteAsync(cancellationToken);
        await using var command = write.Connection.Command("""
            INSERT INTO leases (name, holder, expires_at) VALUES ($name, $holder, $expires)
            ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
            WHERE leases.holder = excluded.holder OR leases.expires_at <= $now
            RETURNING holder
            """,
            ("$name", name), ("$holder", holder), ("$expires", (now + duration).ToSortable()), ("$now", now.ToSortable()));
        return await command.ExecuteScalarAsync(cancellationToken) is string;
    }
}
