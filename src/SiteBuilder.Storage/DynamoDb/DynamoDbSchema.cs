using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace SiteBuilder.Storage.DynamoDb;

/// <summary>
/// The two tables of DESIGN §6. Both use generic keys (<c>pk</c>, <c>sk</c>), one GSI (<c>gsi1pk</c>/<c>gsi1sk</c>)
/// and TTL on <c>expiresAt</c>; every area keeps its items in them with its own key prefixes.
/// </summary>
public static class DynamoDbSchema
{
    public const string PartitionKey = "pk";
    public const string SortKey = "sk";
    public const string Gsi1 = "gsi1";
    public const string Gsi1PartitionKey = "gsi1pk";
    public const string Gsi1SortKey = "gsi1sk";
    public const string ExpiresAt = "expiresAt";

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Creates the tables when missing and waits until they are active. In AWS, Terraform owns them.</summary>
    public static async Task EnsureTablesAsync(IAmazonDynamoDB dynamo, ResourceNames names, CancellationToken cancellationToken = default)
    {
        foreach (var table in new[] { names.GenerationTable, names.OperationsTable })
        {
            await EnsureTableAsync(dynamo, table, cancellationToken);
        }
    }

    /// <summary>Both tables exist and answer (readiness check).</summary>
    public static async Task CheckAsync(IAmazonDynamoDB dynamo, ResourceNames names, CancellationToken cancellationToken = default)
    {
        await dynamo.DescribeTableAsync(names.GenerationTable, cancellationToken);
        await dynamo.DescribeTableAsync(names.OperationsTable, cancellationToken);
    }

    private static async Task EnsureTableAsync(IAmazonDynamoDB dynamo, string table, CancellationToken cancellationToken)
    {
        try
        {
            await dynamo.CreateTableAsync(new CreateTableRequest
            {
                TableName = table,
                BillingMode = BillingMode.PAY_PER_REQUEST,
                AttributeDefinitions =
                [
                    new(PartitionKey, ScalarAttributeType.S),
                    new(SortKey, ScalarAttributeType.S),
                    new(Gsi1PartitionKey, ScalarAttributeType.S),
                    new(Gsi1SortKey, ScalarAttributeType.S),
                ],
                KeySchema = [new(PartitionKey, KeyType.HASH), new(SortKey, KeyType.RANGE)],
                GlobalSecondaryIndexes =
                [
                    new GlobalSecondaryIndex
                    {
                        IndexName = Gsi1,
                        KeySchema = [new(Gsi1PartitionKey, KeyType.HASH), new(Gsi1SortKey, KeyType.RANGE)],
                        Projection = new Projection { ProjectionType = ProjectionType.ALL },
                    },
                ],
                SSESpecification = new SSESpecification { Enabled = true },
            }, cancellationToken);
        }
        catch (ResourceInUseException)
        {
            // The table exists already.
        }

        await WaitUntilActiveAsync(dynamo, table, cancellationToken);

        try
        {
            await dynamo.UpdateTimeToLiveAsync(new UpdateTimeToLiveRequest
            {
                TableName = table,
                TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = ExpiresAt, Enabled = true },
            }, cancellationToken);
        }
        catch (AmazonDynamoDBException e) when (e.ErrorCode is "UnknownOperationException" or "ValidationException")
        {
            // dynalite has no TTL; AWS answers ValidationException when TTL is already on. Either way items carry expiresAt.
        }
    }

    private static async Task WaitUntilActiveAsync(IAmazonDynamoDB dynamo, string table, CancellationToken cancellationToken)
    {
        const int attempts = 120;
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            try
            {
                var description = await dynamo.DescribeTableAsync(table, cancellationToken);
                if (description.Table.TableStatus == TableStatus.ACTIVE)
                {
                    return;
                }
            }
            catch (ResourceNotFoundException)
            {
                // DescribeTable is eventually consistent: right after CreateTable, AWS may not know the table yet.
            }

            await Task.Delay(PollInterval, cancellationToken);
        }

        throw new TimeoutException($"DynamoDB table '{table}' did not become ACTIVE within {(PollInterval * attempts).TotalSeconds} s.");
    }
}
