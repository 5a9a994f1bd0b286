using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SiteBuilder.Observability.Metrics;
using SiteBuilder.Observability.Store;

namespace SiteBuilder.Observability.Alarms;

/// <summary>
/// Evaluates the alarms continuously on one instance at a time: each round, the instance that holds (or takes) the lease in the
/// store evaluates; the lease runs for three rounds, so another instance takes over when the holder stops.
/// </summary>
public sealed class AlarmEvaluationService(
    AlarmEvaluator evaluator,
    IMetricsStore store,
    ObservedEnvironments environments,
    ReleaseIdentity release,
    IOptions<ObservabilityOptions> options,
    TimeProvider clock,
    ILogger<AlarmEvaluationService> logger) : BackgroundService
{
    public const string LeaseName = "alarm-evaluator";

    /// <summary>One round: evaluates when this instance holds the lease; false when another instance does.</summary>
    public async Task<bool> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var interval = TimeSpan.FromSeconds(options.Value.AlarmEvaluationSeconds);
        if (!await store.TryAcquireLeaseAsync(LeaseName, release.Instance, interval * 3, now, cancellationToken))
        {
            return false;
        }

        foreach (var environment in environments.All)
        {
            await evaluator.EvaluateAsync(environment, now, cancellationToken);
        }

        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.AlarmEvaluationSeconds), clock);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The source may be down (CloudWatch throttling, a bad signature): states stay as they were, the next round tries again.
                logger.LogWarning(e, "Evaluating alarms failed");
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}

/// <summary>The environments this service shows and evaluates: <c>SiteBuilder:Observability:Environments</c>, or its own.</summary>
public sealed record ObservedEnvironments(string Own, IReadOnlyList<string> All)
{
    public bool Contains(string environment) => All.Contains(environment, StringComparer.Ordinal);
}
