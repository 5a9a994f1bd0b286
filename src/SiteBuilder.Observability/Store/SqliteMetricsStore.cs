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

    /// <summary>
    /// Hourly rollups beside the one-minute ones (<see cref="IMetricsStore.ReadAggregatesAsync"/>), hours as Unix seconds; built
    /// here from the minutes already stored, bucket counts added position by position. A gauge's hour is one row for all
    /// instances (instance <c>*</c>) over its per-minute levels; the catalog's one gauge is <c>ActiveStreams</c>.
    /// </summary>
    public static readonly SqliteMigration HourlySchema = new("observability-0002-hourly-rollups", """
        CREATE TABLE metric_rollups_hourly (
            environment TEXT NOT NULL,
            metric TEXT NOT NULL,
            dimension TEXT NOT NULL,
            hour INTEGER NOT NULL,
            instance TEXT NOT NULL,
            sample_count REAL NOT NULL,
            sum REAL NOT NULL,
            minimum REAL NOT NULL,
            maximum REAL NOT NULL,
            buckets TEXT,
            expires_at TEXT NOT NULL,
            PRIMARY KEY (environment, metric, hour, dimension, instance)
        ) WITHOUT ROWID;
        CREATE INDEX metric_rollups_hourly_expiry ON metric_rollups_hourly (expires_at);
        INSERT INTO metric_rollups_hourly (environment, metric, dimension, hour, instance, sample_count, sum, minimum, maximum, buckets, expires_at)
        SELECT environment, metric, dimension, hour, instance, SUM(sample_count), SUM(sum), MIN(minimum), MAX(maximum), NULL,
            strftime('%Y-%m-%dT%H:%M:%S.0000000Z', hour + 1296000, 'unixepoch')
        FROM (SELECT *, unixepoch(minute) / 3600 * 3600 AS hour FROM metric_rollups WHERE metric <> 'ActiveStreams')
        GROUP BY environment, metric, dimension, hour, instance;
        INSERT INTO metric_rollups_hourly (environment, metric, dimension, hour, instance, sample_count, sum, minimum, maximum, buckets, expires_at)
        SELECT environment, metric, dimension, hour, '*', COUNT(*), SUM(level), MIN(level), MAX(level), NULL,
            strftime('%Y-%m-%dT%H:%M:%S.0000000Z', hour + 1296000, 'unixepoch')
        FROM (
            SELECT environment, metric, dimension, unixepoch(minute) / 3600 * 3600 AS hour, SUM(maximum) AS level
            FROM metric_rollups WHERE metric = 'ActiveStreams' GROUP BY environment, metric, dimension, minute)
        GROUP BY environment, metric, dimension, hour;
        UPDATE metric_rollups_hourly SET buckets = (
            SELECT group_concat(total, ',' ORDER BY position) FROM (
                SELECT j.key AS position, SUM(j.value) AS total
                FROM metric_rollups m, json_each('[' || m.buckets || ']') j
                WHERE m.environment = metric_rollups_hourly.environment AND m.metric = metric_rollups_hourly.metric
                    AND m.minute >= strftime('%Y-%m-%dT%H:%M:%S.0000000Z', metric_rollups_hourly.hour, 'unixepoch')
                    AND m.minute < strftime('%Y-%m-%dT%H:%M:%S.0000000Z', metric_rollups_hourly.hour + 3600, 'unixepoch')
                    AND m.dimension = metric_rollups_hourly.dimension AND m.instance = metric_rollups_hourly.instance AND m.buckets IS NOT NULL
                GROUP BY j.key));
        """);

    /// <summary>Every migration of the metrics store, in order.</summary>
    public static IReadOnlyList<SqliteMigration> Migrations { get; } = [Schema, HourlySchema];

    public async Task WriteRollupsAsync(IReadOnlyCollection<MetricRollup> rollups, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rollups);
        await using var write = await database.OpenForWriteAsync(cancellationToken);
        var connection = write.Connection;
        await using var transaction = (Microsoft.Data.Sqlite.SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using (var purge = connection.Command("""
            DELETE FROM metric_rollups WHERE expires_at < $now;
            DELETE FROM metric_rollups_hourly WHERE expires_at < $now;
            """, ("$now", clock.GetUtcNow().ToSortable())))
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

        await using var hourly = connection.Command("""
            INSERT INTO metric_rollups_hourly (environment, metric, dimension, hour, instance, sample_count, sum, minimum, maximum, buckets, expires_at)
            SELECT $environment, $metric, $dimension, $hour, $instance, SUM(sample_count), SUM(sum), MIN(minimum), MAX(maximum),
                (SELECT group_concat(total, ',' ORDER BY position) FROM (
                    SELECT j.key AS position, SUM(j.value) AS total FROM metric_rollups b, json_each('[' || b.buckets || ']') j
                    WHERE b.environment = $environment AND b.metric = $metric AND b.minute >= $from AND b.minute < $to
                        AND b.dimension = $dimension AND b.instance = $instance AND b.buckets IS NOT NULL
                    GROUP BY j.key)),
                $expires
            FROM metric_rollups
            WHERE environment = $environment AND metric = $metric AND minute >= $from AND minute < $to AND dimension = $dimension AND instance = $instance
            ON CONFLICT (environment, metric, hour, dimension, instance) DO UPDATE SET
                sample_count = excluded.sample_count, sum = excluded.sum, minimum = excluded.minimum, maximum = excluded.maximum,
                buckets = excluded.buckets, expires_at = excluded.expires_at
            """);
        hourly.Transaction = transaction;
        // A gauge's hour adds every instance's level per minute: one row for all instances, rebuilt under the write lock.
        await using var hourlyLevels = connection.Command("""
            INSERT INTO metric_rollups_hourly (environment, metric, dimension, hour, instance, sample_count, sum, minimum, maximum, buckets, expires_at)
            SELECT $environment, $metric, $dimension, $hour, '*', COUNT(*), SUM(level), MIN(level), MAX(level), NULL, $expires
            FROM (
                SELECT SUM(maximum) AS level FROM metric_rollups
                WHERE environment = $environment AND metric = $metric AND minute >= $from AND minute < $to AND dimension = $dimension
                GROUP BY minute)
            WHERE true
            ON CONFLICT (environment, metric, hour, dimension, instance) DO UPDATE SET
                sample_count = excluded.sample_count, sum = excluded.sum, minimum = excluded.minimum, maximum = excluded.maximum, expires_at = excluded.expires_at
            """);
        hourlyLevels.Transaction = transaction;
        foreach (var (environment, metric, dimension, instance, hour) in rollups.Select(r => (r.Environment, r.Metric, r.Dimension, r.Instance, RollupAggregation.HourOf(r.Minute))).Distinct())
        {
            var gauge = MetricCatalog.Find(metric)?.Kind == MetricKind.Gauge;
            var rebuild = gauge ? hourlyLevels : hourly;
            rebuild.WithParameters(
                ("$environment", environment), ("$metric", metric), ("$dimension", dimension), ("$instance", instance), ("$hour", hour.ToUnixTimeSeconds()),
                ("$from", hour.ToSortable()), ("$to", (hour + RollupAggregation.HourlyResolution).ToSortable()), ("$expires", (hour + IMetricsStore.Retention).ToSortable()));
            await rebuild.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<MetricAggregate>> ReadAggregatesAsync(
        string environment, MetricDefinition metric, DateTimeOffset from, DateTimeOffset to, TimeSpan period, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metric);
        await using var connection = await database.OpenAsync(cancellationToken);
        var now = clock.GetUtcNow().ToSortable();
        if (!RollupAggregation.HourlyCovers(from, period))
        {
            return await AggregateMinutesAsync(connection, environment, metric, from, from, to, period, now, cancellationToken);
        }

        // Whole hours from the hourly rollups; the hour still running (to is rarely on the hour) from its minutes.
        var lastHour = RollupAggregation.HourOf(to);
        var hours = await AggregateAsync(connection, HourlySource, metric, environment, from, period, now,
            [("$from", from.ToUnixTimeSeconds()), ("$to", lastHour.ToUnixTimeSeconds())], cancellationToken);
        var minutes = lastHour < to && lastHour >= from
            ? await AggregateMinutesAsync(connection, environment, metric, from, lastHour, to, period, now, cancellationToken)
            : [];
        return minutes.Count == 0 ? hours : RollupAggregation.Combine([.. hours, .. minutes]);
    }

    // Each source is a row set with the columns the aggregations read; slot = the period a row falls in.
    private const string HourlySource = """
        SELECT dimension, CAST((hour - $origin) / $period AS INTEGER) AS slot, hour AS at, instance, sample_count, sum, minimum, maximum, buckets
        FROM metric_rollups_hourly
        WHERE environment = $environment AND metric = $metric AND hour >= $from AND hour < $to AND expires_at > $now
        """;

    private const string MinuteSource = """
        SELECT dimension, CAST((unixepoch(minute) - $origin) / $period AS INTEGER) AS slot, minute AS at, instance, sample_count, sum, minimum, maximum, buckets
        FROM metric_rollups
        WHERE environment = $environment AND metric = $metric AND minute >= $from AND minute < $to AND expires_at > $now
        """;

    private static async Task<IReadOnlyList<MetricAggregate>> AggregateMinutesAsync(
        Microsoft.Data.Sqlite.SqliteConnection connection, string environment, MetricDefinition metric, DateTimeOffset origin, DateTimeOffset from, DateTimeOffset to,
        TimeSpan period, string now, CancellationToken cancellationToken) =>
        await AggregateAsync(connection, MinuteSource, metric, environment, origin, period, now, [("$from", from.ToSortable()), ("$to", to.ToSortable())], cancellationToken);

    /// <summary>
    /// Sums, counts and extremes per dimension and period in SQL. A distribution's bucket counts come along as the period's rows'
    /// bucket texts and are added here: cheaper than SQLite's JSON functions, and an hourly period has few rows.
    /// </summary>
    private static async Task<IReadOnlyList<MetricAggregate>> AggregateAsync(
        Microsoft.Data.Sqlite.SqliteConnection connection, string source, MetricDefinition metric, string environment, DateTimeOffset origin, TimeSpan period,
        string now, (string, object?)[] range, CancellationToken cancellationToken)
    {
        (string, object?)[] parameters =
        [
            ("$environment", environment), ("$metric", metric.Name), ("$origin", origin.ToUnixTimeMilliseconds() / 1000.0),
            ("$period", period.TotalSeconds), ("$now", now), .. range,
        ];
        var sql = (metric.Kind, hourly: source == HourlySource) switch
        {
            (MetricKind.Gauge, true) => $"""
                SELECT dimension, slot, SUM(sample_count), SUM(sum), MIN(minimum), MAX(maximum), NULL FROM ({source})
                WHERE instance = '*' GROUP BY dimension, slot ORDER BY slot, dimension
                """,
            (MetricKind.Gauge, false) => $"""
                SELECT dimension, slot, COUNT(*), SUM(level), MIN(level), MAX(level), NULL FROM (
                    SELECT dimension, slot, SUM(maximum) AS level FROM ({source}) GROUP BY dimension, at)
                GROUP BY dimension, slot ORDER BY slot, dimension
                """,
            (MetricKind.Distribution, _) => $"""
                SELECT dimension, slot, SUM(sample_count), SUM(sum), MIN(minimum), MAX(maximum), group_concat(buckets, ';')
                FROM ({source}) GROUP BY dimension, slot ORDER BY slot, dimension
                """,
            _ => $"SELECT dimension, slot, SUM(sample_count), SUM(sum), MIN(minimum), MAX(maximum), NULL FROM ({source}) GROUP BY dimension, slot ORDER BY slot, dimension",
        };
        var aggregates = new List<MetricAggregate>();
        await using var command = connection.Command(sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            aggregates.Add(new MetricAggregate(reader.GetString(0), origin + (period * reader.GetInt64(1)), reader.GetDouble(2), reader.GetDouble(3), reader.GetDouble(4),
                reader.GetDouble(5), reader.IsDBNull(6) ? null : AddBuckets(reader.GetString(6))));
        }

        return aggregates;
    }

    /// <summary>Adds bucket texts ("1,0,3;0,2,1") position by position.</summary>
    private static long[] AddBuckets(string texts)
    {
        var totals = new List<long>();
        foreach (var text in texts.Split(';'))
        {
            var position = 0;
            foreach (var range in text.AsSpan().Split(','))
            {
                var count = long.Parse(text.AsSpan()[range], System.Globalization.CultureInfo.InvariantCulture);
                if (position == totals.Count)
                {
                    totals.Add(count);
                }
                else
                {
                    totals[position] += count;
                }

                position++;
            }
        }

        return [.. totals];
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
