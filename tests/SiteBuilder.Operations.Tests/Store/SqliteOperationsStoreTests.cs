using Microsoft.Data.Sqlite;
using SiteBuilder.Operations.Store;
using SiteBuilder.Storage.Sqlite;
using SiteBuilder.TestSupport.Emulators;

namespace SiteBuilder.Operations.Tests.Store;

public sealed class SqliteOperationsStoreTests : OperationsStoreContract
{
    private readonly TempDirectory _directory = new("ops-sqlite");
    private SqliteDatabase? _database;

    protected override async ValueTask<IOperationsStore> CreateStoreAsync()
    {
        _database = new SqliteDatabase(_directory.Combine("sitebuilder.db"), [SqliteOperationsStore.Schema]);
        await _database.MigrateAsync(Cancellation);
        return new SqliteOperationsStore(_database);
    }

    [Fact]
    public async Task TheDatabaseItselfRefusesToChangeOrDeleteAuditEntries()
    {
        var at = DateTimeOffset.UtcNow;
        await Store.AppendAuditAsync(new(SiteBuilder.Operations.Audit.AuditEntry.NewId(at), at, "ada", "Ada", "release.registered", null, "1.0", "kept"), Cancellation);
        await using var connection = await _database!.OpenAsync(Cancellation);

        var update = await Assert.ThrowsAsync<SqliteException>(() => connection.Command("UPDATE ops_audit SET body = 'x'").ExecuteNonQueryAsync(Cancellation));
        var delete = await Assert.ThrowsAsync<SqliteException>(() => connection.Command("DELETE FROM ops_audit").ExecuteNonQueryAsync(Cancellation));

        Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
        Assert.Contains("append-only", delete.Message, StringComparison.Ordinal);
    }

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
        return ValueTask.CompletedTask;
    }
}
