using Microsoft.Data.Sqlite;
using SiteBuilder.Identity.Tokens;
using SiteBuilder.Storage.Sqlite;
using SiteBuilder.TestSupport.Emulators;

namespace SiteBuilder.Identity.Tests.Tokens;

public sealed class SqliteApiTokenStoreTests : ApiTokenStoreContract
{
    private readonly TempDirectory _directory = new("sqlite");

    protected override async ValueTask<IApiTokenStore> CreateStoreAsync()
    {
        var database = new SqliteDatabase(_directory.Combine("sitebuilder.db"), [SqliteApiTokenStore.Schema]);
        await database.MigrateAsync(Cancellation);
        return new SqliteApiTokenStore(database);
    }

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
        return ValueTask.CompletedTask;
    }
}
