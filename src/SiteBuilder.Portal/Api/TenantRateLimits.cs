using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.Extensions.Options;
using SiteBuilder.Storage.RateLimits;

namespace SiteBuilder.Portal.Api;

/// <summary><c>SiteBuilder:RateLimits</c>: requests per tenant per window, by endpoint group (the seed's limits by default).</summary>
public sealed class RateLimitOptions
{
    public const string Section = "SiteBuilder:RateLimits";

    [Range(1, 100_000, ErrorMessage = "SiteBuilder:RateLimits:Generation must be between 1 and 100000.")]
    public int Generation { get; set; } = 10;

    [Range(1, 100_000, ErrorMessage = "SiteBuilder:RateLimits:Agents must be between 1 and 100000.")]
    public int Agents { get; set; } = 20;

    [Range(1, 100_000, ErrorMessage = "SiteBuilder:RateLimits:Validation must be between 1 and 100000.")]
    public int Validation { get; set; } = 60;

    [Range(1, 3600, ErrorMessage = "SiteBuilder:RateLimits:WindowSeconds must be between 1 and 3600.")]
    public int WindowSeconds { get; set; } = 60;

    public int LimitOf(RateLimitGroup group) => group switch
    {
        RateLimitGroup.Generation => Generation,
        RateLimitGroup.Agents => Agents,
        _ => Validation,
    };
}

public enum RateLimitGroup
{
    Generation,
    Agents,
    Validation,
}

/// <summary>One request counted against a tenant's limit: whether it is allowed, and what the RateLimit headers say.</summary>
public sealed record RateLimitDecision(RateLimitGroup Group, int Limit, long Count, int ResetSeconds, int WindowSeconds)
{
    public bool Allowed => Count <= Limit;

    public long Remaining => Math.Max(0, Limit - Count);

    public string GroupName => Group.ToString().ToLowerInvariant();

    /// <summary>Why the request was refused and when to try again, for the API's problem and the portal's message alike.</summary>
    public string RefusalMessage =>
        $"The {GroupName} limit is {Limit} requests per {WindowSeconds} seconds for a tenant. Retry after {ResetSeconds} seconds.";

    /// <summary>The portal's words for a refusal: the budget is the tenant's, shared with the API, and when it frees up.</summary>
    public string PortalMessage(string tenant) =>
        $"{tenant} has used its {Limit} {Noun} per {WindowSeconds} seconds (the portal and the API share this limit). Try again in {ResetSeconds} seconds.";

    private string Noun => Group switch
    {
        RateLimitGroup.Generation => "generations",
        RateLimitGroup.Agents => "agent calls",
        _ => "validations",
    };
}

/// <summary>
/// Fixed-window limits per tenant and group, counted in the store (shared across instances with DynamoDB). The API's endpoint filter
/// and the portal's pages count through this one service, so a tenant has one budget whichever way its people work.
/// </summary>
public sealed class TenantRateLimiter(IRateCounterStore counters, IOptions<RateLimitOptions> options, TimeProvider clock, ApiMetrics metrics)
{
    /// <summary>Counts one request of <paramref name="tenant"/> in <paramref name="group"/>; a refusal is recorded as rate-limited.</summary>
    public async Task<RateLimitDecision> AcquireAsync(string tenant, RateLimitGroup group, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var window = TimeSpan.FromSeconds(settings.WindowSeconds);
        var now = clock.GetUtcNow();
        var windowStart = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % window.Ticks), TimeSpan.Zero);
        var resetSeconds = Math.Max(1, (int)Math.Ceiling((windowStart + window - now).TotalSeconds));
        var count = await counters.IncrementAsync($"{tenant}#{group.ToString().ToLowerInvariant()}", windowStart, window, cancellationToken);
        var decision = new RateLimitDecision(group, settings.LimitOf(group), count, resetSeconds, settings.WindowSeconds);
        if (!decision.Allowed)
        {
            metrics.RecordRateLimited(decision.GroupName);
        }

        return decision;
    }
}

/// <summary>
/// The API side of <see cref="TenantRateLimiter"/>: every answer carries <c>RateLimit-Limit</c>, <c>RateLimit-Remaining</c> and
/// <c>RateLimit-Reset</c>; the request over the limit gets 429 RATE_LIMITED with <c>Retry-After</c>.
/// </summary>
internal sealed class TenantRateLimitFilter(RateLimitGroup group) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var decision = await http.RequestServices.GetRequiredService<TenantRateLimiter>()
            .AcquireAsync(ApiCaller.From(http).Tenant, group, http.RequestAborted);

        var headers = http.Response.Headers;
        headers["RateLimit-Limit"] = decision.Limit.ToString(CultureInfo.InvariantCulture);
        headers["RateLimit-Remaining"] = decision.Remaining.ToString(CultureInfo.InvariantCulture);
        headers["RateLimit-Reset"] = decision.ResetSeconds.ToString(CultureInfo.InvariantCulture);
        if (!decision.Allowed)
        {
            headers.RetryAfter = decision.ResetSeconds.ToString(CultureInfo.InvariantCulture);
            return ApiProblems.Problem(StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited, "Too many requests.", decision.RefusalMessage);
        }

        return await next(context);
    }
}

public static class RateLimitEndpointExtensions
{
    /// <summary>Counts each request to these endpoints against the caller's tenant limit for <paramref name="group"/>.</summary>
    public static TBuilder RequireTenantRateLimit<TBuilder>(this TBuilder builder, RateLimitGroup group)
        where TBuilder : IEndpointConventionBuilder => builder.AddEndpointFilter(new TenantRateLimitFilter(group));
}
