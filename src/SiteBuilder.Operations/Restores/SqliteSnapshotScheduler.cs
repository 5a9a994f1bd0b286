using Cronos;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SiteBuilder.Operations.Restores;

/// <summary>Takes a snapshot of the embedded database at each time the schedule names, then prunes old ones.</summary>
public sealed class SqliteSnapshotScheduler(
    SqliteSnapshots snapshots,
    IOptions<SnapshotOptions> options,
    TimeProvider time,
    ILogger<SqliteSnapshotScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            logger.LogInformation("Scheduled snapshots of the embedded database are off ({Key} is false)", SnapshotOptions.Section + ":Enabled");
            return;
        }

        var schedule = CronExpression.Parse(settings.Schedule);
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            if (schedule.GetNextOccurrence(now, TimeZoneInfo.Utc) is not { } next)
            {
                logger.LogWarning("The snapshot schedule '{Schedule}' has no further occurrence; no more snapshots will be taken", settings.Schedule);
                return;
            }

            try
            {
                await Task.Delay(next - now, time, stoppingToken);
                await snapshots.TakeAsync(stoppingToken);
                snapshots.Prune(settings.Retention);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
            {
                // A missed snapshot must not stop the next one: the disk may be full now and have room in an hour.
                logger.LogError(e, "The scheduled snapshot at {Time:O} failed; the next is tried on schedule", next);
            }
        }
    }
}
