using SiteBuilder.Observability.Metrics;
using SiteBuilder.Observability.Store;

namespace SiteBuilder.Observability.Sources;

/// <summary>
/// Series computed from the rollups every instance writes to the data store. The store merges them per dimension and period
/// (in SQL for SQLite, from hourly rollups for long ranges); this class turns those aggregates into the statistic asked.
/// </summary>
public sealed class LocalMetricsSource(IMetricsStore store) : IMetricsSource
{
    public string Name => "local";

    public async Task<IReadOnlyList<MetricSeries>> QueryAsync(IReadOnlyList<MetricQuery> queries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(queries);
        // Charts ask for several statistics and dimensions of one metric (p50 and p95, one line per agent): each is read once.
        var reads = new Dictionary<(string, string, DateTimeOffset, DateTimeOffset, TimeSpan), Task<IReadOnlyList<MetricAggregate>>>();
        foreach (var q in queries)
        {
            var metric = MetricCatalog.Find(q.Metric) ?? throw new ArgumentException($"Unknown metric '{q.Metric}'.", nameof(queries));
            var key = (q.Environment, q.Metric, q.AlignedFrom, q.To, q.Period);
            if (!reads.ContainsKey(key))
            {
                reads[key] = store.ReadAggregatesAsync(q.Environment, metric, q.AlignedFrom, q.To, q.Period, cancellationToken);
            }
        }

        await Task.WhenAll(reads.Values);
        return [.. queries.Select(q => Compute(q, reads[(q.Environment, q.Metric, q.AlignedFrom, q.To, q.Period)].Result))];
    }

    /// <summary>One series from the store's aggregates: per period, the statistic over the asked dimension (or all of them).</summary>
    public static MetricSeries Compute(MetricQuery query, IReadOnlyList<MetricAggregate> aggregates)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(aggregates);
        var metric = MetricCatalog.Find(query.Metric) ?? throw new ArgumentException($"Unknown metric '{query.Metric}'.", nameof(query));
        // Without a dimension the metric is over all of them (a gauge has one, so its per-minute levels stay exact).
        var selected = query.Dimension is null
            ? RollupAggregation.Combine(aggregates.Select(a => a with { Dimension = string.Empty }))
            : [.. aggregates.Where(a => a.Dimension == query.Dimension)];
        var points = new List<MetricPoint>();
        foreach (var period in selected)
        {
            var value = metric.Kind == MetricKind.Gauge ? Level(query, period) : Statistic(query, metric, period);
            if (value is { } v)
            {
                points.Add(new MetricPoint(period.PeriodStart, v));
            }
        }

        return new MetricSeries(query.Environment, query.Metric, query.Statistic, query.Dimension, metric.Unit, points);
    }

    /// <summary>A gauge's aggregate describes its per-minute levels (all instances added): the statistic is over those minutes.</summary>
    private static double? Level(MetricQuery query, MetricAggregate levels) => levels.SampleCount == 0 ? null : query.Statistic switch
    {
        "Average" => levels.Sum / levels.SampleCount,
        "Minimum" => levels.Minimum,
        "Sum" => levels.Sum,
        "SampleCount" => levels.SampleCount,
        _ => levels.Maximum,
    };

    private static double? Statistic(MetricQuery query, MetricDefinition metric, MetricAggregate period)
    {
        if (period.SampleCount == 0)
        {
            return null;
        }

        if (query.Percentile is { } p)
        {
            return period.Buckets is null || metric.Buckets is null ? period.Maximum : Percentile(metric.Buckets, period.Buckets, p, period.Minimum, period.Maximum);
        }

        return query.Statistic switch
        {
            "Sum" => period.Sum,
            "Average" => period.Sum / period.SampleCount,
            "Minimum" => period.Minimum,
            "Maximum" => period.Maximum,
            "SampleCount" => period.SampleCount,
            _ => throw new ArgumentException($"Unknown statistic '{query.Statistic}'.", nameof(query)),
        };
    }

    /// <summary>The percentile from bucket counts, interpolated linearly inside its bucket and kept within the observed extremes.</summary>
    public static double Percentile(IReadOnlyList<double> boundaries, IReadOnlyList<long> buckets, double p, double min, double max)
    {
        ArgumentNullException.ThrowIfNull(boundaries);
        ArgumentNullException.ThrowIfNull(buckets);
        var total = buckets.Sum();
        var rank = p * total;
        double seen = 0;
        for (var i = 0; i < buckets.Count; i++)
        {
            if (buckets[i] == 0)
            {
                continue;
            }

            if (seen + buckets[i] >= rank)
            {
                var lower = Math.Max(i == 0 ? min : boundaries[i - 1], min);
                var upper = Math.Min(i < boundaries.Count ? boundaries[i] : max, max);
                var fraction = (rank - seen) / buckets[i];
                return lower + ((upper - lower) * fraction);
            }

            seen += buckets[i];
        }

        return max;
    }
}
