using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using SiteBuilder.Storage.DynamoDb;

namespace SiteBuilder.Storage.RateLimits;

/// <summary>Counters as <c>RATE#{key}</c> / <c>{window start}</c> items in the generation table, incremented with an atomic ADD.</summary>
public sealed class DynamoRateCounterStore(IAmazonDynamoDB dynamo, ResourceNames names) : IRateCounterStore
{
    public async Task<long> IncrementAsync(string key, DateTimeOffset windowStart, TimeSpan window, CancellationToken cancellationToken = default)
    {
        var response = await dynamo.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = names.GenerationTable,
            Key = new()
            {
                [DynamoDbSchema.PartitionKey] = Attr.S($"RATE#{key}"),
                [DynamoDbSchema.SortKey] = Attr.Time(windowStart),
            },
            UpdateExpression = "ADD #count :one SET #expires = if_not_exists(#expires, :expires)",
            ExpressionAttributeNames = new() { ["#count"] = "count", ["#expires"] = DynamoDbSchema.ExpiresAt },
            ExpressionAttributeValues = new()
            {
                [":one"] = Attr.N(1),
                [":expires"] = Attr.N((windowStart + window + window).ToUnixTimeSeconds()),
            },
            ReturnValues = ReturnValue.UPDATED_NEW,
        }, cancellationToken);
        return response.Attributes.GetLong("count");
    }
}
