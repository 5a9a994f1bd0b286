using Amazon.DynamoDBv2;
using Amazon.S3;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SiteBuilder.Storage.Blobs;
using SiteBuilder.Storage.DynamoDb;
using SiteBuilder.Storage.Sqlite;

namespace SiteBuilder.Storage;

/// <summary>
/// Prepares storage before anything uses it: migrates the SQLite schema, or creates the DynamoDB tables and S3 buckets
/// when <c>SiteBuilder:Storage:CreateTables</c> is on. The server runs it at start; the admin CLI calls it directly.
/// </summary>
public sealed class StorageInitializer(
    IServiceProvider services,
    IOptions<StorageOptions> storage,
    IOptions<SiteBuilderOptions> site,
    ILogger<StorageInitializer> logger) : IHostedService
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _done;

    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_done)
            {
                return;
            }

            Directory.CreateDirectory(site.Value.ResolveDataDirectory());
            var options = storage.Value;
            if (options.Provider == StorageProvider.Sqlite)
            {
                var database = services.GetRequiredService<SqliteDatabase>();
                await database.MigrateAsync(cancellationToken);
                logger.LogInformation("SQLite database ready at {Path}", database.Path);
            }
            else if (options.CreateTables)
            {
                var names = services.GetRequiredService<ResourceNames>();
                await DynamoDbSchema.EnsureTablesAsync(services.GetRequiredService<IAmazonDynamoDB>(), names, cancellationToken);
                logger.LogInformation("DynamoDB tables {GenerationTable} and {OperationsTable} ready", names.GenerationTable, names.OperationsTable);
            }

            if (options.Blobs == BlobProvider.S3 && options.CreateTables)
            {
                var blobs = new S3BlobStore(services.GetRequiredService<IAmazonS3>(), services.GetRequiredService<ResourceNames>());
                await blobs.EnsureBucketsAsync(cancellationToken);
            }

            _done = true;
        }
        finally
        {
            _gate.Release();
        }
    }

    Task IHostedService.StartAsync(CancellationToken cancellationToken) => InitializeAsync(cancellationToken);

    Task IHostedService.StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
