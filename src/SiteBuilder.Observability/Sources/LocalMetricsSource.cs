using SiteBuilder.Observability.Metrics;
using SiteBuilder.Observability.Store;

namespace SiteBuilder.Observability.Sources;

/// <summary>Series computed from the one-minute rollups every instance writes to the data store.</summary>
public sealed class LocalMetricsSource(IMetricsStore store) : IMetricsSource
{
    public string Name => "local";

    public async Task<IReadOnlyList<MetricSeries>> QueryAsync(IReadOnlyList<MetricQuery> queries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(queries);
        // Charts ask for several statistics of one metric (p50 and p95): each metric's rollups are read once.
        var reads = new Dictionary<(string, string, DateTimeOffset, DateTimeOffset), Task<IReadOnlyList<MetricRollup>>>();
        foreach (var q in queries)
        {
            var key = (q.Environment, q.Metric, q.AlignedFrom, q.To);
            if (!reads.ContainsKey(key))
            {
                reads[key] = store.ReadRollupsAsync(q.Environment, q.Metric, q.AlignedFrom, q.To, cancellationToken);
            }
        }

        await Task.WhenAll(reads.Values);
        return [.. queries.Select(q => Compute(q, reads[(q.Environment, q.Metric, q.AlignedFrom, q.To)].Result))];
    }

    /// <summary>One series from rollups: per period, the statistic over every instance's minutes (levels are summed across instances first).</summary>
    public static MetricSeries Compute(MetricQuery query, IReadOnlyList<MetricRollup> rollups)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(rollups);
        var metric = MetricCatalog.Find(query.Metric) ?? throw new ArgumentException($"Unknown metric '{query.Metric}'.", nameof(query));
        var from = query.AlignedFrom;
        var periodTicks = query.Period.Ticks;
        var points = new List<MetricPoint>();
        var selected = query.Dimension is null ? rollups : rollups.Where(r => r.Dimension == query.Dimension).ToList();
        foreach (var period in selected.GroupBy(r => r.Minute.UtcTicks - ((r.Minute.UtcTicks - from.UtcTicks) % periodTicks)).OrderBy(g => g.Key))
        {
            var value = metric.Kind == MetricKind.Gauge ? Level(query, period) : Statistic(query, metric, period);
            if (value is { } v)
            {
                points.Add(new MetricPoint(new DateTimeOffset(period.Key, TimeSpan.Zero), v));
            }
        }

        return new MetricSeries(query.Environment, query.Metric, query.Statistic, query.Dimension, metric.Unit, points);
    }

    private static double? Level(MetricQuery query, IEnumerable<MetricRollup> period)
    {
        var perMinute = period.GroupBy(r => r.Minute).Select(m => m.Sum(r => r.Maximum)).ToList();
        return query.Statistic switch
        {
            "Average" => perMinute.Average(),
            "Minimum" => perMinute.Min(),
            "Sum" => perMinute.Sum(),
            "SampleCount" => perMinute.Count,
            _ => perMinute.Max(),
        };
    }

    private static double? Statistic(MetricQuery query, MetricDefinition metric, IEnumerable<MetricRollup> period)
    {
        double count = 0, sum = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        long[]? buckets = null;
        foreach (var r in period)
        {
            count += r.SampleCount;
            sum += r.Sum;
            min = Math.Min(min, r.Minimum);
            max = Math.Max(max, r.Maximum);
            if (r.Buckets is { } b)
            {
                buckets ??= new long[b.Count];
                for (var i = 0; i < Math.Min(b.Count, buckets.Length); i++)
                {
                    buckets[i] += b[i];
                }
            }
        }

        if (count == 0)
        {
            return null;
        }

        if (query.Percentile is { } p)
        {
            return buckets is null || metric.Buckets is null ? max : Percentile(metric.Buckets, buckets, p, min, max);
        }

        return query.Statistic switch
        {
            "Sum" => sum,
            "Average" => sum / count,
            "Minimum" => min,
            "Maximum" => max,
            "SampleCount" => count,
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
