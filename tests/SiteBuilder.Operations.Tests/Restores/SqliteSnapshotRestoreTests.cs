using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SiteBuilder.Operations.Restores;
using SiteBuilder.Storage.Sqlite;
using SiteBuilder.TestSupport.Emulators;

namespace SiteBuilder.Operations.Tests.Restores;

public sealed class SqliteSnapshotRestoreTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new("snapshots");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 6, 10, 0, 0, TimeSpan.Zero));
    private SqliteDatabase _database = null!;
    private SqliteSnapshots _snapshots = null!;
    private SqliteSnapshotRestore _restore = null!;

    public async ValueTask InitializeAsync()
    {
        _database = new SqliteDatabase(_data.Combine("sitebuilder.db"), [new SqliteMigration("test-0001", "CREATE TABLE releases (version TEXT PRIMARY KEY, notes TEXT NOT NULL);")]);
        await _database.MigrateAsync(TestContext.Current.CancellationToken);
        _snapshots = new SqliteSnapshots(_database, _time, NullLogger<SqliteSnapshots>.Instance);
        _restore = new SqliteSnapshotRestore(_snapshots, NullLogger<SqliteSnapshotRestore>.Instance);
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        _data.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task ARestoredFileHoldsTheDataAsOfTheSnapshotAndTheLiveDatabaseKeepsItsChanges()
    {
        await ExecuteAsync("INSERT INTO releases VALUES ('1.0.0', 'first'), ('1.1.0', 'second')");
        var snapshot = await _snapshots.TakeAsync(TestContext.Current.CancellationToken);
        _time.Advance(TimeSpan.FromMinutes(30));
        await ExecuteAsync("UPDATE releases SET notes = 'rewritten'; DELETE FROM releases WHERE version = '1.0.0'; INSERT INTO releases VALUES ('2.0.0', 'later')");

        var result = await _restore.RestoreAsync(new RestoreTarget("sitebuilder.db", null, "restored.db"), TestContext.Current.CancellationToken);

        Assert.Equal("restored.db", result.NewName);
        Assert.Equal(snapshot.TakenAt, result.RestoredTo);
        Assert.Equal(["1.0.0=first", "1.1.0=second"], await RowsAsync(_data.Combine("restored.db")));
        Assert.Equal(["1.1.0=rewritten", "2.0.0=later"], await RowsAsync(_database.Path));
    }

    [Fact]
    public async Task AChosenTimeRestoresTheNewestSnapshotTakenAtOrBeforeIt()
    {
        await ExecuteAsync("INSERT INTO releases VALUES ('1.0.0', 'at ten')");
        var ten = (await _snapshots.TakeAsync(TestContext.Current.CancellationToken)).TakenAt;
        _time.Advance(TimeSpan.FromHours(1));
        await ExecuteAsync("INSERT INTO releases VALUES ('1.1.0', 'at eleven')");
        await _snapshots.TakeAsync(TestContext.Current.CancellationToken);

        var window = await _restore.GetWindowAsync("sitebuilder.db", TestContext.Current.CancellationToken);
        var result = await _restore.RestoreAsync(new RestoreTarget("sitebuilder.db", ten.AddMinutes(59), "as-of-ten.db"), TestContext.Current.CancellationToken);

        Assert.Equal([ten, ten.AddHours(1)], window.Snapshots);
        Assert.Equal(ten, window.Earliest);
        Assert.Equal(ten, result.RestoredTo);
        Assert.Equal(["1.0.0=at ten"], await RowsAsync(_data.Combine("as-of-ten.db")));
    }

    [Theory]
    [InlineData("sitebuilder.db", "already exists")]
    [InlineData("../outside.db", "outside the data folder")]
    [InlineData("/tmp/elsewhere.db", "relative to the data folder")]
    [InlineData("snapshots/mine.db", "snapshots folder")]
    [InlineData("restored.txt", "must end with .db")]
    public async Task ARestoreNeverOverwritesAFileNorWritesOutsideTheDataFolder(string newName, string reason)
    {
        await ExecuteAsync("INSERT INTO releases VALUES ('1.0.0', 'kept')");
        await _snapshots.TakeAsync(TestContext.Current.CancellationToken);
        var before = Directory.GetFiles(_data.Path, "*", SearchOption.AllDirectories).Order().ToList();

        var refused = await Assert.ThrowsAsync<RestoreRefusedException>(() =>
            _restore.RestoreAsync(new RestoreTarget("sitebuilder.db", null, newName), TestContext.Current.CancellationToken));

        Assert.Equal("newName", refused.Field);
        Assert.Contains(reason, refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, Directory.GetFiles(_data.Path, "*", SearchOption.AllDirectories).Order());
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(_data.Path)!, "outside.db")));
        Assert.Equal(["1.0.0=kept"], await RowsAsync(_database.Path));
    }

    [Fact]
    public async Task ATimeBeforeTheFirstSnapshotOrAnUnknownSourceIsRefused()
    {
        var snapshot = await _snapshots.TakeAsync(TestContext.Current.CancellationToken);

        var tooEarly = await Assert.ThrowsAsync<RestoreRefusedException>(() =>
            _restore.RestoreAsync(new RestoreTarget("sitebuilder.db", snapshot.TakenAt.AddSeconds(-1), "early.db"), TestContext.Current.CancellationToken));
        var unknown = await Assert.ThrowsAsync<RestoreRefusedException>(() =>
            _restore.RestoreAsync(new RestoreTarget("other.db", null, "other-restored.db"), TestContext.Current.CancellationToken));

        Assert.Equal("pointInTime", tooEarly.Field);
        Assert.Equal("source", unknown.Field);
        Assert.False(File.Exists(_data.Combine("early.db")));
    }

    [Fact]
    public async Task SnapshotsOlderThanTheRetentionArePruned()
    {
        var old = await _snapshots.TakeAsync(TestContext.Current.CancellationToken);
        _time.Advance(TimeSpan.FromDays(35) + TimeSpan.FromMinutes(1));
        var recent = await _snapshots.TakeAsync(TestContext.Current.CancellationToken);

        var pruned = _snapshots.Prune(TimeSpan.FromDays(35));

        Assert.Equal(1, pruned);
        Assert.False(File.Exists(old.Path));
        Assert.Equal([recent.TakenAt], _snapshots.List().Select(s => s.TakenAt));
        Assert.StartsWith(_data.Combine("snapshots"), recent.Path, StringComparison.Ordinal);
        Assert.Equal($"sitebuilder-{recent.TakenAt.UtcDateTime:yyyyMMdd'T'HHmmssfff}Z.db", Path.GetFileName(recent.Path));
    }

    [Fact]
    public async Task SnapshotsTakenTogetherAreTakenOneAtATimeIntoSeparateFiles()
    {
        await ExecuteAsync("INSERT INTO releases VALUES ('1.0.0', 'same moment')");

        var taken = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _snapshots.TakeAsync(TestContext.Current.CancellationToken)));

        Assert.Equal(4, taken.Select(s => s.Path).Distinct().Count());
        foreach (var snapshot in taken)
        {
            Assert.Equal(["1.0.0=same moment"], await RowsAsync(snapshot.Path));
        }
    }

    [Fact]
    public async Task TheSchedulerTakesASnapshotAtTheScheduledTimeAndPrunesOldOnes()
    {
        _time.SetUtcNow(new DateTimeOffset(2026, 12, 6, 10, 59, 30, TimeSpan.Zero));
        var stale = await _snapshots.TakeAsync(TestContext.Current.CancellationToken);
        File.Move(stale.Path, Path.Combine(_snapshots.Directory, "sitebuilder-20261001T000000000Z.db"));
        using var scheduler = new SqliteSnapshotScheduler(_snapshots, Options.Create(new SnapshotOptions()), _time, NullLogger<SqliteSnapshotScheduler>.Instance);

        await scheduler.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            // The scheduler waits on the fake clock from its own thread: move the clock on until the snapshot shows.
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (_snapshots.List() is not [{ TakenAt.Hour: 11 }] && DateTime.UtcNow < deadline)
            {
                _time.Advance(TimeSpan.FromSeconds(5));
                await Task.Delay(20, TestContext.Current.CancellationToken);
            }
        }
        finally
        {
            await scheduler.StopAsync(TestContext.Current.CancellationToken);
        }

        var scheduled = Assert.Single(_snapshots.List());
        Assert.InRange(scheduled.TakenAt, new DateTimeOffset(2026, 12, 6, 11, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 6, 11, 0, 10, TimeSpan.Zero));
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = await _database.OpenForWriteAsync(TestContext.Current.CancellationToken);
        await using var command = connection.Connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    private static async Task<List<string>> RowsAsync(string path)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version || '=' || notes FROM releases ORDER BY version";
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
