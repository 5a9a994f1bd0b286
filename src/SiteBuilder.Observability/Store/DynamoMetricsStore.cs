using System.Globalization;
using System.Security.Cryptography;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using SiteBuilder.Observability.Alarms;
using SiteBuilder.Observability.Metrics;
using SiteBuilder.Storage;
using SiteBuilder.Storage.DynamoDb;

namespace SiteBuilder.Observability.Store;

/// <summary>
/// Metrics in the operations table: rollups as <c>METRIC#{env}#{metric}</c> / <c>{minute}#{dimension}#{instance}</c> with TTL,
/// hourly rollups as <c>METRICHOUR#{env}#{metric}</c> / <c>{hour}#{dimension}#{instance}</c> with TTL,
/// versions as <c>METRICVER#{env}</c> / <c>{version}</c>, alarm states as <c>ALARM#{env}</c> / <c>STATE#{id}</c>, history as
/// <c>ALARMHIST#{env}#{id}</c> / <c>{at}#{nonce}</c>, leases as <c>LEASE#{name}</c> / <c>LEASE</c> (conditional writes).
/// </summary>
public sealed class DynamoMetricsStore(IAmazonDynamoDB dynamo, ResourceNames names, TimeProvider clock) : IMetricsStore
{
    private const int BatchSize = 25;

    private string Table => names.OperationsTable;

    public async Task WriteRollupsAsync(IReadOnlyCollection<MetricRollup> rollups, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rollups);
        // Two rollups of one key in one batch are an error for DynamoDB: the last one wins, as a later write would.
        var items = rollups.GroupBy(r => (r.Environment, r.Metric, Sk: SortKey(r))).Select(g => g.Last()).Select(r => ToItem(r, RollupPartition)).ToList();
        await BatchWriteAsync(items, cancellationToken);

        // Each hour written is rebuilt from its stored minutes. Only the written series' own rows: another instance rebuilds its
        // rows itself, so two writers never overwrite each other's hour with an older read.
        var written = rollups.Select(r => (r.Dimension, r.Instance)).ToHashSet();
        var hourly = new List<Dictionary<string, AttributeValue>>();
        foreach (var hour in rollups.Where(r => MetricCatalog.Find(r.Metric)?.Kind != MetricKind.Gauge)
            .Select(r => (r.Environment, r.Metric, Hour: RollupAggregation.HourOf(r.Minute))).Distinct())
        {
            var minutes = await ReadRollupsAsync(hour.Environment, hour.Metric, hour.Hour, hour.Hour + RollupAggregation.HourlyResolution, cancellationToken);
            hourly.AddRange(RollupAggregation.Hourly(minutes.Where(m => written.Contains((m.Dimension, m.Instance)))).Select(r => ToItem(r, HourlyPartition)));
        }

        await BatchWriteAsync(hourly, cancellationToken);
    }

    public async Task<IReadOnlyList<MetricAggregate>> ReadAggregatesAsync(
        string environment, MetricDefinition metric, DateTimeOffset from, DateTimeOffset to, TimeSpan period, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metric);
        // A gauge's level adds every instance per minute, which per-instance hours cannot: gauges read their minutes.
        if (metric.Kind == MetricKind.Gauge || !RollupAggregation.HourlyCovers(from, period))
        {
            return RollupAggregation.Aggregate(await ReadRollupsAsync(environment, metric.Name, from, to, cancellationToken), metric.Kind, from, period);
        }

        // Whole hours from the hourly rollups; the hour still running from its minutes.
        var lastHour = RollupAggregation.HourOf(to);
        var hours = await ReadPartitionAsync(HourlyPartition(environment, metric.Name), environment, metric.Name, from, lastHour, cancellationToken);
        var minutes = lastHour < to && lastHour >= from ? await ReadRollupsAsync(environment, metric.Name, lastHour, to, cancellationToken) : [];
        return RollupAggregation.Aggregate([.. hours, .. minutes], metric.Kind, from, period);
    }

    private async Task BatchWriteAsync(List<Dictionary<string, AttributeValue>> items, CancellationToken cancellationToken)
    {
        foreach (var chunk in items.Chunk(BatchSize))
        {
            var pending = new Dictionary<string, List<WriteRequest>> { [Table] = [.. chunk.Select(i => new WriteRequest(new PutRequest(i)))] };
            for (var attempt = 0; pending.Count > 0 && pending.Values.Sum(v => v.Count) > 0; attempt++)
            {
                if (attempt > 0)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(50 * Math.Min(attempt, 20)), clock, cancellationToken);
                }

                var response = await dynamo.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = pending }, cancellationToken);
                pending = response.UnprocessedItems ?? [];
            }
        }
    }

    public Task<IReadOnlyList<MetricRollup>> ReadRollupsAsync(string environment, string metric, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        ReadPartitionAsync(RollupPartition(environment, metric), environment, metric, from, to, cancellationToken);

    private async Task<IReadOnlyList<MetricRollup>> ReadPartitionAsync(string partition, string environment, string metric, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var rollups = new List<MetricRollup>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var response = await dynamo.QueryAsync(new QueryRequest
            {
                TableName = Table,
                KeyConditionExpression = "#pk = :pk AND #sk BETWEEN :from AND :to",
                FilterExpression = "#expires > :now",
                ExpressionAttributeNames = new() { ["#pk"] = DynamoDbSchema.PartitionKey, ["#sk"] = DynamoDbSchema.SortKey, ["#expires"] = DynamoDbSchema.ExpiresAt },
                ExpressionAttributeValues = new()
                {
                    [":pk"] = Attr.S(partition),
                    [":from"] = Attr.S(Minute(from)),
                    [":to"] = Attr.S(Minute(to)),
                    [":now"] = Attr.N(clock.GetUtcNow().ToUnixTimeSeconds()),
                },
                ExclusiveStartKey = start,
            }, cancellationToken);
            foreach (var item in response.Items ?? [])
            {
                var rollup = FromItem(environment, metric, item);
                if (rollup.Minute >= from && rollup.Minute < to)
                {
                    rollups.Add(rollup);
                }
            }

            start = response.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (start is not null);

        return rollups;
    }

    public async Task RecordVersionAsync(VersionSeen version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(version);
        try
        {
            await dynamo.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = Table,
                Key = Key($"METRICVER#{version.Environment}", version.Version),
                UpdateExpression = "SET firstSeen = :at",
                ConditionExpression = "attribute_not_exists(firstSeen) OR firstSeen > :at",
                ExpressionAttributeValues = new() { [":at"] = Attr.Time(version.FirstSeen) },
            }, cancellationToken);
        }
        catch (ConditionalCheckFailedException)
        {
            // Seen earlier already: the first sighting stays.
        }
    }

    public async Task<IReadOnlyList<VersionSeen>> ReadVersionsAsync(string environment, CancellationToken cancellationToken = default)
    {
        var items = await QueryAllAsync($"METRICVER#{environment}", cancellationToken);
        return [.. items.Select(i => new VersionSeen(environment, i.RequireString(DynamoDbSchema.SortKey), i.GetTime("firstSeen")!.Value)).OrderBy(v => v.FirstSeen)];
    }

    public async Task<IReadOnlyList<AlarmStatus>> ReadAlarmStatesAsync(string environment, CancellationToken cancellationToken = default)
    {
        var items = await QueryAllAsync($"ALARM#{environment}", cancellationToken);
        return [.. items.Select(i => new AlarmStatus(environment, i.RequireString("alarmId"), AlarmStates.Parse(i.RequireString("state")), i.GetTime("since")!.Value,
            i.GetDouble("value"), i.RequireString("reason"))).OrderBy(s => s.AlarmId, StringComparer.Ordinal)];
    }

    public async Task SaveAlarmStateAsync(AlarmStatus status, AlarmTransition? transition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(status);
        var item = Key($"ALARM#{status.Environment}", $"STATE#{status.AlarmId}");
        item["alarmId"] = Attr.S(status.AlarmId);
        item["state"] = Attr.S(status.State.ToWire());
        item["since"] = Attr.Time(status.Since);
        item["reason"] = Attr.S(status.Reason);
        if (status.Value is { } value)
        {
            item["value"] = Attr.N(value);
        }

        // History first: a crash between the two writes leaves a transition whose state is written again on the next evaluation.
        if (transition is not null)
        {
            var entry = Key($"ALARMHIST#{transition.Environment}#{transition.AlarmId}", $"{Attr.Time(transition.At).S}#{RandomNumberGenerator.GetHexString(8, lowercase: true)}");
            entry["at"] = Attr.Time(transition.At);
            entry["from"] = Attr.S(transition.From.ToWire());
            entry["to"] = Attr.S(transition.To.ToWire());
            entry["reason"] = Attr.S(transition.Reason);
            if (transition.Value is { } transitionValue)
            {
                entry["value"] = Attr.N(transitionValue);
            }

            await dynamo.PutItemAsync(new PutItemRequest { TableName = Table, Item = entry }, cancellationToken);
        }

        await dynamo.PutItemAsync(new PutItemRequest { TableName = Table, Item = item }, cancellationToken);
    }

    public async Task<IReadOnlyList<AlarmTransition>> ReadAlarmHistoryAsync(string environment, string alarmId, int limit, CancellationToken cancellationToken = default)
    {
        var response = await dynamo.QueryAsync(new QueryRequest
        {
            TableName = Table,
            KeyConditionExpression = "#pk = :pk",
            ExpressionAttributeNames = new() { ["#pk"] = DynamoDbSchema.PartitionKey },
            ExpressionAttributeValues = new() { [":pk"] = Attr.S($"ALARMHIST#{environment}#{alarmId}") },
            ScanIndexForward = false,
            Limit = limit,
        }, cancellationToken);
        return [.. (response.Items ?? []).Select(i => new AlarmTransition(environment, alarmId, AlarmStates.Parse(i.RequireString("from")), AlarmStates.Parse(i.RequireString("to")),
            i.GetTime("at")!.Value, i.GetDouble("value"), i.RequireString("reason")))];
    }

    public async Task<bool> TryAcquireLeaseAsync(string name, string holder, TimeSpan duration, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var item = Key($"LEASE#{name}", "LEASE");
        item["holder"] = Attr.S(holder);
        item["leaseUntil"] = Attr.Time(now + duration);
        try
        {
            await dynamo.PutItemAsync(new PutItemRequest
            {
                TableName = Table,
                Item = item,
                ConditionExpression = "attribute_not_exists(#pk) OR holder = :holder OR leaseUntil <= :now",
                ExpressionAttributeNames = new() { ["#pk"] = DynamoDbSchema.PartitionKey },
                ExpressionAttributeValues = new() { [":holder"] = Attr.S(holder), [":now"] = Attr.Time(now) },
            }, cancellationToken);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    private async Task<List<Dictionary<string, AttributeValue>>> QueryAllAsync(string partition, CancellationToken cancellationToken)
    {
        var items = new List<Dictionary<string, AttributeValue>>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var response = await dynamo.QueryAsync(new QueryRequest
            {
                TableName = Table,
                KeyConditionExpression = "#pk = :pk",
                ExpressionAttributeNames = new() { ["#pk"] = DynamoDbSchema.PartitionKey },
                ExpressionAttributeValues = new() { [":pk"] = Attr.S(partition) },
                ExclusiveStartKey = start,
            }, cancellationToken);
            items.AddRange(response.Items ?? []);
            start = response.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (start is not null);

        return items;
    }

    private static Dictionary<string, AttributeValue> Key(string pk, string sk) => new()
    {
        [DynamoDbSchema.PartitionKey] = Attr.S(pk),
        [DynamoDbSchema.SortKey] = Attr.S(sk),
    };

    private static string RollupPartition(string environment, string metric) => $"METRIC#{environment}#{metric}";

    private static string HourlyPartition(string environment, string metric) => $"METRICHOUR#{environment}#{metric}";

    private static string Minute(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture);

    private static string SortKey(MetricRollup r) => $"{Minute(r.Minute)}#{r.Dimension}#{r.Instance}";

    private static Dictionary<string, AttributeValue> ToItem(MetricRollup r, Func<string, string, string> partition)
    {
        var item = Key(partition(r.Environment, r.Metric), SortKey(r));
        item["dimension"] = Attr.S(r.Dimension);
        item["minute"] = Attr.Time(r.Minute);
        item["instance"] = Attr.S(r.Instance);
        item["version"] = Attr.S(r.Version);
        item["count"] = Attr.N(r.SampleCount);
        item["sum"] = Attr.N(r.Sum);
        item["min"] = Attr.N(r.Minimum);
        item["max"] = Attr.N(r.Maximum);
        if (r.BucketText is { } buckets)
        {
            item["buckets"] = Attr.S(buckets);
        }

        item[DynamoDbSchema.ExpiresAt] = Attr.N((r.Minute + IMetricsStore.Retention).ToUnixTimeSeconds());
        return item;
    }

    private static MetricRollup FromItem(string environment, string metric, Dictionary<string, AttributeValue> item) => new(
        environment, metric, item.RequireString("dimension"), item.GetTime("minute")!.Value, item.RequireString("instance"), item.RequireString("version"),
        item.GetDouble("count") ?? 0, item.GetDouble("sum") ?? 0, item.GetDouble("min") ?? 0, item.GetDouble("max") ?? 0, MetricRollup.ParseBuckets(item.GetString("buckets")));
}
