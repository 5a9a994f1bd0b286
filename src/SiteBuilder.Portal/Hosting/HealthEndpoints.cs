using System.Reflection;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SiteBuilder.Storage;
using SiteBuilder.Storage.Blobs;
using SiteBuilder.Storage.DynamoDb;
using SiteBuilder.Storage.Sqlite;

namespace SiteBuilder.Portal.Hosting;

/// <summary><c>/health</c> (liveness: always answers while the process runs) and <c>/health/ready</c> (store, blobs, data directory).</summary>
internal static class HealthEndpoints
{
    public static readonly string Version =
        typeof(HealthEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static IServiceCollection AddPortalHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>("store")
            .AddCheck<BlobStoreHealthCheck>("blobs")
            .AddCheck<DataDirectoryHealthCheck>("dataDirectory");
        return services;
    }

    public static IEndpointRouteBuilder MapPortalHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", (IOptions<SiteBuilderOptions> site) => TypedResults.Ok(new HealthResponse("healthy", Version, site.Value.Environment)))
            .AllowAnonymous().WithTags("Health").ExcludeFromDescription();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { ResponseWriter = WriteReadinessAsync }).AllowAnonymous();
        return app;
    }

    private static Task WriteReadinessAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        var body = new
        {
            status = report.Status == HealthStatus.Healthy ? "ready" : "not_ready",
            version = Version,
            checks = report.Entries.Select(e => new { name = e.Key, status = e.Value.Status == HealthStatus.Healthy ? "pass" : "fail", detail = e.Value.Description }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }

    private sealed class StoreHealthCheck(IServiceProvider services, IOptions<StorageOptions> storage) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                if (storage.Value.Provider == StorageProvider.DynamoDb)
                {
                    await DynamoDbSchema.CheckAsync(services.GetRequiredService<IAmazonDynamoDB>(), services.GetRequiredService<ResourceNames>(), cancellationToken);
                    return HealthCheckResult.Healthy("DynamoDB tables answer.");
                }

                var database = services.GetRequiredService<SqliteDatabase>();
                await using var connection = await database.OpenAsync(cancellationToken);
                await using var command = connection.Command("SELECT COUNT(*) FROM schema_migrations");
                await command.ExecuteScalarAsync(cancellationToken);
                return HealthCheckResult.Healthy("SQLite database answers.");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy($"The {storage.Value.Provider} store did not answer: {e.GetType().Name}.");
            }
        }
    }

    private sealed class BlobStoreHealthCheck(IBlobStore blobs, IOptions<StorageOptions> storage) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await blobs.CheckAsync(cancellationToken);
                return HealthCheckResult.Healthy($"{storage.Value.Blobs} blob store answers.");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy($"The {storage.Value.Blobs} blob store did not answer: {e.GetType().Name}.");
            }
        }
    }

    private sealed class DataDirectoryHealthCheck(IOptions<SiteBuilderOptions> site) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var directory = site.Value.ResolveDataDirectory();
            try
            {
                Directory.CreateDirectory(directory);
                var probe = Path.Combine(directory, $".ready-{Guid.NewGuid():N}");
                File.WriteAllText(probe, "ok");
                File.Delete(probe);
                return Task.FromResult(HealthCheckResult.Healthy("The data directory is writable."));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return Task.FromResult(HealthCheckResult.Unhealthy("The data directory is not writable (its path is in SiteBuilder:DataDirectory, not shown here)."));
            }
        }
    }
}

internal sealed record HealthResponse(string Status, string Version, string Environment);
