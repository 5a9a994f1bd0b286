using System.Runtime.CompilerServices;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace SiteBuilder.Storage.DynamoDb;

/// <summary>
/// The one DynamoDB paging loop: a query returns at most 1 MB a call, so every store follows
/// <c>LastEvaluatedKey</c> until the table has no more.
/// </summary>
public static class DynamoPaging
{
    /// <summary>
    /// The query's pages, one call each. A caller that stops early stops the calls; it may change
    /// <see cref="QueryRequest.Limit"/> between pages, and the next call uses it.
    /// </summary>
    public static async IAsyncEnumerable<List<Dictionary<string, AttributeValue>>> QueryPagesAsync(
        this IAmazonDynamoDB dynamo, QueryRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        do
        {
            var page = await dynamo.QueryAsync(request, cancellationToken);
            yield return page.Items ?? [];
            request.ExclusiveStartKey = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (request.ExclusiveStartKey is not null);
    }

    /// <summary>Every item the query matches, across all pages.</summary>
    public static async Task<List<Dictionary<string, AttributeValue>>> QueryAllAsync(
        this IAmazonDynamoDB dynamo, QueryRequest request, CancellationToken cancellationToken = default)
    {
        var items = new List<Dictionary<string, AttributeValue>>();
        await foreach (var page in dynamo.QueryPagesAsync(request, cancellationToken))
        {
            items.AddRange(page);
        }

        return items;
    }
}
