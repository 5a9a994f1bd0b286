using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using SiteBuilder.Observability.Alarms;
using SiteBuilder.Observability.Dashboards;
using SiteBuilder.Observability.Export;
using SiteBuilder.Observability.Metrics;
using SiteBuilder.Observability.Quality;
using SiteBuilder.Observability.Sources;
using SiteBuilder.Observability.Store;
using SiteBuilder.Storage;

namespace SiteBuilder.Observability;

public static class ObservabilityServiceCollectionExtensions
{
    /// <summary>
    /// One set of metrics and where they go: the meters of every area, OpenTelemetry (OTLP when an endpoint is configured), EMF
    /// lines in AWS, local rollups in the store, the configured metrics source, and the alarm evaluator.
    /// </summary>
    /// <param name="alarmsPath">The alarm definitions file (<c>alarms.json</c> shipped next to the binaries).</param>
    public static IHostApplicationBuilder AddObservability(this IHostApplicationBuilder builder, string alarmsPath)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddMetricsReading();
        services.TryAddSingleton<AgentMetrics>();
        services.TryAddSingleton<ApiMetrics>();

        services.AddSingleton(sp =>
        {
            var configured = sp.GetRequiredService<IOptions<ObservabilityOptions>>().Value.Version;
            var version = string.IsNullOrWhiteSpace(configured) ? AssemblyVersion() : configured;
            return new ReleaseIdentity(version, $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}", sp.GetRequiredService<TimeProvider>().GetUtcNow());
        });
        services.AddSingleton(sp =>
        {
            var own = sp.GetRequiredService<IOptions<SiteBuilderOptions>>().Value.Environment;
            var configured = sp.GetRequiredService<IOptions<ObservabilityOptions>>().Value.Environments;
            return new ObservedEnvironments(own, configured.Count > 0 ? [.. configured] : [own]);
        });

        services.AddSingleton(new EmbeddedMetricFormat(Console.Out));
        services.AddSingleton<MetricsRecorder>();
        services.AddHostedService(sp => sp.GetRequiredService<MetricsRecorder>());

        services.TryAddSingleton<IDeploymentAnnotations, ReleaseVersionAnnotations>();

        services.AddSingleton(_ => AlarmCatalog.Load(alarmsPath));
        services.AddSingleton<AlarmEvaluator>();
        services.AddSingleton<AlarmEvaluationService>();
        services.AddHostedService(sp => sp.GetRequiredService<AlarmEvaluationService>());
        services.AddSingleton<DashboardQueries>();

        AddOpenTelemetry(builder);
        return builder;
    }

    /// <summary>
    /// What other areas use of observability without recording: the options, the metrics store, the configured metrics source, the
    /// quality comparison (the promotion gate) and the release counters. <c>AddOperations()</c> calls it; safe to call twice.
    /// </summary>
    public static IServiceCollection AddMetricsReading(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(IMetricsStore)))
        {
            return services;
        }

        services.AddOptions<ObservabilityOptions>().BindConfiguration(ObservabilityOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<ReleaseMetrics>();
        services.AddSingleton(SqliteMetricsStore.Schema);
        services.AddSingleton(SqliteMetricsStore.HourlySchema);
        services.AddStore<IMetricsStore, SqliteMetricsStore, DynamoMetricsStore>();
        services.AddHttpClient(nameof(CloudWatchMetricsSource));
        services.AddSingleton<IMetricsSource>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ObservabilityOptions>>().Value;
            return options.Source == MetricsSourceKind.CloudWatch
                ? new CloudWatchMetricsSource(sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(CloudWatchMetricsSource)), options.CloudWatch, sp.GetRequiredService<TimeProvider>())
                : new LocalMetricsSource(sp.GetRequiredService<IMetricsStore>());
        });
        services.AddSingleton<QualityComparison>();
        return services;
    }

    /// <summary>OpenTelemetry reads the same meters; it exports over OTLP only when an endpoint is configured.</summary>
    private static void AddOpenTelemetry(IHostApplicationBuilder builder)
    {
        var endpoint = builder.Configuration[$"{ObservabilityOptions.Section}:{nameof(ObservabilityOptions.OtlpEndpoint)}"];
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return;
        }

        var environment = builder.Configuration[$"{SiteBuilderOptions.Section}:{nameof(SiteBuilderOptions.Environment)}"] ?? "local";
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource
                .AddService("sitebuilder-portal", serviceVersion: AssemblyVersion())
                .AddAttributes([new("deployment.environment.name", environment)]))
            .WithMetrics(metrics => metrics
                .AddMeter(AgentMetrics.MeterName, ApiMetrics.MeterName, ReleaseMetrics.MeterName, StorageMetrics.MeterName, InstrumentNames.GenerationMeter,
                    InstrumentNames.AspNetCoreHostingMeter, "Microsoft.AspNetCore.Server.Kestrel")
                .AddOtlpExporter(otlp => otlp.Endpoint = new Uri(endpoint)));
    }

    private static string AssemblyVersion() =>
        (Assembly.GetEntryAssembly() ?? typeof(ObservabilityServiceCollectionExtensions).Assembly)
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
