using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SiteBuilder.Generation.Pipeline;
using SiteBuilder.Portal.Api;

namespace SiteBuilder.Portal.Hosting;

/// <summary><c>SiteBuilder:Drain</c>: what an instance does between SIGTERM and exit.</summary>
public sealed class DrainOptions
{
    public const string Section = "SiteBuilder:Drain";

    /// <summary>How long running generations may go on finishing after SIGTERM; below ECS's stop timeout (the task's stopTimeout, 60 s or more).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00", ErrorMessage = "SiteBuilder:Drain:Timeout must be between 0 seconds and 10 minutes.")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(50);
}

/// <summary>
/// Deploys lose nothing: on SIGTERM the instance stops taking new generations (503 SERVICE_UNAVAILABLE with Retry-After, so the
/// client retries on another instance), fails <c>/health/ready</c> so the load balancer drains it, and holds the shutdown until
/// the generations running here finish or <see cref="DrainOptions.Timeout"/> passes. What is still running then is handed over: it
/// stops here unfinished, and another instance's recovery resumes it from its recorded request (<see cref="GenerationRecovery"/>);
/// its clients reconnect with Last-Event-ID and read on to the final page.
/// </summary>
public sealed class GenerationDrain(GenerationRunner runner, IHostApplicationLifetime lifetime, IOptions<DrainOptions> options, ILogger<GenerationDrain> logger)
    : IHostedService
{
    private volatile bool _draining;

    public bool IsDraining => _draining;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // ApplicationStopping fires at SIGTERM, before any hosted service stops: new work is refused from the first moment.
        lifetime.ApplicationStopping.Register(BeginDrain);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => DrainAsync(cancellationToken);

    public void BeginDrain()
    {
        if (!_draining)
        {
            _draining = true;
            runner.StopTakingWork();
            logger.LogInformation("Draining: refusing new generations; {Count} running here", runner.RunningCount);
        }
    }

    /// <summary>Refuses new generations and waits for the running ones, at most <see cref="DrainOptions.Timeout"/>.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        BeginDrain();
        var deadline = DateTime.UtcNow + options.Value.Timeout;
        while (runner.RunningCount > 0 && DateTime.UtcNow < deadline && !cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), CancellationToken.None);
        }

        if (runner.RunningCount > 0)
        {
            logger.LogWarning("Drain time over with {Count} generations still running; handing them over to another instance's recovery", runner.RunningCount);
            await runner.HandOverAsync(TimeSpan.FromSeconds(3));
        }
    }

    /// <summary>The start-generation filter: 503 with Retry-After while draining.</summary>
    internal sealed class RefuseWhileDraining : IEndpointFilter
    {
        public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
        {
            if (!context.HttpContext.RequestServices.GetRequiredService<GenerationDrain>().IsDraining)
            {
                return await next(context);
            }

            context.HttpContext.Response.Headers.RetryAfter = "5";
            return ApiProblems.Unavailable("This instance is shutting down for a deploy. Retry in a few seconds; another instance takes the generation.");
        }
    }

    /// <summary>Readiness fails while draining, so the load balancer sends no new requests here.</summary>
    internal sealed class ReadinessCheck(GenerationDrain drain) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(drain.IsDraining ? HealthCheckResult.Unhealthy("The instance is draining for shutdown.") : HealthCheckResult.Healthy("Taking new work."));
    }
}

public static class GenerationDrainExtensions
{
    /// <summary>Registers the drain; the host's shutdown timeout is raised to cover it.</summary>
    public static IServiceCollection AddGenerationDrain(this IServiceCollection services)
    {
        services.AddOptions<DrainOptions>().BindConfiguration(DrainOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<GenerationDrain>();
        services.AddHostedService(sp => sp.GetRequiredService<GenerationDrain>());
        services.AddOptions<HostOptions>().Configure<IOptions<DrainOptions>>((host, drain) =>
            host.ShutdownTimeout = drain.Value.Timeout + TimeSpan.FromSeconds(5));
        services.AddHealthChecks().AddCheck<GenerationDrain.ReadinessCheck>("drain");
        return services;
    }

    public static TBuilder RefuseWhileDraining<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.AddEndpointFilter(new GenerationDrain.RefuseWhileDraining());
}
