using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using SiteBuilder.Storage;
using SiteBuilder.Storage.DynamoDb;

namespace SiteBuilder.BrandAssets.Library;

/// <summary>
/// Assets as <c>TENANT#{tenant}</c> / <c>ASSET#{id}</c> items and the brand kit as <c>TENANT#{tenant}</c> / <c>BRANDKIT</c>
/// in the generation table, beside the tenant's generations and sites (DESIGN §6).
/// </summary>
public sealed class DynamoBrandAssetStore(IAmazonDynamoDB dynamo, ResourceNames names) : IBrandAssetStore
{
    private const string AssetPrefix = "ASSET#";
    private const string BrandKitKey = "BRANDKIT";

    public async Task AddAsync(BrandAsset asset, CancellationToken cancellationToken = default)
    {
        var item = Key(asset.Tenant, AssetPrefix + asset.Id);
        item["id"] = Attr.S(asset.Id);
        item["tenant"] = Attr.S(asset.Tenant);
        item["kind"] = Attr.S(BrandAsset.Name(asset.Kind));
        item["contentType"] = Attr.S(asset.ContentType);
        item["size"] = Attr.N(asset.Size);
        item["createdAt"] = Attr.Time(asset.CreatedAt);
        item["createdBy"] = Attr.S(asset.CreatedBy);
        item["source"] = Attr.S(asset.Source);
        item["description"] = Attr.S(asset.Description);
        item["blobKey"] = Attr.S(asset.BlobKey);
        if (asset.Width is { } width)
        {
            item["width"] = Attr.N(width);
        }

        if (asset.Height is { } height)
        {
            item["height"] = Attr.N(height);
        }

        try
        {
            await dynamo.PutItemAsync(new PutItemRequest
            {
                TableName = names.GenerationTable,
                Item = item,
                ConditionExpression = "attribute_not_exists(pk)",
            }, cancellationToken);
        }
        catch (ConditionalCheckFailedException e)
        {
            throw new InvalidOperationException($"An asset with the id '{asset.Id}' exists already.", e);
        }
    }

    public async Task<BrandAsset?> GetAsync(string tenant, string id, CancellationToken cancellationToken = default)
    {
        var response = await dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = names.GenerationTable,
            Key = Key(tenant, AssetPrefix + id),
            ConsistentRead = true,
        }, cancellationToken);
        return response.IsItemSet ? Read(response.Item) : null;
    }

    public async Task<IReadOnlyList<BrandAsset>> ListAsync(string tenant, BrandAssetKind? kind = null, CancellationToken cancellationToken = default)
    {
        var request = new QueryRequest
        {
            TableName = names.GenerationTable,
            KeyConditionExpression = "pk = :pk AND begins_with(sk, :prefix)",
            ExpressionAttributeValues = new() { [":pk"] = Attr.S(Partition(tenant)), [":prefix"] = Attr.S(AssetPrefix) },
            ConsistentRead = true,
        };
        if (kind is { } k)
        {
            request.FilterExpression = "#kind = :kind";
            request.ExpressionAttributeNames = new() { ["#kind"] = "kind" };
            request.ExpressionAttributeValues[":kind"] = Attr.S(BrandAsset.Name(k));
        }

        var items = await dynamo.QueryAllAsync(request, cancellationToken);

        // Ids are random, so the sort key carries no time order: sort here, as SQLite's ORDER BY does.
        return [.. items.Select(Read).OrderByDescending(a => a.CreatedAt).ThenBy(a => a.Id, StringComparer.Ordinal)];
    }

    public async Task<BrandAsset?> DeleteAsync(string tenant, string id, CancellationToken cancellationToken = default)
    {
        var response = await dynamo.DeleteItemAsync(new DeleteItemRequest
        {
            TableName = names.GenerationTable,
            Key = Key(tenant, AssetPrefix + id),
            ReturnValues = ReturnValue.ALL_OLD,
        }, cancellationToken);
        return response.Attributes is { Count: > 0 } old ? Read(old) : null;
    }

    public async Task<TenantBrandKit> GetBrandKitAsync(string tenant, CancellationToken cancellationToken = default)
    {
        var response = await dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = names.GenerationTable,
            Key = Key(tenant, BrandKitKey),
            ConsistentRead = true,
        }, cancellationToken);
        if (!response.IsItemSet)
        {
            return TenantBrandKit.Empty;
        }

        var item = response.Item;
        return new TenantBrandKit(item.GetString("brandName"), item.GetString("primaryColor"), item.GetString("secondaryColor"),
            item.GetString("logoAssetId"), item.GetTime("updatedAt"), item.GetString("updatedBy"));
    }

    public async Task SaveBrandKitAsync(string tenant, TenantBrandKit kit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kit);
        var item = Key(tenant, BrandKitKey);
        Put(item, "brandName", kit.BrandName);
        Put(item, "primaryColor", kit.PrimaryColor);
        Put(item, "secondaryColor", kit.SecondaryColor);
        Put(item, "logoAssetId", kit.LogoAssetId);
        Put(item, "updatedBy", kit.UpdatedBy);
        if (kit.UpdatedAt is { } at)
        {
            item["updatedAt"] = Attr.Time(at);
        }

        await dynamo.PutItemAsync(new PutItemRequest { TableName = names.GenerationTable, Item = item }, cancellationToken);
    }

    private static void Put(Dictionary<string, AttributeValue> item, string name, string? value)
    {
        if (value is not null)
        {
            item[name] = Attr.S(value);
        }
    }

    private static string Partition(string tenant) => $"TENANT#{tenant}";

    private static Dictionary<string, AttributeValue> Key(string tenant, string sortKey) => new()
    {
        [DynamoDbSchema.PartitionKey] = Attr.S(Partition(tenant)),
        [DynamoDbSchema.SortKey] = Attr.S(sortKey),
    };

    private static BrandAsset Read(Dictionary<string, AttributeValue> item)
    {
        var kind = item.RequireString("kind");
        return new BrandAsset(
            Id: item.RequireString("id"),
            Tenant: item.RequireString("tenant"),
            Kind: BrandAsset.TryParseKind(kind, out var k) ? k : throw new InvalidDataException($"Unknown asset kind '{kind}'."),
            ContentType: item.RequireString("contentType"),
            Size: item.GetLong("size"),
            Width: item.ContainsKey("width") ? (int)item.GetLong("width") : null,
            Height: item.ContainsKey("height") ? (int)item.GetLong("height") : null,
            CreatedAt: item.GetTime("createdAt") ?? throw new InvalidDataException("DynamoDB item lacks 'createdAt'."),
            CreatedBy: item.RequireString("createdBy"),
            Source: item.RequireString("source"),
            Description: item.RequireString("description"),
            BlobKey: item.RequireString("blobKey"));
    }
}
