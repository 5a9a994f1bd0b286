using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SiteBuilder.Observability;
using SiteBuilder.Operations.Approvals;
using SiteBuilder.Operations.Audit;
using SiteBuilder.Operations.Deployments;
using SiteBuilder.Operations.Engines;
using SiteBuilder.Operations.Engines.Ledger;
using SiteBuilder.Operations.Environments;
using SiteBuilder.Operations.Notifications;
using SiteBuilder.Operations.Promotions;
using SiteBuilder.Operations.Releases;
using SiteBuilder.Operations.Restores;
using SiteBuilder.Operations.Rollbacks;
using SiteBuilder.Operations.Store;
using SiteBuilder.Storage;

namespace SiteBuilder.Operations;

public static class OperationsServiceCollectionExtensions
{
    /// <summary>
    /// Environments, releases, promotions, rollbacks, restores, audit and the Ledger engine. Call after <c>AddStorage()</c>.
    /// Further engines (<see cref="IDeploymentEngine"/>), restore backends (<see cref="IPointInTimeRestore"/>) and notifiers
    /// (<see cref="IOpsNotifier"/>) may be registered by others; <c>SiteBuilder:Operations:Engine</c> picks the engine by name.
    /// </summary>
    public static IHostApplicationBuilder AddOperations(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<OperationsOptions>().BindConfiguration(OperationsOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.FreezeWindows.All(ValidFreezeWindow), "SiteBuilder:Operations:FreezeWindows: each needs a Name, a 5-field Cron, a positive Duration and a known TimeZone.")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<OperationsOptions>, EngineOptionsValidation>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddHttpClient(DeploymentVerifier.HttpClientName);
        // Deployments and rollbacks are counted on the release meter; SIT → PROD compares generation quality.
        services.AddMetricsReading();

        services.AddSingleton(SqliteOperationsStore.Schema);
        services.AddStore<IOperationsStore, SqliteOperationsStore, DynamoOperationsStore>();

        services.TryAddSingleton<IPortalAddress, ConfiguredPortalAddress>();
        services.AddSingleton<EnvironmentCatalog>();
        services.AddSingleton<EnvironmentStates>();
        services.AddSingleton<EnvironmentBoard>();
        services.AddSingleton<OperationsPolicy>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<OpsNotifications>();
        services.AddSingleton<ReleaseService>();
        services.AddSingleton<PromotionQualityGate>();
        services.AddSingleton<PromotionService>();
        services.AddSingleton<RollbackService>();
        services.AddSingleton<RestoreService>();

        services.AddSingleton<IDeploymentEngine, LedgerEngine>();
        services.AddSingleton<DeploymentEngines>();
        services.AddSingleton<DeploymentVerifier>();
        services.AddSingleton<DeploymentService>();
        services.AddSingleton<DeploymentRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<DeploymentRunner>());
        return builder;
    }

    private static bool ValidFreezeWindow(FreezeWindowOptions window)
    {
        try
        {
            Cronos.CronExpression.Parse(window.Cron);
            TimeZoneInfo.FindSystemTimeZoneById(window.TimeZone);
            return !string.IsNullOrWhiteSpace(window.Name) && window.Duration > TimeSpan.Zero;
        }
        catch (Exception e) when (e is Cronos.CronFormatException or TimeZoneNotFoundException or ArgumentException)
        {
            return false;
        }
    }
}
