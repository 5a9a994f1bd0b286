using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SiteBuilder.BrandAssets;

/// <summary>
/// Calls, outcomes and durations of the agents (DESIGN §4), with the agent's name as a dimension, so the troubleshooting
/// runbook's per-function views have a counterpart: meter <c>SiteBuilder.Agents</c>.
/// </summary>
public static class AgentMetrics
{
    public const string MeterName = "SiteBuilder.Agents";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Calls = Meter.CreateCounter<long>("sitebuilder.agent.calls", description: "Agent calls by agent, provider and outcome.");
    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("sitebuilder.agent.duration", "s", "Agent call duration by agent and provider.");

    /// <param name="agent">logo_creator, background_creator, theme_selector or layout_agent.</param>
    /// <param name="provider">offline or bedrock.</param>
    /// <param name="outcome">success, or the failure (throttled, unavailable, contentfiltered, failed, error).</param>
    /// <param name="elapsed">How long the call took.</param>
    public static void Record(string agent, string provider, string outcome, TimeSpan elapsed)
    {
        var tags = new TagList { { "agent", agent }, { "provider", provider } };
        Duration.Record(elapsed.TotalSeconds, tags);
        tags.Add("outcome", outcome);
        Calls.Add(1, tags);
    }
}
