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

/// <summary>
/// Fixed-window limits per tenant and group, counted in the store (shared across instances with DynamoDB).
/// Every answer carries <c>RateLimit-Limit</c>, <c>RateLimit-Remaining</c> and <c>RateLimit-Reset</c>; the request over the
/// limit gets 429 RATE_LIMITED with <c>Retry-After</c>.
/// </summary>
internal sealed class TenantRateLimitFilter(RateLimitGroup group) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var services = http.RequestServices;
        var options = services.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        var clock = services.GetRequiredService<TimeProvider>();
        var caller = ApiCaller.From(http);

        var window = TimeSpan.FromSeconds(options.WindowSeconds);
        var now = clock.GetUtcNow();
        var windowStart = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % window.Ticks), TimeSpan.Zero);
        var resetSeconds = Math.Max(1, (int)Math.Ceiling((windowStart + window - now).TotalSeconds));
        var limit = options.LimitOf(group);
        var count = await services.GetRequiredService<IRateCounterStore>()
            .IncrementAsync($"{caller.Tenant}#{group.ToString().ToLowerInvariant()}", windowStart, window, http.RequestAborted);

        var headers = http.Response.Headers;
        headers["RateLimit-Limit"] = limit.ToString(CultureInfo.InvariantCulture);
        headers["RateLimit-Remaining"] = Math.Max(0, limit - count).ToString(CultureInfo.InvariantCulture);
        headers["RateLimit-Reset"] = resetSeconds.ToString(CultureInfo.InvariantCulture);
        if (count > limit)
        {
            headers.RetryAfter = resetSeconds.ToString(CultureInfo.InvariantCulture);
            services.GetRequiredService<ApiMetrics>().RecordRateLimited(group.ToString().ToLowerInvariant());
            return ApiProblems.Problem(StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited, "Too many requests.",
                $"The {group.ToString().ToLowerInvariant()} limit is {limit} requests per {options.WindowSeconds} seconds for a tenant. Retry after {resetSeconds} seconds.");
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
