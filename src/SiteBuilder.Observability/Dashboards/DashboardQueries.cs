using SiteBuilder.Observability.Alarms;
using SiteBuilder.Observability.Metrics;
using SiteBuilder.Observability.Sources;

namespace SiteBuilder.Observability.Dashboards;

/// <summary>A time range the dashboard offers, with the period its charts use (at most a few hundred points per series).</summary>
public sealed record DashboardRange(string Key, string Label, TimeSpan Length, TimeSpan Period)
{
    public static IReadOnlyList<DashboardRange> All { get; } =
    [
        new("1h", "1 hour", TimeSpan.FromHours(1), TimeSpan.FromMinutes(1)),
        new("6h", "6 hours", TimeSpan.FromHours(6), TimeSpan.FromMinutes(5)),
        new("24h", "24 hours", TimeSpan.FromHours(24), TimeSpan.FromMinutes(15)),
        new("3d", "3 days", TimeSpan.FromDays(3), TimeSpan.FromHours(1)),
        new("7d", "7 days", TimeSpan.FromDays(7), TimeSpan.FromHours(1)),
        new("14d", "14 days", TimeSpan.FromDays(14), TimeSpan.FromHours(3)),
    ];

    public static DashboardRange Default => All[0];

    public static DashboardRange? Find(string? key) => All.FirstOrDefault(r => r.Key == key);
}

/// <summary>A line drawn across a chart where an alarm fires, scaled to the chart's period for sums.</summary>
public sealed record ChartThreshold(string AlarmId, string Label, double Value);

/// <summary>One chart: its series (one per agent, or p50/p95), the alarm thresholds on it, and the deployments.</summary>
public sealed record DashboardChart(string Id, string Title, string Unit, IReadOnlyList<ChartSeries> Series, IReadOnlyList<ChartThreshold> Thresholds);

public sealed record ChartSeries(string Label, MetricSeries Data);

/// <summary>An alarm as the dashboard lists it: its definition and where it stands.</summary>
public sealed record DashboardAlarm(AlarmDefinition Definition, AlarmStatus Status);

/// <summary>Everything the dashboard of one environment shows for one range.</summary>
public sealed record Dashboard(
    string Environment,
    DashboardRange Range,
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyList<DashboardChart> Charts,
    IReadOnlyList<DeploymentAnnotation> Annotations,
    IReadOnlyList<DashboardAlarm> Alarms,
    DeploymentAnnotation? RollbackRecommendedAfter,
    string? SourceError);

/// <summary>
/// Builds the dashboard of an environment: every chart's queries in one call to the metrics source (one GetMetricData for
/// CloudWatch, one read per metric locally), the annotations, and the alarm states.
/// </summary>
public sealed class DashboardQueries(IMetricsSource source, IDeploymentAnnotations annotations, AlarmEvaluator alarms, TimeProvider clock)
{
    private sealed record Plan(string Id, string Title, MetricDefinition Metric, IReadOnlyList<(string Label, string Statistic, string? Dimension)> Lines);

    private static readonly IReadOnlyList<Plan> Plans =
    [
        new("requests", "HTTP requests", MetricCatalog.HttpRequests, [("Requests", "Sum", null)]),
        new("http-5xx", "5XX responses", MetricCatalog.Http5xx, [("5XX", "Sum", null)]),
        new("agent-errors", "Agent errors", MetricCatalog.AgentErrors, [.. Agents.All.Select(a => (a, "Sum", (string?)a))]),
        new("agent-duration", "Agent duration p95", MetricCatalog.AgentDuration, [.. Agents.All.Select(a => (a, "p95", (string?)a))]),
        new("ttfc", "Time to first chunk", MetricCatalog.TimeToFirstChunk, [("p50", "p50", null), ("p95", "p95", null)]),
        new("ttlt", "Time to last chunk", MetricCatalog.TimeToLastChunk, [("p50", "p50", null), ("p95", "p95", null)]),
        new("brand-score", "Brand score (mean)", MetricCatalog.BrandScore, [("Mean", "Average", null)]),
        new("store-throttles", "Store throttles", MetricCatalog.StoreThrottles, [("Throttles", "Sum", null)]),
        new("active-streams", "Active streams", MetricCatalog.ActiveStreams, [("Open streams", "Maximum", null)]),
        new("rate-limited", "Rate-limited requests", MetricCatalog.RateLimited, [("429s", "Sum", null)]),
    ];

    /// <summary>Every query the dashboard makes for one environment and range (the benchmark runs exactly these).</summary>
    public static IReadOnlyList<MetricQuery> QueriesFor(string environment, DashboardRange range, DateTimeOffset to) =>
        [.. Plans.SelectMany(p => p.Lines.Select(l => new MetricQuery(environment, p.Metric.Name, to - range.Length, to, range.Period, l.Statistic, l.Dimension)))];

    public async Task<Dashboard> LoadAsync(string environment, DashboardRange range, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(range);
        var to = clock.GetUtcNow();
        var from = to - range.Length;
        var queries = QueriesFor(environment, range, to);
        var states = await alarms.StatesAsync(environment, cancellationToken);
        var deployments = await annotations.ListAsync(environment, from, to, cancellationToken);
        var catalog = alarms.Catalog;
        var listed = states.Select(s => new DashboardAlarm(catalog.Find(s.AlarmId)!, s)).ToList();
        var recentDeployments = await annotations.ListAsync(environment, to - TimeSpan.FromHours(2), to, cancellationToken);
        var rollback = AlarmEvaluator.RollbackRecommended(states, catalog, recentDeployments);

        IReadOnlyList<MetricSeries> series;
        string? error = null;
        try
        {
            series = await source.QueryAsync(queries, cancellationToken);
        }
        catch (MetricsSourceException e)
        {
            series = [.. queries.Select(q => new MetricSeries(q.Environment, q.Metric, q.Statistic, q.Dimension, "None", []))];
            error = e.Message;
        }

        var charts = new List<DashboardChart>();
        var next = 0;
        foreach (var plan in Plans)
        {
            var lines = plan.Lines.Select(l => new ChartSeries(l.Label, series[next++])).ToList();
            charts.Add(new DashboardChart(plan.Id, plan.Title, plan.Metric.Unit, lines, Thresholds(catalog, plan.Metric, range.Period)));
        }

        return new Dashboard(environment, range, from, to, charts, deployments, listed, rollback, error);
    }

    /// <summary>The alarms on a chart's metric; a sum's threshold is scaled from the alarm's period to the chart's.</summary>
    private static List<ChartThreshold> Thresholds(AlarmCatalog catalog, MetricDefinition metric, TimeSpan chartPeriod) =>
        [.. catalog.Alarms.Where(a => a.Metric == metric.Name && a.Expression is null && a.ThresholdRelativeTo is null).Select(a =>
        {
            var scaled = a.Statistic == "Sum" ? a.Threshold * chartPeriod.TotalSeconds / a.PeriodSeconds : a.Threshold;
            var per = a.Statistic == "Sum" ? $" per {a.Period.TotalMinutes:0} min" : string.Empty;
            return new ChartThreshold(a.Id, $"{a.Title} ({a.Statistic} {a.ComparisonSymbol} {a.Threshold:0.##}{per})", scaled);
        })];
}
