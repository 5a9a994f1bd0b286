using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using Amazon.S3.Model;
using SiteBuilder.Identity;
using SiteBuilder.Portal.Testing;
using SiteBuilder.Storage;
using SiteBuilder.TestSupport.Emulators;
using SiteBuilder.TestSupport.FakeBedrockImages;
using static SiteBuilder.Portal.Tests.ApiAssertions;

namespace SiteBuilder.Portal.Tests.Agents;

/// <summary>The whole app on DynamoDB (dynalite) and S3 (s3rver): records in the generation table, bytes in the assets bucket.</summary>
public sealed class AssetsOnAwsTests(DynaliteEmulator dynalite, S3rverEmulator s3rver) : IAsyncLifetime
{
    private readonly ResourceNames _names = UniqueResourceNames.Create();
    private PortalFactory _portal = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _portal = new PortalFactory().OnEmulators(dynalite, s3rver, _names);
        _ = _portal.Server;
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _portal.DisposeAsync();

    [Fact]
    public async Task LogosUploadsAndTheBrandKitLiveInDynamoDbAndS3()
    {
        var client = _portal.CreateApiClient(await _portal.CreateTokenAsync("acme", Roles.Marketer), "acme");

        var answer = await AgentCalls.CreateAsync(client, "logo", AgentCalls.LogoBody(4));
        await AgentCalls.AssertImagesAsync(client, answer, "logo", 4);
        var upload = await client.PostAsync("/v1/assets", AgentCalls.Form(TinyPng.Solid(64, 64, 9, 8, 7), "mark.png"), Ct);
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var logoId = answer.GetProperty("results")[0].GetProperty("id").GetString()!;
        (await client.PutAsJsonAsync("/v1/brand-kit", new { brandName = "Acme", primaryColor = "#0066CC", logoAssetId = logoId }, Ct)).EnsureSuccessStatusCode();

        var objects = await s3rver.Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _names.AssetsBucket, Prefix = "acme/" }, Ct);
        var keys = (objects.S3Objects ?? []).Select(o => o.Key).ToList();
        Assert.Equal(4, keys.Count(k => k.StartsWith("acme/logos/logo-", StringComparison.Ordinal) && k.EndsWith(".svg", StringComparison.Ordinal)));
        Assert.Single(keys, k => k.StartsWith("acme/uploads/upload-", StringComparison.Ordinal) && k.EndsWith(".png", StringComparison.Ordinal));
        Assert.False(Directory.Exists(Path.Combine(_portal.DataDirectory, "blobs", "assets")), "AWS mode must not write assets to the local data directory.");

        var items = await dynalite.Client.QueryAsync(new QueryRequest
        {
            TableName = _names.GenerationTable,
            KeyConditionExpression = "pk = :pk",
            ExpressionAttributeValues = new() { [":pk"] = new AttributeValue("TENANT#acme") },
        }, Ct);
        Assert.Equal(5, items.Items.Count(i => i["sk"].S.StartsWith("ASSET#", StringComparison.Ordinal)));
        Assert.Equal(logoId, Assert.Single(items.Items, i => i["sk"].S == "BRANDKIT")["logoAssetId"].S);

        var kit = await client.GetFromJsonAsync<JsonElement>("/v1/brand-kit", Ct);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(kit.GetProperty("logoUrl").GetString()!).PathAndQuery, Ct)).StatusCode);
    }

    [Fact]
    public async Task AnotherTenantGets404OnDynamoDbAndS3Too()
    {
        var acme = _portal.CreateApiClient(await _portal.CreateTokenAsync("acme", Roles.Marketer), "acme");
        var globex = _portal.CreateApiClient(await _portal.CreateTokenAsync("globex", Roles.Marketer), "globex");
        var url = new Uri((await AgentCalls.CreateAsync(acme, "background", new { prompt = "Hero", colors = new[] { "#0066CC" }, count = 1 }))
            .GetProperty("results")[0].GetProperty("url").GetString()!).PathAndQuery;

        await AssertProblemAsync(await globex.GetAsync(url, Ct), HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.Equal(HttpStatusCode.OK, (await acme.GetAsync(url, Ct)).StatusCode);
    }

    [Fact]
    public async Task DeletingRemovesTheObjectFromTheBucket()
    {
        var client = _portal.CreateApiClient(await _portal.CreateTokenAsync("initech", Roles.Marketer), "initech");
        var id = (await AgentCalls.CreateAsync(client, "logo", AgentCalls.LogoBody(1))).GetProperty("results")[0].GetProperty("id").GetString();

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/v1/assets/{id}", Ct)).StatusCode);

        var objects = await s3rver.Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _names.AssetsBucket, Prefix = "initech/" }, Ct);
        Assert.Empty(objects.S3Objects ?? []);
    }
}
