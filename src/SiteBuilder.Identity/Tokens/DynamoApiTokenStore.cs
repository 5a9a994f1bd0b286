using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using SiteBuilder.Storage;
using SiteBuilder.Storage.DynamoDb;

namespace SiteBuilder.Identity.Tokens;

/// <summary>
/// Token records as <c>APITOKEN#{user}</c> / <c>TOKEN#{id}</c> items in the operations table: validation reads one item by key
/// (the token names its user and id), a user's list is one query. Records leave by TTL 30 days after the token expires.
/// </summary>
public sealed class DynamoApiTokenStore(IAmazonDynamoDB dynamo, ResourceNames names) : IApiTokenStore
{
    /// <summary>How long an expired token stays listed before DynamoDB's TTL removes its record.</summary>
    public static readonly TimeSpan KeptAfterExpiry = TimeSpan.FromDays(30);

    public async Task AddAsync(ApiToken token, CancellationToken cancellationToken = default)
    {
        try
        {
            await dynamo.PutItemAsync(new PutItemRequest
            {
                TableName = names.OperationsTable,
                Item = Item(token),
                ConditionExpression = "attribute_not_exists(pk)",
            }, cancellationToken);
        }
        catch (ConditionalCheckFailedException)
        {
            throw new InvalidOperationException($"A token with the id '{token.Id}' is already recorded.");
        }
    }

    public async Task<ApiToken?> FindAsync(string userName, string id, CancellationToken cancellationToken = default)
    {
        var response = await dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = names.OperationsTable,
            Key = Key(userName, id),
            ConsistentRead = true,
        }, cancellationToken);
        return response.IsItemSet ? Read(response.Item) : null;
    }

    public async Task<IReadOnlyList<ApiToken>> ListAsync(string userName, CancellationToken cancellationToken = default)
    {
        var items = await dynamo.QueryAllAsync(new QueryRequest
        {
            TableName = names.OperationsTable,
            KeyConditionExpression = "pk = :pk AND begins_with(sk, :prefix)",
            ExpressionAttributeValues = new() { [":pk"] = Attr.S(Partition(userName)), [":prefix"] = Attr.S("TOKEN#") },
            ConsistentRead = true,
        }, cancellationToken);
        return [.. items.Select(Read).OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id, StringComparer.Ordinal)];
    }

    public async Task<ApiToken?> RevokeAsync(string userName, string id, string revokedBy, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        try
        {
            var response = await dynamo.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = names.OperationsTable,
                Key = Key(userName, id),
                UpdateExpression = "SET revokedAt = :at, revokedBy = :by",
                ConditionExpression = "attribute_exists(pk) AND attribute_not_exists(revokedAt)",
                ExpressionAttributeValues = new() { [":at"] = Attr.Time(at), [":by"] = Attr.S(revokedBy) },
                ReturnValues = ReturnValue.ALL_NEW,
            }, cancellationToken);
            return Read(response.Attributes);
        }
        catch (ConditionalCheckFailedException)
        {
            // Missing, or revoked before: the first revocation stands.
            return await FindAsync(userName, id, cancellationToken);
        }
    }

    public async Task TouchAsync(string userName, string id, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        try
        {
            await dynamo.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = names.OperationsTable,
                Key = Key(userName, id),
                UpdateExpression = "SET lastUsedAt = :at",
                // Times are sortable ISO text, so "<" compares them in time order.
                ConditionExpression = "attribute_exists(pk) AND (attribute_not_exists(lastUsedAt) OR lastUsedAt < :at)",
                ExpressionAttributeValues = new() { [":at"] = Attr.Time(at) },
            }, cancellationToken);
        }
        catch (ConditionalCheckFailedException)
        {
            // Gone, or another instance recorded a later use already.
        }
    }

    private static string Partition(string userName) => $"APITOKEN#{SqliteApiTokenStore.Normalize(userName)}";

    private static Dictionary<string, AttributeValue> Key(string userName, string id) => new()
    {
        [DynamoDbSchema.PartitionKey] = Attr.S(Partition(userName)),
        [DynamoDbSchema.SortKey] = Attr.S($"TOKEN#{id}"),
    };

    private static Dictionary<string, AttributeValue> Item(ApiToken token)
    {
        var item = Key(token.UserName, token.Id);
        item["id"] = Attr.S(token.Id);
        item["userName"] = Attr.S(SqliteApiTokenStore.Normalize(token.UserName));
        item["name"] = Attr.S(token.Name);
        item["createdAt"] = Attr.Time(token.CreatedAt);
        // The table's TTL attribute (expiresAt) is epoch seconds and means "remove the record"; the token's own expiry is tokenExpiresAt.
        item["tokenExpiresAt"] = Attr.Time(token.ExpiresAt);
        item[DynamoDbSchema.ExpiresAt] = Attr.N((token.ExpiresAt + KeptAfterExpiry).ToUnixTimeSeconds());
        if (token.Tenant is not null)
        {
            item["tenant"] = Attr.S(token.Tenant);
        }

        if (token.LastUsedAt is { } used)
        {
            item["lastUsedAt"] = Attr.Time(used);
        }

        if (token.RevokedAt is { } revoked)
        {
            item["revokedAt"] = Attr.Time(revoked);
            item["revokedBy"] = Attr.S(token.RevokedBy ?? "");
        }

        return item;
    }

    private static ApiToken Read(Dictionary<string, AttributeValue> item) => new()
    {
        Id = item.RequireString("id"),
        UserName = item.RequireString("userName"),
        Tenant = item.GetString("tenant"),
        Name = item.RequireString("name"),
        CreatedAt = item.GetTime("createdAt")!.Value,
        ExpiresAt = item.GetTime("tokenExpiresAt")!.Value,
        LastUsedAt = item.GetTime("lastUsedAt"),
        RevokedAt = item.GetTime("revokedAt"),
        RevokedBy = item.GetString("revokedBy"),
    };
}
