using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SiteBuilder.Operations.Engines;
using SiteBuilder.Operations.Engines.GitHubActions;
using SiteBuilder.Operations.Notifications;
using SiteBuilder.Operations.Restores;
using SiteBuilder.Storage;

namespace SiteBuilder.Operations;

public static class OperationsEnginesServiceCollectionExtensions
{
    /// <summary>
    /// What runs operations outside the portal's own records: the GitHub Actions engine (as <see cref="IDeploymentEngine"/>, only when
    /// <c>SiteBuilder:Operations:Engine</c> is <c>GitHubActions</c>), the point-in-time restore of the configured store (SQLite snapshots
    /// with their schedule, or DynamoDB point-in-time recovery) and the webhook notifier. Settings are checked at start. Call after <c>AddStorage()</c>.
    /// </summary>
    public static IServiceCollection AddOperationsEngines(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        // Safe to call from both the operations area and the composition root: a second call would add a second scheduler and notifier.
        if (services.Any(d => d.ServiceType == typeof(OperationsEnginesMarker)))
        {
            return services;
        }

        services.AddSingleton<OperationsEnginesMarker>();
        services.TryAddSingleton(TimeProvider.System);

        if (string.Equals(configuration["SiteBuilder:Operations:Engine"], GitHubActionsEngine.EngineName, StringComparison.OrdinalIgnoreCase))
        {
            services.AddOptions<GitHubActionsOptions>().BindConfiguration(GitHubActionsOptions.Section).ValidateOnStart();
            services.AddSingleton<IValidateOptions<GitHubActionsOptions>, GitHubActionsOptionsValidator>();
            services.AddSingleton<IDeploymentEngine, GitHubActionsEngine>();
        }

        if (Enum.TryParse<StorageProvider>(configuration[$"{StorageOptions.Section}:Provider"], ignoreCase: true, out var provider) && provider == StorageProvider.DynamoDb)
        {
            services.AddSingleton<IPointInTimeRestore, DynamoPointInTimeRestore>();
        }
        else
        {
            services.AddOptions<SnapshotOptions>().BindConfiguration(SnapshotOptions.Section).ValidateOnStart();
            services.AddSingleton<IValidateOptions<SnapshotOptions>, SnapshotOptionsValidator>();
            services.AddSingleton<SqliteSnapshots>();
            services.AddSingleton<IPointInTimeRestore, SqliteSnapshotRestore>();
            services.AddHostedService<SqliteSnapshotScheduler>();
        }

        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidator>();
        // One client for the life of the app; recycling pooled connections picks up DNS changes of the webhook's host.
        services.AddSingleton<IOpsNotifier>(sp => ActivatorUtilities.CreateInstance<WebhookNotifier>(sp,
            new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })));
        return services;
    }

    private sealed class OperationsEnginesMarker;
}
