using Microsoft.Data.Sqlite;
using SiteBuilder.Storage.Sqlite;
using SiteBuilder.TestSupport.Emulators;

namespace SiteBuilder.Storage.Tests.Sqlite;

public sealed class SqliteDatabaseTests : IDisposable
{
    private static readonly SqliteMigration CreateNotes = new("test-0001-notes", "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL);");
    private static readonly SqliteMigration SeedNotes = new("test-0002-seed", "INSERT INTO notes (text) VALUES ('seeded');");
    private static readonly SqliteMigration AddAuthor = new("test-0003-author", "ALTER TABLE notes ADD COLUMN author TEXT NULL;");

    private readonly TempDirectory _directory = new("sqlite");

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private string DatabasePath => _directory.Combine("data", "sitebuilder.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }

    [Fact]
    public async Task MigrateCreatesTheFileAndItsFolder()
    {
        var database = new SqliteDatabase(DatabasePath, [CreateNotes]);

        await database.MigrateAsync(Cancellation);

        Assert.True(File.Exists(DatabasePath));
        Assert.Equal(["test-0001-notes"], await AppliedAsync(database));
    }

    [Fact]
    public async Task MigratingTwiceAppliesEachMigrationOnce()
    {
        var database = new SqliteDatabase(DatabasePath, [CreateNotes, SeedNotes]);

        await database.MigrateAsync(Cancellation);
        await database.MigrateAsync(Cancellation);

        Assert.Equal(["test-0001-notes", "test-0002-seed"], await AppliedAsync(database));
        Assert.Equal(1L, await ScalarAsync(database, "SELECT COUNT(*) FROM notes"));
    }

    [Fact]
    public async Task MigrationsRunInIdOrderWhateverOrderTheyAreRegisteredIn()
    {
        // Seeding before the table exists would fail, so success proves the order.
        var database = new SqliteDatabase(DatabasePath, [AddAuthor, SeedNotes, CreateNotes]);

        await database.MigrateAsync(Cancellation);

        Assert.Equal(["test-0001-notes", "test-0002-seed", "test-0003-author"], await AppliedAsync(database));
        Assert.Equal("seeded", await ScalarAsync(database, "SELECT text FROM notes WHERE author IS NULL"));
    }

    [Fact]
    public async Task ALaterStartAppliesOnlyTheNewMigrations()
    {
        await new SqliteDatabase(DatabasePath, [CreateNotes, SeedNotes]).MigrateAsync(Cancellation);
        var upgraded = new SqliteDatabase(DatabasePath, [CreateNotes, SeedNotes, AddAuthor]);

        await upgraded.MigrateAsync(Cancellation);

        Assert.Equal(["test-0001-notes", "test-0002-seed", "test-0003-author"], await AppliedAsync(upgraded));
        Assert.Equal(1L, await ScalarAsync(upgraded, "SELECT COUNT(*) FROM notes"));
    }

    [Fact]
    public void DuplicateMigrationIdsAreRejected()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new SqliteDatabase(DatabasePath, [CreateNotes, CreateNotes with { Sql = "SELECT 1;" }]));

        Assert.Contains("test-0001-notes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFailingMigrationIsNotRecordedAndLeavesNoPartialChanges()
    {
        var broken = new SqliteMigration("test-0002-broken", "CREATE TABLE half_done (id INTEGER); INSERT INTO no_such_table VALUES (1);");
        var database = new SqliteDatabase(DatabasePath, [CreateNotes, broken]);

        await Assert.ThrowsAsync<SqliteException>(() => database.MigrateAsync(Cancellation));

        Assert.Equal(["test-0001-notes"], await AppliedAsync(database));
        Assert.Equal(0L, await ScalarAsync(database, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'half_done'"));
    }

    [Fact]
    public async Task TheDatabaseRunsInWriteAheadLogMode()
    {
        var database = new SqliteDatabase(DatabasePath, [CreateNotes]);

        await database.MigrateAsync(Cancellation);

        Assert.Equal("wal", await ScalarAsync(database, "PRAGMA journal_mode"));
    }

    private static async Task<List<string>> AppliedAsync(SqliteDatabase database)
    {
        await using var connection = await database.OpenAsync(Cancellation);
        await using var command = connection.Command("SELECT id FROM schema_migrations ORDER BY applied_at, id");
        await using var reader = await command.ExecuteReaderAsync(Cancellation);
        var ids = new List<string>();
        while (await reader.ReadAsync(Cancellation))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private static async Task<object?> ScalarAsync(SqliteDatabase database, string sql)
    {
        await using var connection = await database.OpenAsync(Cancellation);
        await using var command = connection.Command(sql);
        return await command.ExecuteScalarAsync(Cancellation);
    }
}
