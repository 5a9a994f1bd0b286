using System.Globalization;

namespace SiteBuilder.Observability.Sources;

/// <summary>
/// One series asked of a metrics source: a catalog metric of one environment, one statistic per period over [From, To).
/// </summary>
/// <param name="Statistic">Sum, Average, Minimum, Maximum, SampleCount, or a percentile such as p95 (CloudWatch's names).</param>
/// <param name="Dimension">The <c>Agent</c> or <c>Route</c> value to read; null for the metric over all of them.</param>
public sealed record MetricQuery(string Environment, string Metric, DateTimeOffset From, DateTimeOffset To, TimeSpan Period, string Statistic, string? Dimension = null)
{
    /// <summary>
    /// Whether period starts are whole multiples of the period since the Unix epoch, as CloudWatch aligns them (charts); alarms
    /// read the window that ends now instead. CloudWatch aligns either way.
    /// </summary>
    public bool Aligned { get; init; } = true;

    public DateTimeOffset AlignedFrom => Aligned ? new(From.UtcTicks - ((From.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) % Period.Ticks), TimeSpan.Zero) : From;

    /// <summary>The percentile of a <c>pNN</c> statistic (0.95 for p95), or null.</summary>
    public double? Percentile => Statistic.Length > 1 && Statistic[0] == 'p'
        && double.TryParse(Statistic[1..], NumberStyles.Float, CultureInfo.InvariantCulture, out var p) && p is > 0 and < 100
            ? p / 100
            : null;

    public static bool IsStatistic(string statistic) => statistic is "Sum" or "Average" or "Minimum" or "Maximum" or "SampleCount"
        || new MetricQuery("e", "m", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, TimeSpan.FromMinutes(1), statistic).Percentile is not null;
}

/// <summary>A value per period, oldest first; periods without data are left out, as CloudWatch leaves them out.</summary>
public sealed record MetricSeries(string Environment, string Metric, string Statistic, string? Dimension, string Unit, IReadOnlyList<MetricPoint> Points);

public sealed record MetricPoint(DateTimeOffset Timestamp, double Value);

/// <summary>Where dashboards, alarms and <c>/v1/ops/metrics</c> read metrics: local rollups or CloudWatch.</summary>
public interface IMetricsSource
{
    /// <summary>local or cloudwatch, for messages.</summary>
    string Name { get; }

    /// <summary>Answers every query; throws <see cref="MetricsSourceException"/> with a reason an operator can act on.</summary>
    Task<IReadOnlyList<MetricSeries>> QueryAsync(IReadOnlyList<MetricQuery> queries, CancellationToken cancellationToken = default);
}

/// <summary>The source could not answer (CloudWatch refused the signature, was unreachable, …); the message says what to check.</summary>
public sealed class MetricsSourceException(string message, Exception? inner = null) : Exception(message, inner);
