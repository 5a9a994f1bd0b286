namespace SiteBuilder.Observability.Metrics;

/// <summary>
/// The OpenTelemetry instrument names of the service (<c>sitebuilder.*</c>, semantic-convention style, durations in seconds),
/// and the ASP.NET Core one it reads. <see cref="CloudWatchMetrics"/> maps them to the CloudWatch names of the runbooks.
/// </summary>
public static class InstrumentNames
{
    public const string AgentDuration = "sitebuilder.agent.duration";
    public const string TimeToFirstChunk = "sitebuilder.generation.time_to_first_chunk";
    public const string TimeToLastChunk = "sitebuilder.generation.time_to_last_chunk";
    public const string BrandScore = "sitebuilder.generation.brand_score";
    public const string Tokens = "sitebuilder.generation.tokens";
    public const string ActiveStreams = "sitebuilder.api.active_streams";
    public const string RateLimited = "sitebuilder.api.rate_limited";
    public const string StoreThrottles = Storage.StorageMetrics.ThrottlesInstrument;
    public const string StoreRetries = Storage.StorageMetrics.RetriesInstrument;
    public const string Deployments = "sitebuilder.release.deployments";
    public const string Rollbacks = "sitebuilder.release.rollbacks";

    /// <summary>ASP.NET Core's own request histogram (meter <c>Microsoft.AspNetCore.Hosting</c>), tagged with <c>http.route</c> and the status code.</summary>
    public const string HttpServerRequestDuration = "http.server.request.duration";
    public const string AspNetCoreHostingMeter = "Microsoft.AspNetCore.Hosting";

    /// <summary>The generation area's meter (time to first and last chunk, brand score, tokens).</summary>
    public const string GenerationMeter = "SiteBuilder.Generation";
}

/// <summary>
/// Histogram bucket boundaries (seconds) for durations, from 5 ms to 2 minutes. The rollups keep counts per bucket, so
/// percentiles merge across instances and minutes; OpenTelemetry gets the same boundaries as advice.
/// </summary>
public static class DurationBuckets
{
    public static IReadOnlyList<double> Boundaries { get; } =
        [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 75, 90, 120];
}

/// <summary>Bucket boundaries of the brand score (0–10), in quarter points where alarms look (around 8.0).</summary>
public static class ScoreBuckets
{
    public static IReadOnlyList<double> Boundaries { get; } =
        [1, 2, 3, 4, 5, 6, 6.5, 7, 7.25, 7.5, 7.75, 8, 8.25, 8.5, 8.75, 9, 9.25, 9.5, 9.75, 10];
}
