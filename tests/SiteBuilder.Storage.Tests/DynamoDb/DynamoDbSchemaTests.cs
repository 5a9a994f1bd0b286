using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using SiteBuilder.Storage.DynamoDb;
using SiteBuilder.TestSupport.Emulators;

namespace SiteBuilder.Storage.Tests.DynamoDb;

public sealed class DynamoDbSchemaTests(DynaliteEmulator dynalite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EnsureTablesCreatesBothTablesWithKeysAndTheStatusIndex()
    {
        var names = UniqueResourceNames.Create();

        await DynamoDbSchema.EnsureTablesAsync(dynalite.Client, names, Cancellation);

        foreach (var table in new[] { names.GenerationTable, names.OperationsTable })
        {
            var description = (await dynalite.Client.DescribeTableAsync(table, Cancellation)).Table;
            Assert.Equal(TableStatus.ACTIVE, description.TableStatus);
            Assert.Equal([("pk", KeyType.HASH), ("sk", KeyType.RANGE)], description.KeySchema.Select(k => (k.AttributeName, k.KeyType)));
            var index = Assert.Single(description.GlobalSecondaryIndexes);
            Assert.Equal("gsi1", index.IndexName);
            Assert.Equal([("gsi1pk", KeyType.HASH), ("gsi1sk", KeyType.RANGE)], index.KeySchema.Select(k => (k.AttributeName, k.KeyType)));
            Assert.Equal(ProjectionType.ALL, index.Projection.ProjectionType);
            Assert.All(description.AttributeDefinitions, a => Assert.Equal(ScalarAttributeType.S, a.AttributeType));
        }
    }

    [Fact]
    public async Task EnsureTablesIsIdempotentAndKeepsTheItems()
    {
        var names = UniqueResourceNames.Create();
        await DynamoDbSchema.EnsureTablesAsync(dynalite.Client, names, Cancellation);
        await dynalite.Client.PutItemAsync(names.OperationsTable, new() { ["pk"] = Attr.S("KEEP"), ["sk"] = Attr.S("ME") }, Cancellation);

        await DynamoDbSchema.EnsureTablesAsync(dynalite.Client, names, Cancellation);

        var item = await dynalite.Client.GetItemAsync(names.OperationsTable, new() { ["pk"] = Attr.S("KEEP"), ["sk"] = Attr.S("ME") }, Cancellation);
        Assert.True(item.IsItemSet);
    }

    [Fact]
    public async Task TheStatusIndexFindsItemsByStatus()
    {
        var names = await dynalite.CreateTablesAsync(cancellationToken: Cancellation);
        await dynalite.Client.PutItemAsync(names.GenerationTable, new()
        {
            ["pk"] = Attr.S("TENANT#acme"),
            ["sk"] = Attr.S("GEN#gen-1"),
            ["gsi1pk"] = Attr.S("STATUS#generating"),
            ["gsi1sk"] = Attr.S("2026-11-25T10:00:00.0000000Z"),
        }, Cancellation);

        var found = await dynalite.Client.QueryAsync(new QueryRequest
        {
            TableName = names.GenerationTable,
            IndexName = DynamoDbSchema.Gsi1,
            KeyConditionExpression = "gsi1pk = :status",
            ExpressionAttributeValues = new() { [":status"] = Attr.S("STATUS#generating") },
        }, Cancellation);

        Assert.Equal("GEN#gen-1", Assert.Single(found.Items)["sk"].S);
    }

    [Fact]
    public async Task EnsureTablesWaitsThroughTheNotFoundThatFollowsCreateTableInAws()
    {
        var answers = new Queue<Func<DescribeTableResponse>>(
        [
            () => throw new ResourceNotFoundException("Requested resource not found"),
            () => new DescribeTableResponse { Table = new TableDescription { TableStatus = TableStatus.CREATING } },
            () => new DescribeTableResponse { Table = new TableDescription { TableStatus = TableStatus.ACTIVE } },
            () => new DescribeTableResponse { Table = new TableDescription { TableStatus = TableStatus.ACTIVE } },
        ]);
        var (client, script) = ScriptedDynamoDb.Create();
        script.On("CreateTableAsync", () => new CreateTableResponse())
            .On("DescribeTableAsync", () => answers.Dequeue()())
            .On("UpdateTimeToLiveAsync", () => new UpdateTimeToLiveResponse());

        await DynamoDbSchema.EnsureTablesAsync(client, UniqueResourceNames.Create(), Cancellation);

        Assert.Empty(answers);
        Assert.Equal(2, script.Calls.Count(c => c == "UpdateTimeToLiveAsync"));
    }

    [Fact]
    public async Task CheckPassesForExistingTablesAndFailsForMissingOnes()
    {
        var names = await dynalite.CreateTablesAsync(cancellationToken: Cancellation);

        await DynamoDbSchema.CheckAsync(dynalite.Client, names, Cancellation);
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => DynamoDbSchema.CheckAsync(dynalite.Client, UniqueResourceNames.Create(), Cancellation));
    }
}
