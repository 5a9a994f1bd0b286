using Microsoft.Data.Sqlite;
using SiteBuilder.BrandAssets.Library;
using SiteBuilder.Storage.Sqlite;
using SiteBuilder.TestSupport.Emulators;

namespace SiteBuilder.BrandAssets.Tests.Library;

public sealed class SqliteBrandAssetStoreTests : BrandAssetStoreContract
{
    private readonly TempDirectory _directory = new("sqlite");

    protected override async ValueTask<IBrandAssetStore> CreateStoreAsync()
    {
        var database = new SqliteDatabase(_directory.Combine("sitebuilder.db"), [SqliteBrandAssetStore.Schema]);
        await database.MigrateAsync(Cancellation);
        return new SqliteBrandAssetStore(database);
    }

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
        return ValueTask.CompletedTask;
    }
}
