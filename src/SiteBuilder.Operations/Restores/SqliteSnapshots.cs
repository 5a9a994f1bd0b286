using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using SiteBuilder.Storage.Sqlite;

namespace SiteBuilder.Operations.Restores;

/// <summary>
/// Snapshots of the embedded database, taken with SQLite's online backup API (consistent while the portal writes) into
/// <c>{data}/snapshots/sitebuilder-{yyyyMMddTHHmmssfffZ}.db</c>, and pruned after the retention period.
/// </summary>
public sealed class SqliteSnapshots
{
    private const string Prefix = "sitebuilder-";
    private const string Extension = ".db";
    private const string TimestampFormat = "yyyyMMdd'T'HHmmssfff'Z'";

    private readonly SqliteDatabase _database;
    private readonly TimeProvider _time;
    private readonly ILogger<SqliteSnapshots> _logger;

    // One snapshot at a time: the scheduler and a manual snapshot never copy the database concurrently.
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    public SqliteSnapshots(SqliteDatabase database, TimeProvider time, ILogger<SqliteSnapshots> logger)
    {
        _database = database;
        _time = time;
        _logger = logger;
        DataDirectory = Path.GetDirectoryName(Path.GetFullPath(database.Path))!;
        Directory = Path.Combine(DataDirectory, "snapshots");
    }

    /// <summary>The folder the live database lives in; restores write only inside it.</summary>
    public string DataDirectory { get; }

    public string Directory { get; }

    /// <summary>The live database's file name, the one source this backend restores.</summary>
    public string DatabaseFileName => Path.GetFileName(_database.Path);

    /// <summary>Copies the live database into a new snapshot file and returns when the snapshot is complete.</summary>
    public async Task<SqliteSnapshot> TakeAsync(CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            var takenAt = _time.GetUtcNow();
            var path = Path.Combine(Directory, FileName(takenAt));
            // Names resolve to the millisecond; two snapshots within one (a manual one right after a scheduled one) get the next free name.
            while (File.Exists(path))
            {
                takenAt = takenAt.AddMilliseconds(1);
                path = Path.Combine(Directory, FileName(takenAt));
            }

            await using (var source = await _database.OpenAsync(cancellationToken))
            {
                BackupInto(source, path);
            }

            _logger.LogInformation("Snapshot of {Database} written to {Snapshot}", DatabaseFileName, path);
            return new SqliteSnapshot(takenAt, path);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    /// <summary>The snapshots on disk, oldest first.</summary>
    public IReadOnlyList<SqliteSnapshot> List()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }

        return [.. System.IO.Directory.EnumerateFiles(Directory, Prefix + "*" + Extension)
            .Select(path => TryParse(Path.GetFileName(path), out var takenAt) ? new SqliteSnapshot(takenAt, path) : null)
            .OfType<SqliteSnapshot>()
            .OrderBy(s => s.TakenAt)];
    }

    /// <summary>Deletes snapshots older than <paramref name="retention"/>; returns how many went.</summary>
    public int Prune(TimeSpan retention)
    {
        var cutoff = _time.GetUtcNow() - retention;
        var pruned = 0;
        foreach (var snapshot in List().Where(s => s.TakenAt < cutoff))
        {
            File.Delete(snapshot.Path);
            pruned++;
        }

        if (pruned > 0)
        {
            _logger.LogInformation("Pruned {Count} snapshots older than {Cutoff:O}", pruned, cutoff);
        }

        return pruned;
    }

    /// <summary>
    /// Writes a consistent copy of <paramref name="source"/> to <paramref name="path"/>. The copy is made under a temporary
    /// name and moved into place, so a crash mid-copy never leaves a file that looks complete.
    /// </summary>
    internal static void BackupInto(SqliteConnection source, string path)
    {
        var partial = path + ".partial";
        try
        {
            using (var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ToString()))
            {
                destination.Open();
                source.BackupDatabase(destination);
            }

            File.Move(partial, path, overwrite: false);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    private static string FileName(DateTimeOffset takenAt) =>
        Prefix + takenAt.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture) + Extension;

    private static bool TryParse(string fileName, out DateTimeOffset takenAt)
    {
        takenAt = default;
        if (!fileName.StartsWith(Prefix, StringComparison.Ordinal) || !fileName.EndsWith(Extension, StringComparison.Ordinal))
        {
            return false;
        }

        var stamp = fileName[Prefix.Length..^Extension.Length];
        if (!DateTime.TryParseExact(stamp, TimestampFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var utc))
        {
            return false;
        }

        takenAt = new DateTimeOffset(utc, TimeSpan.Zero);
        return true;
    }
}

public sealed record SqliteSnapshot(DateTimeOffset TakenAt, string Path);
