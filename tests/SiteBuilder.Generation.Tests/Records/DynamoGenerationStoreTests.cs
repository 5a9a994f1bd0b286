using System.Collections.Concurrent;
using System.Reflection;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using SiteBuilder.Generation.Records;
using SiteBuilder.TestSupport.Emulators;

namespace SiteBuilder.Generation.Tests.Records;

/// <summary>The contract on dynalite: one pair of tables for the class, one tenant per test.</summary>
public sealed class DynamoGenerationStoreTests(DynaliteTables tables) : GenerationStoreContract, IClassFixture<DynaliteTables>
{
    protected override ValueTask<IGenerationStore> CreateStoreAsync() =>
        new(new DynamoGenerationStore(tables.Client, tables.Names, TimeProvider.System));

    [Fact]
    public async Task SiteVersionsLeftUnprocessedByABatchReadAreReadAgain()
    {
        // DynamoDB may answer BatchGetItem with only some items and the rest in UnprocessedKeys (throttling, 16 MB);
        // dynalite never does, so this client does it on the first call.
        var client = PartialBatchDynamoDb.Wrap(tables.Client);
        var store = new DynamoGenerationStore(client, tables.Names, TimeProvider.System);
        var tenant = NewTenant();
        var versions = new List<GenerationRecord>();
        for (var version = 1; version <= 4; version++)
        {
            versions.Add(await store.CreateAsync(NewGeneration(tenant, Created.AddMinutes(version), "autumn-sale", version), Cancellation));
        }

        var listed = await store.ListSiteVersionsAsync(tenant, "autumn-sale", Cancellation);

        Assert.True(((PartialBatchDynamoDb)(object)client).WithheldKeys > 0);
        Assert.Equal(versions, listed);
    }

    [Fact]
    public async Task EveryReadIsStronglyConsistent()
    {
        // A client that resumes on another instance must see every event and state this instance wrote.
        var client = PartialBatchDynamoDb.Wrap(tables.Client, withhold: false);
        var store = new DynamoGenerationStore(client, tables.Names, TimeProvider.System);
        var generation = await store.CreateAsync(NewGeneration(NewTenant(), Created), Cancellation);
        await store.AppendEventsAsync(generation.Id, [new GenerationEvent(1, new ProgressEvent(0, "Starting generation...", "start"))], Cancellation);

        await store.GetAsync(generation.Tenant, generation.Id, Cancellation);
        await store.ListAsync(generation.Tenant, 5, null, Cancellation);
        await store.ListSiteVersionsAsync(generation.Tenant, generation.SiteId, Cancellation);
        await store.ReadEventsAsync(generation.Id, 0, 10, Cancellation);
        await store.GetSiteAsync(generation.Tenant, generation.SiteId, Cancellation);
        await store.ListSitesAsync(generation.Tenant, Cancellation);

        var reads = ((PartialBatchDynamoDb)(object)client).Reads;
        Assert.Equal(7, reads.Count);
        Assert.All(reads, read => Assert.True(read.Consistent, read.Operation));
    }

    /// <summary>Passes every call to dynalite; records how reads ask for consistency, and can withhold part of a BatchGetItem answer.</summary>
    public class PartialBatchDynamoDb : DispatchProxy
    {
        private IAmazonDynamoDB _inner = null!;
        private bool _withhold;
        private int _batches;

        public int WithheldKeys { get; private set; }

        public ConcurrentQueue<(string Operation, bool Consistent)> Reads { get; } = new();

        public static IAmazonDynamoDB Wrap(IAmazonDynamoDB inner, bool withhold = true)
        {
            var client = Create<IAmazonDynamoDB, PartialBatchDynamoDb>();
            var proxy = (PartialBatchDynamoDb)(object)client;
            proxy._inner = inner;
            proxy._withhold = withhold;
            return client;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            ArgumentNullException.ThrowIfNull(targetMethod);
            switch (args?.FirstOrDefault())
            {
                case GetItemRequest get:
                    Reads.Enqueue((targetMethod.Name, get.ConsistentRead == true));
                    break;
                case QueryRequest query:
                    Reads.Enqueue((targetMethod.Name, query.ConsistentRead == true || query.IndexName is not null));
                    break;
                case BatchGetItemRequest batch:
                    Reads.Enqueue((targetMethod.Name, batch.RequestItems.Values.All(k => k.ConsistentRead == true)));
                    if (_withhold && Interlocked.Increment(ref _batches) == 1)
                    {
                        return WithholdAsync(batch, (CancellationToken)args[1]!);
                    }

                    break;
            }

            try
            {
                return targetMethod.Invoke(_inner, args);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                throw e.InnerException;
            }
        }

        /// <summary>Asks dynalite for the first key only and hands the rest back as unprocessed.</summary>
        private async Task<BatchGetItemResponse> WithholdAsync(BatchGetItemRequest request, CancellationToken cancellationToken)
        {
            var (table, keys) = request.RequestItems.Single();
            var first = new BatchGetItemRequest { RequestItems = new() { [table] = new KeysAndAttributes { Keys = [keys.Keys[0]], ConsistentRead = keys.ConsistentRead } } };
            var response = await _inner.BatchGetItemAsync(first, cancellationToken);
            WithheldKeys = keys.Keys.Count - 1;
            response.UnprocessedKeys = new() { [table] = new KeysAndAttributes { Keys = keys.Keys[1..], ConsistentRead = keys.ConsistentRead } };
            return response;
        }
    }
}
