namespace SiteBuilder.Observability.Metrics;

/// <summary>How a metric aggregates within a minute: counted, sampled (percentiles from buckets), or a level (open streams).</summary>
public enum MetricKind
{
    Count,
    Distribution,
    Gauge,
}

/// <summary>
/// One metric as the dashboards, alarms and CloudWatch know it: its CloudWatch name (namespace <c>SiteBuilder/{env}</c>),
/// unit, kind and the one dimension besides <c>Environment</c> it may carry (<c>Agent</c>, <c>Route</c>).
/// </summary>
public sealed record MetricDefinition(string Name, string Unit, MetricKind Kind, string? Dimension, string Title, IReadOnlyList<double>? Buckets = null);

/// <summary>The metrics of the runbooks (TEAM contract): the names EMF publishes and <c>/v1/ops/metrics</c> accepts.</summary>
public static class MetricCatalog
{
    public const string AgentDimension = "Agent";
    public const string RouteDimension = "Route";
    public const string EnvironmentDimension = "Environment";

    public static readonly MetricDefinition AgentInvocations = new("AgentInvocations", "Count", MetricKind.Count, AgentDimension, "Agent calls");
    public static readonly MetricDefinition AgentErrors = new("AgentErrors", "Count", MetricKind.Count, AgentDimension, "Agent errors");
    public static readonly MetricDefinition AgentDuration = new("AgentDuration", "Seconds", MetricKind.Distribution, AgentDimension, "Agent duration", DurationBuckets.Boundaries);
    public static readonly MetricDefinition HttpRequests = new("HttpRequests", "Count", MetricKind.Count, RouteDimension, "HTTP requests");
    public static readonly MetricDefinition Http5xx = new("Http5xx", "Count", MetricKind.Count, RouteDimension, "5XX responses");
    public static readonly MetricDefinition StoreThrottles = new("StoreThrottles", "Count", MetricKind.Count, null, "Store throttles");
    public static readonly MetricDefinition StoreRetries = new("StoreRetries", "Count", MetricKind.Count, null, "Store retries");
    public static readonly MetricDefinition TimeToFirstChunk = new("TimeToFirstChunk", "Seconds", MetricKind.Distribution, null, "Time to first chunk", DurationBuckets.Boundaries);
    public static readonly MetricDefinition TimeToLastChunk = new("TimeToLastChunk", "Seconds", MetricKind.Distribution, null, "Time to last chunk", DurationBuckets.Boundaries);
    public static readonly MetricDefinition BrandScore = new("BrandScore", "None", MetricKind.Distribution, null, "Brand score", ScoreBuckets.Boundaries);
    public static readonly MetricDefinition ActiveStreams = new("ActiveStreams", "Count", MetricKind.Gauge, null, "Active streams");
    public static readonly MetricDefinition RateLimited = new("RateLimited", "Count", MetricKind.Count, null, "Rate-limited requests");
    public static readonly MetricDefinition Deployments = new("Deployments", "Count", MetricKind.Count, null, "Deployments");
    public static readonly MetricDefinition Rollbacks = new("Rollbacks", "Count", MetricKind.Count, null, "Rollbacks");

    public static IReadOnlyList<MetricDefinition> All { get; } =
    [
        AgentInvocations, AgentErrors, AgentDuration, HttpRequests, Http5xx, StoreThrottles, StoreRetries,
        TimeToFirstChunk, TimeToLastChunk, BrandScore, ActiveStreams, RateLimited, Deployments, Rollbacks,
    ];

    public static MetricDefinition? Find(string name) => All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.Ordinal));
}
