using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SiteBuilder.Generation.Pipeline;

namespace SiteBuilder.Portal.Api;

/// <summary>
/// <c>SiteBuilder:Concurrency</c>: how much may run at once, so a burst is refused at once (429 / 503 with Retry-After) instead of
/// queuing without bound. Counted on each instance: generations run, and streams stay open, on the instance that serves them.
/// </summary>
public sealed class ConcurrencyOptions
{
    public const string Section = "SiteBuilder:Concurrency";

    [Range(1, 100_000, ErrorMessage = "SiteBuilder:Concurrency:GenerationsPerTenant must be between 1 and 100000.")]
    public int GenerationsPerTenant { get; set; } = 10;

    [Range(1, 100_000, ErrorMessage = "SiteBuilder:Concurrency:StreamsPerTenant must be between 1 and 100000.")]
    public int StreamsPerTenant { get; set; } = 50;

    [Range(1, 100_000, ErrorMessage = "SiteBuilder:Concurrency:StreamsPerInstance must be between 1 and 100000.")]
    public int StreamsPerInstance { get; set; } = 1000;

    /// <summary>The Retry-After of a refusal: a generation takes tens of seconds, so a few seconds is a fair first wait.</summary>
    [Range(1, 600, ErrorMessage = "SiteBuilder:Concurrency:RetryAfterSeconds must be between 1 and 600.")]
    public int RetryAfterSeconds { get; set; } = 5;
}

/// <summary>A refusal by a concurrency cap: 429 RATE_LIMITED for the tenant's own caps, 503 SERVICE_UNAVAILABLE for the instance's.</summary>
public sealed record ConcurrencyRefusal(bool InstanceFull, string Message, int RetryAfterSeconds)
{
    public ProblemHttpResult ToProblem(HttpResponse response)
    {
        response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return InstanceFull
            ? ApiProblems.Unavailable(Message)
            : ApiProblems.Problem(StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited, "Too many at once.", Message);
    }
}

/// <summary>
/// The caps of <see cref="ConcurrencyOptions"/>: running generations per tenant (the runner's own count), open event streams per
/// tenant and per instance (held by a lease for as long as the stream is open).
/// </summary>
public sealed class ConcurrencyLimits(GenerationRunner runner, IOptions<ConcurrencyOptions> options)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _streamsByTenant = new(StringComparer.Ordinal);
    private int _streams;

    public int OpenStreams => _streams;

    /// <summary>Null when <paramref name="tenant"/> may start another generation here; else why not.</summary>
    public ConcurrencyRefusal? RefuseGeneration(string tenant)
    {
        var settings = options.Value;
        var running = runner.RunningFor(tenant);
        return running < settings.GenerationsPerTenant
            ? null
            : new(false, $"{tenant} has {running} generations running, the most at once. Retry when one has finished, in a few seconds.", settings.RetryAfterSeconds);
    }

    /// <summary>Opens a stream for <paramref name="tenant"/>: a lease to dispose when the stream ends, or the refusal.</summary>
    public (IDisposable? Lease, ConcurrencyRefusal? Refusal) OpenStream(string tenant)
    {
        var settings = options.Value;
        lock (_gate)
        {
            if (_streams >= settings.StreamsPerInstance)
            {
                return (null, new(true, $"This server has {_streams} event streams open, its most. Retry in a few seconds; another server may take it.", settings.RetryAfterSeconds));
            }

            var open = _streamsByTenant.GetValueOrDefault(tenant);
            if (open >= settings.StreamsPerTenant)
            {
                return (null, new(false, $"{tenant} has {open} event streams open on this server, the most at once. Close one, or retry in a few seconds.", settings.RetryAfterSeconds));
            }

            _streamsByTenant[tenant] = open + 1;
            _streams++;
        }

        return (new StreamLease(this, tenant), null);
    }

    private void Close(string tenant)
    {
        lock (_gate)
        {
            _streams--;
            if (--_streamsByTenant[tenant] == 0)
            {
                _streamsByTenant.Remove(tenant);
            }
        }
    }

    private sealed class StreamLease(ConcurrencyLimits limits, string tenant) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                limits.Close(tenant);
            }
        }
    }
}

/// <summary>
/// The endpoint side of <see cref="ConcurrencyLimits"/>: a start is refused over the tenant's generation cap; a stream (a start's
/// answer is one, as is <c>/events</c>) holds its lease until the handler returns, which is when the stream ends.
/// </summary>
internal sealed class ConcurrencyFilter(bool startsGeneration) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var limits = http.RequestServices.GetRequiredService<ConcurrencyLimits>();
        var tenant = ApiCaller.From(http).Tenant;
        if (startsGeneration && limits.RefuseGeneration(tenant) is { } tooMany)
        {
            return tooMany.ToProblem(http.Response);
        }

        var (lease, refusal) = limits.OpenStream(tenant);
        if (refusal is not null)
        {
            return refusal.ToProblem(http.Response);
        }

        using (lease)
        {
            return await next(context);
        }
    }
}

public static class ConcurrencyEndpointExtensions
{
    /// <summary>Holds an event-stream lease for the request; with <paramref name="startsGeneration"/>, also checks the tenant's generation cap.</summary>
    public static TBuilder RequireConcurrencyLimits<TBuilder>(this TBuilder builder, bool startsGeneration)
        where TBuilder : IEndpointConventionBuilder => builder.AddEndpointFilter(new ConcurrencyFilter(startsGeneration));
}
