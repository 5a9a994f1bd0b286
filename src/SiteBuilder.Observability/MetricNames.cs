namespace SiteBuilder.Observability;

/// <summary>
/// The CloudWatch metric names the portal publishes (EMF, namespace <c>SiteBuilder/{env}</c>, dimension
/// <c>Environment</c> always, plus <c>Agent</c> for agent metrics and <c>Route</c> for HTTP). The alarm definitions in
/// <c>terraform/modules/monitoring/alarms.json</c> may only name these; a test checks it.
/// </summary>
public static class MetricNames
{
    public const string AgentInvocations = "AgentInvocations";
    public const string AgentErrors = "AgentErrors";
    public const string AgentDuration = "AgentDuration";
    public const string HttpRequests = "HttpRequests";
    public const string Http5xx = "Http5xx";
    public const string StoreThrottles = "StoreThrottles";
    public const string TimeToFirstChunk = "TimeToFirstChunk";
    public const string TimeToLastChunk = "TimeToLastChunk";
    public const string BrandScore = "BrandScore";
    public const string ActiveStreams = "ActiveStreams";
    public const string RateLimited = "RateLimited";
    public const string Deployments = "Deployments";
    public const string Rollbacks = "Rollbacks";

    public static readonly IReadOnlyList<string> All =
    [
        AgentInvocations, AgentErrors, AgentDuration, HttpRequests, Http5xx, StoreThrottles, TimeToFirstChunk,
        TimeToLastChunk, BrandScore, ActiveStreams, RateLimited, Deployments, Rollbacks,
    ];
}
