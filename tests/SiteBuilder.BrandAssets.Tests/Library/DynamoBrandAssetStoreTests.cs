using Amazon.DynamoDBv2.Model;
using SiteBuilder.BrandAssets.Library;
using SiteBuilder.TestSupport.Emulators;

namespace SiteBuilder.BrandAssets.Tests.Library;

public sealed class DynamoBrandAssetStoreTests(DynaliteTables tables) : BrandAssetStoreContract, IClassFixture<DynaliteTables>
{
    protected override ValueTask<IBrandAssetStore> CreateStoreAsync() => new(new DynamoBrandAssetStore(tables.Client, tables.Names));

    [Fact]
    public async Task AssetsAreTenantItemsInTheGenerationTable()
    {
        var asset = NewAsset(NewTenant());

        await Store.AddAsync(asset, Cancellation);

        var item = await tables.Client.GetItemAsync(new GetItemRequest
        {
            TableName = tables.Names.GenerationTable,
            Key = new() { ["pk"] = new AttributeValue($"TENANT#{asset.Tenant}"), ["sk"] = new AttributeValue($"ASSET#{asset.Id}") },
        }, Cancellation);
        Assert.True(item.IsItemSet);
        Assert.Equal(asset.BlobKey, item.Item["blobKey"].S);
    }
}
