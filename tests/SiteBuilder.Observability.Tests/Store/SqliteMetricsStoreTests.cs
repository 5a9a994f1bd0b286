using Microsoft.Data.Sqlite;
using SiteBuilder.Observability.Metrics;
using SiteBuilder.Observability.Store;
using SiteBuilder.Storage.Sqlite;
using SiteBuilder.TestSupport.Emulators;

namespace SiteBuilder.Observability.Tests.Store;

public sealed class SqliteMetricsStoreTests : MetricsStoreContract
{
    private readonly TempDirectory _directory = new("metrics");

    protected override async ValueTask<IMetricsStore> CreateStoreAsync()
    {
        var database = new SqliteDatabase(_directory.Combine("sitebuilder.db"), SqliteMetricsStore.Migrations);
        await database.MigrateAsync(Ct);
        return new SqliteMetricsStore(database, Clock);
    }

    [Fact]
    public async Task TheHourlyMigrationBuildsHoursFromTheMinutesAlreadyStored()
    {
        var path = _directory.Combine("before-hourly.db");
        var before = new SqliteDatabase(path, [SqliteMetricsStore.Schema]);
        await before.MigrateAsync(Ct);
        var hour = Now.AddHours(-2);
        // Minutes as the first schema stored them, before hourly rollups existed.
        await using (var connection = await before.OpenAsync(Ct))
        {
            foreach (var (minute, instance, count, sum, min, max, buckets) in new[]
            {
                (hour.AddMinutes(3), "a", 2.0, 5.0, 2.0, 3.0, "0,2,0"),
                (hour.AddMinutes(59), "b", 1.0, 40.0, 40.0, 40.0, "0,0,1"),
                (hour.AddMinutes(61), "a", 1.0, 1.0, 1.0, 1.0, "1,0,0"),
            })
            {
                await using var insert = connection.Command("""
                    INSERT INTO metric_rollups (environment, metric, dimension, minute, instance, version, sample_count, sum, minimum, maximum, buckets, expires_at)
                    VALUES ('dev', 'AgentDuration', 'page_generator', $minute, $instance, '1.0.0', $count, $sum, $min, $max, $buckets, $expires)
                    """,
                    ("$minute", minute.ToSortable()), ("$instance", instance), ("$count", count), ("$sum", sum), ("$min", min), ("$max", max), ("$buckets", buckets),
                    ("$expires", (minute + IMetricsStore.Retention).ToSortable()));
                await insert.ExecuteNonQueryAsync(Ct);
            }
        }

        var after = new SqliteDatabase(path, SqliteMetricsStore.Migrations);
        await after.MigrateAsync(Ct);
        var read = await new SqliteMetricsStore(after, Clock).ReadAggregatesAsync("dev", MetricCatalog.AgentDuration, hour, Now, TimeSpan.FromHours(1), Ct);

        Assert.Equal(
            [(hour, 3.0, 45.0, 2.0, 40.0, "0,2,1"), (hour.AddHours(1), 1.0, 1.0, 1.0, 1.0, "1,0,0")],
            read.Select(a => (a.PeriodStart, a.SampleCount, a.Sum, a.Minimum, a.Maximum, string.Join(',', a.Buckets!))).ToList());
    }

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
        return ValueTask.CompletedTask;
    }
}
