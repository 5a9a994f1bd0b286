namespace SiteBuilder.Storage.RateLimits;

/// <summary>
/// Fixed-window counters for the per-tenant rate limits. In DynamoDB mode every instance shares them,
/// so a limit holds across instances.
/// </summary>
public interface IRateCounterStore
{
    /// <summary>Adds one to the counter of <paramref name="key"/> for the window starting at <paramref name="windowStart"/> and returns the new count.</summary>
    Task<long> IncrementAsync(string key, DateTimeOffset windowStart, TimeSpan window, CancellationToken cancellationToken = default);
}
