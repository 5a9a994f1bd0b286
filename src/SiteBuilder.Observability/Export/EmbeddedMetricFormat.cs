using System.Text.Json;
using System.Text.Json.Nodes;
using SiteBuilder.Observability.Metrics;

namespace SiteBuilder.Observability.Export;

/// <summary>
/// CloudWatch Embedded Metric Format: one JSON line per metric, series and finished minute on stdout, which ECS's awslogs driver
/// turns into metrics in namespace <c>SiteBuilder/{env}</c>. Dimension sets are <c>[Environment]</c> (totals) and, for agent and
/// HTTP metrics, <c>[Environment, Agent]</c> or <c>[Environment, Route]</c>, as the runbooks look at them.
/// </summary>
public sealed class EmbeddedMetricFormat(TextWriter output)
{
    /// <summary>EMF takes at most 100 values in one metric's array; larger distributions go out as several lines.</summary>
    public const int MaxValuesPerLine = 100;

    private readonly Lock _lock = new();

    public static string Namespace(string environment) => $"SiteBuilder/{environment}";

    public void Write(string environment, string version, IEnumerable<(MetricDefinition Metric, string Dimension, DateTimeOffset Minute, MinuteAggregator.Snapshot Value)> rollups)
    {
        ArgumentNullException.ThrowIfNull(rollups);
        var lines = rollups.SelectMany(r => Lines(environment, version, r.Metric, r.Dimension, r.Minute, r.Value)).ToList();
        if (lines.Count == 0)
        {
            return;
        }

        lock (_lock)
        {
            foreach (var line in lines)
            {
                output.WriteLine(line);
            }

            output.Flush();
        }
    }

    /// <summary>The EMF documents of one rollup: one for a count or a level, one per 100 samples for a distribution.</summary>
    public static IEnumerable<string> Lines(string environment, string version, MetricDefinition metric, string dimension, DateTimeOffset minute, MinuteAggregator.Snapshot value)
    {
        ArgumentNullException.ThrowIfNull(metric);
        if (metric.Kind != MetricKind.Distribution)
        {
            yield return Document(environment, version, metric, dimension, minute, metric.Kind == MetricKind.Gauge ? JsonValue.Create(value.Maximum) : JsonValue.Create(value.Sum));
            yield break;
        }

        foreach (var chunk in Samples(metric.Buckets!, value).Chunk(MaxValuesPerLine))
        {
            yield return Document(environment, version, metric, dimension, minute, new JsonArray([.. chunk.Select(v => (JsonNode?)JsonValue.Create(v))]));
        }
    }

    /// <summary>Each bucket's samples as the bucket's middle (clamped to the minute's minimum and maximum).</summary>
    private static IEnumerable<double> Samples(IReadOnlyList<double> boundaries, MinuteAggregator.Snapshot value)
    {
        var buckets = value.Buckets ?? [];
        for (var i = 0; i < buckets.Length; i++)
        {
            if (buckets[i] == 0)
            {
                continue;
            }

            var lower = i == 0 ? 0 : boundaries[i - 1];
            var upper = i < boundaries.Count ? boundaries[i] : value.Maximum;
            var middle = Math.Clamp((lower + upper) / 2, value.Minimum, value.Maximum);
            for (var n = 0; n < buckets[i]; n++)
            {
                yield return Math.Round(middle, 6);
            }
        }
    }

    private static string Document(string environment, string version, MetricDefinition metric, string dimension, DateTimeOffset minute, JsonNode value)
    {
        var dimensionSets = new JsonArray(new JsonArray(MetricCatalog.EnvironmentDimension));
        var document = new JsonObject
        {
            ["_aws"] = new JsonObject
            {
                ["Timestamp"] = minute.ToUnixTimeMilliseconds(),
                ["CloudWatchMetrics"] = new JsonArray(new JsonObject
                {
                    ["Namespace"] = Namespace(environment),
                    ["Dimensions"] = dimensionSets,
                    ["Metrics"] = new JsonArray(new JsonObject { ["Name"] = metric.Name, ["Unit"] = metric.Unit }),
                }),
            },
            [MetricCatalog.EnvironmentDimension] = environment,
            ["Version"] = version,
            [metric.Name] = value,
        };
        if (metric.Dimension is { } name && dimension.Length > 0)
        {
            dimensionSets.Add(new JsonArray(MetricCatalog.EnvironmentDimension, name));
            document[name] = dimension;
        }

        return document.ToJsonString(JsonOptions);
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = false };
}
