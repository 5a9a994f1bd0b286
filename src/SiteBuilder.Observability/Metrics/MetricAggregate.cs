namespace SiteBuilder.Observability.Metrics;

/// <summary>
/// One dimension value of a metric over one period, every instance's rollups merged: counts, sums and bucket counts added,
/// extremes kept. For a gauge (a level such as open streams) the levels of all instances are added per minute first, and the
/// aggregate describes those per-minute levels: <see cref="SampleCount"/> minutes, their sum, lowest and highest.
/// </summary>
/// <param name="PeriodStart">from + k × period, as the query asked.</param>
public sealed record MetricAggregate(
    string Dimension,
    DateTimeOffset PeriodStart,
    double SampleCount,
    double Sum,
    double Minimum,
    double Maximum,
    IReadOnlyList<long>? Buckets);

/// <summary>
/// Merges rollups into <see cref="MetricAggregate"/>s in memory: what the DynamoDB store does after its reads, and how hourly
/// rollups are built from one-minute ones. The SQLite store computes the same in SQL; the store contract holds both to it.
/// </summary>
public static class RollupAggregation
{
    /// <summary>Hourly rollups serve periods that are whole hours starting on the hour; shorter or unaligned ones read minutes.</summary>
    public static readonly TimeSpan HourlyResolution = TimeSpan.FromHours(1);

    /// <summary>Whether periods from <paramref name="from"/> can be built from hourly rollups: whole hours starting on the hour.</summary>
    public static bool HourlyCovers(DateTimeOffset from, TimeSpan period) =>
        period >= HourlyResolution
        && period.Ticks % HourlyResolution.Ticks == 0
        && from.UtcTicks % HourlyResolution.Ticks == 0;

    public static DateTimeOffset HourOf(DateTimeOffset at) => new(at.UtcTicks - (at.UtcTicks % HourlyResolution.Ticks), TimeSpan.Zero);

    /// <summary>The aggregates per dimension and period of rollups (minutes or hours) starting in [from, …), oldest first.</summary>
    public static IReadOnlyList<MetricAggregate> Aggregate(IEnumerable<MetricRollup> rollups, MetricKind kind, DateTimeOffset from, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(rollups);
        var periodTicks = period.Ticks;
        DateTimeOffset PeriodOf(DateTimeOffset at) => new(at.UtcTicks - ((at.UtcTicks - from.UtcTicks) % periodTicks), TimeSpan.Zero);

        if (kind == MetricKind.Gauge)
        {
            return [.. rollups
                .GroupBy(r => (r.Dimension, r.Minute))
                .Select(m => (m.Key.Dimension, m.Key.Minute, Level: m.Sum(r => r.Maximum)))
                .GroupBy(m => (m.Dimension, Period: PeriodOf(m.Minute)))
                .Select(p => new MetricAggregate(p.Key.Dimension, p.Key.Period, p.Count(), p.Sum(m => m.Level), p.Min(m => m.Level), p.Max(m => m.Level), null))
                .OrderBy(a => a.PeriodStart).ThenBy(a => a.Dimension, StringComparer.Ordinal)];
        }

        return [.. rollups
            .GroupBy(r => (r.Dimension, Period: PeriodOf(r.Minute)))
            .Select(p => Merge(p.Key.Dimension, p.Key.Period, p.Select(r => (r.SampleCount, r.Sum, r.Minimum, r.Maximum, r.Buckets))))
            .OrderBy(a => a.PeriodStart).ThenBy(a => a.Dimension, StringComparer.Ordinal)];
    }

    /// <summary>Aggregates of the same dimension and period (from hourly and one-minute reads of one range) merged into one.</summary>
    public static IReadOnlyList<MetricAggregate> Combine(IEnumerable<MetricAggregate> aggregates) =>
        [.. aggregates
            .GroupBy(a => (a.Dimension, a.PeriodStart))
            .Select(g => g.Count() == 1 ? g.First() : Merge(g.Key.Dimension, g.Key.PeriodStart, g.Select(a => (a.SampleCount, a.Sum, a.Minimum, a.Maximum, a.Buckets))))
            .OrderBy(a => a.PeriodStart).ThenBy(a => a.Dimension, StringComparer.Ordinal)];

    /// <summary>Adds counts, sums and bucket counts and keeps the extremes.</summary>
    public static MetricAggregate Merge(string dimension, DateTimeOffset periodStart, IEnumerable<(double SampleCount, double Sum, double Minimum, double Maximum, IReadOnlyList<long>? Buckets)> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        double count = 0, sum = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        long[]? buckets = null;
        foreach (var part in parts)
        {
            count += part.SampleCount;
            sum += part.Sum;
            min = Math.Min(min, part.Minimum);
            max = Math.Max(max, part.Maximum);
            if (part.Buckets is { } b)
            {
                if (buckets is null || buckets.Length < b.Count)
                {
                    var grown = new long[b.Count];
                    buckets?.CopyTo(grown, 0);
                    buckets = grown;
                }

                for (var i = 0; i < b.Count; i++)
                {
                    buckets[i] += b[i];
                }
            }
        }

        return new MetricAggregate(dimension, periodStart, count, sum, min, max, buckets);
    }

    /// <summary>
    /// The hourly rollups (one per dimension, instance and hour) of one-minute rollups: what a store keeps beside the minutes,
    /// rebuilt from the stored minutes of each hour a write touched, so a minute written again replaces its share.
    /// </summary>
    public static IEnumerable<MetricRollup> Hourly(IEnumerable<MetricRollup> minutes) =>
        minutes
            .GroupBy(r => (r.Environment, r.Metric, r.Dimension, r.Instance, Hour: HourOf(r.Minute)))
            .Select(g =>
            {
                var merged = Merge(g.Key.Dimension, g.Key.Hour, g.Select(r => (r.SampleCount, r.Sum, r.Minimum, r.Maximum, r.Buckets)));
                var version = g.MaxBy(r => r.Minute)!.Version;
                return new MetricRollup(g.Key.Environment, g.Key.Metric, g.Key.Dimension, g.Key.Hour, g.Key.Instance, version,
                    merged.SampleCount, merged.Sum, merged.Minimum, merged.Maximum, merged.Buckets);
            });
}
