using Microsoft.Data.Sqlite;
using SiteBuilder.Observability.Store;
using SiteBuilder.Storage.Sqlite;
using SiteBuilder.TestSupport.Emulators;

namespace SiteBuilder.Observability.Tests.Store;

public sealed class SqliteMetricsStoreTests : MetricsStoreContract
{
    private readonly TempDirectory _directory = new("metrics");

    protected override async ValueTask<IMetricsStore> CreateStoreAsync()
    {
        var database = new SqliteDatabase(_directory.Combine("sitebuilder.db"), [SqliteMetricsStore.Schema]);
        await database.MigrateAsync(Ct);
        return new SqliteMetricsStore(database, Clock);
    }

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
        return ValueTask.CompletedTask;
    }
}
