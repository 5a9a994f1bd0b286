using Microsoft.Data.Sqlite;
using SiteBuilder.Identity.Accounts;
using SiteBuilder.Storage.Sqlite;
using SiteBuilder.TestSupport.Emulators;

namespace SiteBuilder.Identity.Tests.Accounts;

public sealed class SqliteAccountStoreTests : AccountStoreContract
{
    private readonly TempDirectory _directory = new("sqlite");

    protected override async ValueTask<IAccountStore> CreateStoreAsync()
    {
        var database = new SqliteDatabase(_directory.Combine("sitebuilder.db"), [SqliteAccountStore.Schema, SqliteAccountStore.SecurityStampSchema]);
        await database.MigrateAsync(Cancellation);
        return new SqliteAccountStore(database);
    }

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
        return ValueTask.CompletedTask;
    }
}
