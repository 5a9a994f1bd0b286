using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace SiteBuilder.Operations.Restores;

/// <summary>
/// Restores the embedded database from one of its snapshots into a new file in the data folder. The live database is
/// never touched: switching the portal to the restored file is a separate, approved step.
/// </summary>
public sealed class SqliteSnapshotRestore(SqliteSnapshots snapshots, ILogger<SqliteSnapshotRestore> logger) : IPointInTimeRestore
{
    public const string KindName = "Sqlite";

    public string Kind => KindName;

    public IReadOnlyList<string> Sources => [snapshots.DatabaseFileName];

    public Task<RestoreWindow> GetWindowAsync(string source, CancellationToken cancellationToken)
    {
        RequireSource(source);
        var taken = snapshots.List().Select(s => s.TakenAt).ToList();
        return Task.FromResult(new RestoreWindow(taken.Count == 0 ? null : taken[0], taken.Count == 0 ? null : taken[^1], taken));
    }

    /// <summary>Restores the newest snapshot taken at or before the chosen time (the latest snapshot when none is chosen).</summary>
    /// <exception cref="RestoreRefusedException">An unknown source, no snapshot that early, or a new name that exists or leaves the data folder.</exception>
    public async Task<RestoreResult> RestoreAsync(RestoreTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        RequireSource(target.Source);
        var destination = ResolveNewFile(target.NewName);
        var snapshot = ChooseSnapshot(target.PointInTime);

        await using (var source = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = snapshot.Path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString()))
        {
            await source.OpenAsync(cancellationToken);
            try
            {
                SqliteSnapshots.BackupInto(source, destination);
            }
            catch (IOException e) when (File.Exists(destination))
            {
                throw new RestoreRefusedException("newName", $"'{target.NewName}' was created by someone else while restoring; choose another name.", e);
            }
        }

        logger.LogInformation("Restored {Database} as of {TakenAt:O} into {Destination}", target.Source, snapshot.TakenAt, destination);
        var name = Path.GetRelativePath(snapshots.DataDirectory, destination);
        return new RestoreResult(name, snapshot.TakenAt,
            $"Restored {target.Source} from the snapshot of {snapshot.TakenAt:yyyy-MM-dd HH:mm:ss} UTC into {name} in the data folder. " +
            "The live database is unchanged; pointing the portal at the restored file is a separate step.");
    }

    private void RequireSource(string source)
    {
        if (!string.Equals(source, snapshots.DatabaseFileName, StringComparison.Ordinal))
        {
            throw new RestoreRefusedException("source", $"Only '{snapshots.DatabaseFileName}' can be restored here; '{source}' is not a database this portal snapshots.");
        }
    }

    private SqliteSnapshot ChooseSnapshot(DateTimeOffset? pointInTime)
    {
        var all = snapshots.List();
        if (all.Count == 0)
        {
            throw new RestoreRefusedException("pointInTime", "There are no snapshots yet: the first is taken at the next scheduled time.");
        }

        if (pointInTime is not { } time)
        {
            return all[^1];
        }

        return all.LastOrDefault(s => s.TakenAt <= time)
            ?? throw new RestoreRefusedException("pointInTime", $"No snapshot was taken at or before {time:O}; the earliest is {all[0].TakenAt:O}.");
    }

    /// <summary>The new file's full path: inside the data folder (not in the snapshots folder), a .db file, and not there yet.</summary>
    private string ResolveNewFile(string newName)
    {
        if (string.IsNullOrWhiteSpace(newName) || Path.IsPathRooted(newName) || newName.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            throw new RestoreRefusedException("newName", "The new file needs a name relative to the data folder, such as restored-2026-12-06.db.");
        }

        var dataDirectory = Path.TrimEndingDirectorySeparator(snapshots.DataDirectory) + Path.DirectorySeparatorChar;
        var path = Path.GetFullPath(Path.Combine(dataDirectory, newName));
        if (!path.StartsWith(dataDirectory, StringComparison.Ordinal))
        {
            throw new RestoreRefusedException("newName", $"'{newName}' is outside the data folder; restores write only inside it.");
        }

        if (path.StartsWith(Path.TrimEndingDirectorySeparator(snapshots.Directory) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new RestoreRefusedException("newName", $"'{newName}' is inside the snapshots folder, which holds snapshots only.");
        }

        if (!path.EndsWith(".db", StringComparison.OrdinalIgnoreCase))
        {
            throw new RestoreRefusedException("newName", $"'{newName}' must end with .db.");
        }

        if (File.Exists(path) || Directory.Exists(path) || File.Exists(path + "-wal"))
        {
            throw new RestoreRefusedException("newName", $"'{newName}' already exists; a restore never overwrites a file. Choose a new name.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }
}
