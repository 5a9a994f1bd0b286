using Amazon.DynamoDBv2;
using Amazon.S3;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SiteBuilder.Storage.Blobs;
using SiteBuilder.Storage.RateLimits;
using SiteBuilder.Storage.Sqlite;

namespace SiteBuilder.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the storage families: SQLite or DynamoDB for records, folders or S3 for blobs,
    /// chosen by <c>SiteBuilder:Storage</c> and checked at start.
    /// </summary>
    public static IHostApplicationBuilder AddStorage(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SiteBuilderOptions>().BindConfiguration(SiteBuilderOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton(sp => ResourceNames.From(Options<SiteBuilderOptions>(sp), Options<StorageOptions>(sp)));
        services.AddSingleton(sp => new SqliteDatabase(
            Path.Combine(Options<SiteBuilderOptions>(sp).ResolveDataDirectory(), "sitebuilder.db"),
            sp.GetServices<SqliteMigration>()));
        services.AddMetrics();
        services.AddSingleton<StorageMetrics>();
        services.AddSingleton(sp => AwsClients.DynamoDb(Options<StorageOptions>(sp).DynamoDb, sp.GetRequiredService<StorageMetrics>()));
        services.AddSingleton(sp => AwsClients.S3(Options<StorageOptions>(sp).S3, sp.GetRequiredService<StorageMetrics>()));

        services.AddSingleton<IBlobStore>(sp => Options<StorageOptions>(sp).Blobs switch
        {
            BlobProvider.S3 => new S3BlobStore(sp.GetRequiredService<IAmazonS3>(), sp.GetRequiredService<ResourceNames>()),
            _ => new FolderBlobStore(Path.Combine(Options<SiteBuilderOptions>(sp).ResolveDataDirectory(), "blobs")),
        });

        services.AddSingleton(SqliteRateCounterStore.Schema);
        services.AddStore<IRateCounterStore, SqliteRateCounterStore, DynamoRateCounterStore>();

        services.AddSingleton<StorageInitializer>();
        services.AddHostedService(sp => sp.GetRequiredService<StorageInitializer>());
        return builder;
    }

    /// <summary>Registers a store with its SQLite and DynamoDB implementations; the configured provider picks one.</summary>
    public static IServiceCollection AddStore<TStore, TSqlite, TDynamo>(this IServiceCollection services)
        where TStore : class
        where TSqlite : class, TStore
        where TDynamo : class, TStore
    {
        services.AddSingleton<TStore>(sp => Options<StorageOptions>(sp).Provider == StorageProvider.DynamoDb
            ? ActivatorUtilities.CreateInstance<TDynamo>(sp)
            : ActivatorUtilities.CreateInstance<TSqlite>(sp));
        return services;
    }

    private static T Options<T>(IServiceProvider sp)
        where T : class => sp.GetRequiredService<IOptions<T>>().Value;
}
