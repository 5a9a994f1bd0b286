using Microsoft.Data.Sqlite;
using SiteBuilder.Storage.RateLimits;
using SiteBuilder.Storage.Sqlite;
using SiteBuilder.TestSupport.Emulators;

namespace SiteBuilder.Storage.Tests.RateLimits;

public sealed class SqliteRateCounterStoreTests : RateCounterStoreContract
{
    private readonly TempDirectory _directory = new("sqlite");

    protected override async ValueTask<IRateCounterStore> CreateStoreAsync()
    {
        var database = new SqliteDatabase(_directory.Combine("sitebuilder.db"), [SqliteRateCounterStore.Schema]);
        await database.MigrateAsync(Cancellation);
        return new SqliteRateCounterStore(database);
    }

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
        return ValueTask.CompletedTask;
    }
}
