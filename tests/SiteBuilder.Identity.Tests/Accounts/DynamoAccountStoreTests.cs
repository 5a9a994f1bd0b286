using Amazon.DynamoDBv2.Model;
using SiteBuilder.Identity.Accounts;
using SiteBuilder.TestSupport.Emulators;

namespace SiteBuilder.Identity.Tests.Accounts;

public sealed class DynamoAccountStoreTests(DynaliteTables tables) : AccountStoreContract, IClassFixture<DynaliteTables>
{
    protected override ValueTask<IAccountStore> CreateStoreAsync() => new(new DynamoAccountStore(tables.Client, tables.Names));

    [Fact]
    public async Task EveryReadIsStronglyConsistent()
    {
        // dynalite is always consistent; AWS is not unless asked, and a preference or a lockout written by one instance
        // must be what the next request sees on another.
        var reads = new List<GetItemRequest>();
        var (client, script) = ScriptedDynamoDb.Create();
        script.On<GetItemRequest, GetItemResponse>("GetItemAsync", request =>
        {
            reads.Add(request);
            return new GetItemResponse();
        });
        var store = new DynamoAccountStore(client, UniqueResourceNames.Create());

        await store.FindAsync("dana", Cancellation);
        await store.GetPreferencesAsync("entra|dana", Cancellation);

        Assert.Equal(2, reads.Count);
        Assert.All(reads, read => Assert.True(read.ConsistentRead));
    }
}
