using System.Diagnostics.Metrics;

namespace SiteBuilder.Observability.Metrics;

/// <summary>
/// What the API adds to ASP.NET Core's own request metrics, on the meter <c>SiteBuilder.Api</c>: requests refused by the
/// per-tenant rate limits, and generation event streams open right now.
/// </summary>
public sealed class ApiMetrics
{
    public const string MeterName = "SiteBuilder.Api";

    private readonly Counter<long> _rateLimited;
    private readonly UpDownCounter<long> _activeStreams;

    public ApiMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _rateLimited = meter.CreateCounter<long>(InstrumentNames.RateLimited, "{request}", "Requests refused with 429 by a rate limit policy.");
        _activeStreams = meter.CreateUpDownCounter<long>(InstrumentNames.ActiveStreams, "{stream}", "Server-sent event streams of generations open now.");
    }

    /// <param name="policy">The rate limit policy that refused: generation, agents, validation.</param>
    public void RecordRateLimited(string policy) => _rateLimited.Add(1, new KeyValuePair<string, object?>("policy", policy));

    /// <summary>Counts a stream as open until the result is disposed.</summary>
    public IDisposable OpenStream()
    {
        _activeStreams.Add(1);
        return new StreamLease(_activeStreams);
    }

    private sealed class StreamLease(UpDownCounter<long> counter) : IDisposable
    {
        private int _closed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _closed, 1) == 0)
            {
                counter.Add(-1);
            }
        }
    }
}
