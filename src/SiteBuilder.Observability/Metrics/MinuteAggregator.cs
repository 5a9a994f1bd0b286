using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace SiteBuilder.Observability.Metrics;

/// <summary>
/// Turns the instruments' measurements into one-minute rollups of the catalog's metrics, in memory, per series and minute.
/// <see cref="MetricsRecorder"/> feeds it from a <see cref="MeterListener"/> and drains it to the store and to EMF.
/// </summary>
public sealed class MinuteAggregator(TimeProvider clock)
{
    private readonly ConcurrentDictionary<(string Metric, string Dimension, DateTimeOffset Minute), Accumulator> _series = new();
    private long _activeStreams;

    /// <summary>One measurement of an instrument, mapped to the metric(s) it feeds.</summary>
    public void Record(string instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var minute = MetricRollup.MinuteOf(clock.GetUtcNow());
        switch (instrument)
        {
            case InstrumentNames.AgentDuration:
                var agent = Tag(tags, "agent") ?? "unknown";
                Add(MetricCatalog.AgentInvocations, agent, minute, 1);
                if (Tag(tags, "outcome") == Outcomes.Error)
                {
                    Add(MetricCatalog.AgentErrors, agent, minute, 1);
                }

                Add(MetricCatalog.AgentDuration, agent, minute, value);
                break;
            case InstrumentNames.HttpServerRequestDuration:
                var route = Tag(tags, "http.route") ?? "(unmatched)";
                Add(MetricCatalog.HttpRequests, route, minute, 1);
                if (StatusOf(tags) >= 500)
                {
                    Add(MetricCatalog.Http5xx, route, minute, 1);
                }

                break;
            case InstrumentNames.TimeToFirstChunk:
                Add(MetricCatalog.TimeToFirstChunk, string.Empty, minute, value);
                break;
            case InstrumentNames.TimeToLastChunk:
                Add(MetricCatalog.TimeToLastChunk, string.Empty, minute, value);
                break;
            case InstrumentNames.BrandScore:
                Add(MetricCatalog.BrandScore, string.Empty, minute, value);
                break;
            case InstrumentNames.StoreThrottles:
                Add(MetricCatalog.StoreThrottles, string.Empty, minute, value);
                break;
            case InstrumentNames.StoreRetries:
                Add(MetricCatalog.StoreRetries, string.Empty, minute, value);
                break;
            case InstrumentNames.RateLimited:
                Add(MetricCatalog.RateLimited, string.Empty, minute, value);
                break;
            case InstrumentNames.Deployments:
                Add(MetricCatalog.Deployments, string.Empty, minute, value);
                break;
            case InstrumentNames.Rollbacks:
                Add(MetricCatalog.Rollbacks, string.Empty, minute, value);
                break;
            case InstrumentNames.ActiveStreams:
                var level = Interlocked.Add(ref _activeStreams, (long)value);
                Add(MetricCatalog.ActiveStreams, string.Empty, minute, level);
                break;
        }
    }

    /// <summary>Whether the aggregator reads an instrument (the listener enables only these).</summary>
    public static bool Reads(Instrument instrument) => instrument.Name switch
    {
        InstrumentNames.HttpServerRequestDuration => instrument.Meter.Name == InstrumentNames.AspNetCoreHostingMeter,
        InstrumentNames.AgentDuration or InstrumentNames.TimeToFirstChunk or InstrumentNames.TimeToLastChunk or InstrumentNames.BrandScore
            or InstrumentNames.StoreThrottles or InstrumentNames.StoreRetries or InstrumentNames.RateLimited or InstrumentNames.Deployments
            or InstrumentNames.Rollbacks or InstrumentNames.ActiveStreams => true,
        _ => false,
    };

    /// <summary>
    /// The rollups of every minute still held; minutes before the current one are removed (they are complete), the current one
    /// stays and is written again, so a dashboard sees this minute's traffic before it ends.
    /// </summary>
    public IReadOnlyList<(MetricDefinition Metric, string Dimension, DateTimeOffset Minute, Snapshot Value, bool Complete)> Drain()
    {
        var now = MetricRollup.MinuteOf(clock.GetUtcNow());
        // The level of open streams holds through minutes without a change.
        Add(MetricCatalog.ActiveStreams, string.Empty, now, Interlocked.Read(ref _activeStreams));
        var drained = new List<(MetricDefinition, string, DateTimeOffset, Snapshot, bool)>();
        foreach (var (key, accumulator) in _series)
        {
            var complete = key.Minute < now;
            if (complete)
            {
                _series.TryRemove(key, out _);
            }

            drained.Add((MetricCatalog.Find(key.Metric)!, key.Dimension, key.Minute, accumulator.Snapshot(), complete));
        }

        return drained;
    }

    private void Add(MetricDefinition metric, string dimension, DateTimeOffset minute, double value) =>
        _series.GetOrAdd((metric.Name, dimension, minute), _ => new Accumulator(metric.Buckets)).Add(value);

    private static string? Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string name)
    {
        foreach (var (key, value) in tags)
        {
            if (key == name)
            {
                return value?.ToString();
            }
        }

        return null;
    }

    private static int StatusOf(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var (key, value) in tags)
        {
            if (key == "http.response.status_code")
            {
                return value is int status ? status : int.TryParse(value?.ToString(), out var parsed) ? parsed : 0;
            }
        }

        return 0;
    }

    /// <summary>Count, sum, extremes and (for distributions) bucket counts of one series in one minute.</summary>
    public readonly record struct Snapshot(double SampleCount, double Sum, double Minimum, double Maximum, long[]? Buckets);

    private sealed class Accumulator(IReadOnlyList<double>? boundaries)
    {
        private readonly Lock _lock = new();
        private readonly long[]? _buckets = boundaries is null ? null : new long[boundaries.Count + 1];
        private double _count;
        private double _sum;
        private double _min = double.PositiveInfinity;
        private double _max = double.NegativeInfinity;

        public void Add(double value)
        {
            lock (_lock)
            {
                _count++;
                _sum += value;
                _min = Math.Min(_min, value);
                _max = Math.Max(_max, value);
                if (_buckets is not null)
                {
                    _buckets[BucketIndex(boundaries!, value)]++;
                }
            }
        }

        public Snapshot Snapshot()
        {
            lock (_lock)
            {
                return new Snapshot(_count, _sum, _min, _max, _buckets is null ? null : [.. _buckets]);
            }
        }
    }

    /// <summary>The bucket of a value: the first boundary it does not exceed, or the overflow bucket after the last.</summary>
    public static int BucketIndex(IReadOnlyList<double> boundaries, double value)
    {
        for (var i = 0; i < boundaries.Count; i++)
        {
            if (value <= boundaries[i])
            {
                return i;
            }
        }

        return boundaries.Count;
    }
}
