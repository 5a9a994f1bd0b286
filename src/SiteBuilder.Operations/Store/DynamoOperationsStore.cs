using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using SiteBuilder.Operations.Audit;
using SiteBuilder.Storage;
using SiteBuilder.Storage.DynamoDb;

namespace SiteBuilder.Operations.Store;

/// <summary>
/// Documents as <c>OPS#{kind}</c> / <c>{id}</c> items in the operations table, guarded by a <c>revision</c> condition; the audit log
/// as <c>AUDIT#{yyyy-mm}</c> / <c>{timestamp}#{id}</c> items written only if absent (DESIGN §6), with the months listed on one item.
/// </summary>
public sealed class DynamoOperationsStore(IAmazonDynamoDB dynamo, ResourceNames names) : IOperationsStore
{
    private const string AuditMonths = "AUDIT#MONTHS";

    public async Task<T> InsertAsync<T>(T document, CancellationToken cancellationToken = default)
        where T : class, IOpsDocument<T>
    {
        var stored = document.WithRevision(1);
        try
        {
            await dynamo.PutItemAsync(new PutItemRequest
            {
                TableName = names.OperationsTable,
                Item = Item(stored),
                ConditionExpression = "attribute_not_exists(pk)",
            }, cancellationToken);
        }
        catch (ConditionalCheckFailedException)
        {
            throw new OpsDuplicateException($"A {T.Kind} '{stored.Id}' already exists.");
        }

        return stored;
    }

    public async Task<T> UpdateAsync<T>(T document, CancellationToken cancellationToken = default)
        where T : class, IOpsDocument<T>
    {
        var stored = document.WithRevision(document.Revision + 1);
        try
        {
            await dynamo.PutItemAsync(new PutItemRequest
            {
                TableName = names.OperationsTable,
                Item = Item(stored),
                ConditionExpression = "revision = :expected",
                ExpressionAttributeValues = new() { [":expected"] = Attr.N(document.Revision) },
            }, cancellationToken);
        }
        catch (ConditionalCheckFailedException)
        {
            throw new OpsConflictException($"The {T.Kind} '{stored.Id}' was changed by someone else or does not exist.");
        }

        return stored;
    }

    public async Task<T?> FindAsync<T>(string id, CancellationToken cancellationToken = default)
        where T : class, IOpsDocument<T>
    {
        var response = await dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = names.OperationsTable,
            Key = Key(Partition<T>(), id),
            ConsistentRead = true,
        }, cancellationToken);
        return response.IsItemSet ? OpsJson.Deserialize<T>(response.Item.RequireString("body")) : null;
    }

    public async Task<IReadOnlyList<T>> ListAsync<T>(CancellationToken cancellationToken = default)
        where T : class, IOpsDocument<T>
    {
        var items = await QueryAllAsync(new QueryRequest
        {
            TableName = names.OperationsTable,
            KeyConditionExpression = "pk = :pk",
            ExpressionAttributeValues = new() { [":pk"] = Attr.S(Partition<T>()) },
            ConsistentRead = true,
        }, cancellationToken);
        return [.. items.Select(i => OpsJson.Deserialize<T>(i.RequireString("body")))
            .OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id, StringComparer.Ordinal)];
    }

    public async Task AppendAuditAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        var month = Month(entry.At);
        // The months item lets a query find every partition without a scan; ADD to a set is idempotent.
        await dynamo.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = names.OperationsTable,
            Key = Key(AuditMonths, AuditMonths),
            UpdateExpression = "ADD months :month",
            ExpressionAttributeValues = new() { [":month"] = new AttributeValue { SS = [month] } },
        }, cancellationToken);
        try
        {
            await dynamo.PutItemAsync(new PutItemRequest
            {
                TableName = names.OperationsTable,
                Item = new()
                {
                    [DynamoDbSchema.PartitionKey] = Attr.S($"AUDIT#{month}"),
                    [DynamoDbSchema.SortKey] = Attr.S($"{Attr.Time(entry.At).S}#{entry.Id}"),
                    ["body"] = Attr.S(OpsJson.Serialize(entry)),
                },
                ConditionExpression = "attribute_not_exists(pk)",
            }, cancellationToken);
        }
        catch (ConditionalCheckFailedException)
        {
            throw new OpsDuplicateException($"An audit entry '{entry.Id}' already exists.");
        }
    }

    public async Task<IReadOnlyList<AuditEntry>> QueryAuditAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        var monthsItem = await dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = names.OperationsTable,
            Key = Key(AuditMonths, AuditMonths),
            ConsistentRead = true,
        }, cancellationToken);
        var months = monthsItem.IsItemSet && monthsItem.Item.TryGetValue("months", out var set) ? set.SS ?? [] : [];
        var entries = new List<AuditEntry>();
        foreach (var month in months.Order(StringComparer.Ordinal))
        {
            if ((query.From is { } from && string.CompareOrdinal(month, Month(from)) < 0) || (query.To is { } to && string.CompareOrdinal(month, Month(to)) > 0))
            {
                continue;
            }

            var items = await QueryAllAsync(new QueryRequest
            {
                TableName = names.OperationsTable,
                KeyConditionExpression = "pk = :pk",
                ExpressionAttributeValues = new() { [":pk"] = Attr.S($"AUDIT#{month}") },
                ConsistentRead = true,
            }, cancellationToken);
            entries.AddRange(items.Select(i => OpsJson.Deserialize<AuditEntry>(i.RequireString("body"))).Where(query.Matches));
        }

        return [.. entries.OrderBy(e => e.At).ThenBy(e => e.Id, StringComparer.Ordinal)];
    }

    private async Task<List<Dictionary<string, AttributeValue>>> QueryAllAsync(QueryRequest request, CancellationToken cancellationToken)
    {
        var items = new List<Dictionary<string, AttributeValue>>();
        do
        {
            var page = await dynamo.QueryAsync(request, cancellationToken);
            items.AddRange(page.Items ?? []);
            request.ExclusiveStartKey = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (request.ExclusiveStartKey is not null);

        return items;
    }

    private static string Month(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static string Partition<T>()
        where T : class, IOpsDocument<T> => $"OPS#{T.Kind}";

    private static Dictionary<string, AttributeValue> Key(string partition, string sort) => new()
    {
        [DynamoDbSchema.PartitionKey] = Attr.S(partition),
        [DynamoDbSchema.SortKey] = Attr.S(sort),
    };

    private static Dictionary<string, AttributeValue> Item<T>(T document)
        where T : class, IOpsDocument<T>
    {
        var item = Key(Partition<T>(), document.Id);
        item["revision"] = Attr.N(document.Revision);
        item["createdAt"] = Attr.Time(document.CreatedAt);
        item["body"] = Attr.S(OpsJson.Serialize(document));
        return item;
    }
}
