namespace SiteBuilder.Observability.Metrics;

/// <summary>
/// One minute of one series (a metric and, when it has one, a dimension value) as one instance saw it. Instances write their
/// own rollups, so nothing is lost to concurrent writes; readers merge them. Distributions keep counts per bucket
/// (<see cref="MetricDefinition.Buckets"/> plus an overflow bucket), so percentiles merge across instances and minutes.
/// </summary>
/// <param name="Dimension">The <c>Agent</c> or <c>Route</c> value; empty for a metric without a dimension.</param>
/// <param name="Version">The release version the instance ran: where it changes, a deployment happened.</param>
public sealed record MetricRollup(
    string Environment,
    string Metric,
    string Dimension,
    DateTimeOffset Minute,
    string Instance,
    string Version,
    double SampleCount,
    double Sum,
    double Minimum,
    double Maximum,
    IReadOnlyList<long>? Buckets)
{
    public static DateTimeOffset MinuteOf(DateTimeOffset at) => new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);

    /// <summary>Buckets as stored: counts separated by commas.</summary>
    public string? BucketText => Buckets is null ? null : string.Join(',', Buckets);

    public static IReadOnlyList<long>? ParseBuckets(string? text) =>
        string.IsNullOrEmpty(text) ? null : [.. text.Split(',').Select(v => long.Parse(v, System.Globalization.CultureInfo.InvariantCulture))];
}

/// <summary>A release version an environment's instances started reporting at <see cref="FirstSeen"/>.</summary>
public sealed record VersionSeen(string Environment, string Version, DateTimeOffset FirstSeen);
