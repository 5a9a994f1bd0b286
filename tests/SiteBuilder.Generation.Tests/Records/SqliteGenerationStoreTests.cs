using Microsoft.Data.Sqlite;
using SiteBuilder.Generation.Records;
using SiteBuilder.Storage.Sqlite;
using SiteBuilder.TestSupport.Emulators;

namespace SiteBuilder.Generation.Tests.Records;

public sealed class SqliteGenerationStoreTests : GenerationStoreContract
{
    private readonly TempDirectory _directory = new("generation-store");

    protected override async ValueTask<IGenerationStore> CreateStoreAsync()
    {
        var database = new SqliteDatabase(_directory.Combine("sitebuilder.db"), [SqliteGenerationStore.Schema, SqliteGenerationStore.NoteColumn]);
        await database.MigrateAsync(Cancellation);
        return new SqliteGenerationStore(database);
    }

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
        return ValueTask.CompletedTask;
    }
}
