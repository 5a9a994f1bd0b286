using Amazon.S3.Model;
using SiteBuilder.Storage.Blobs;
using SiteBuilder.TestSupport.Emulators;

namespace SiteBuilder.Storage.Tests.Blobs;

public sealed class S3BlobStoreTests(S3rverBuckets buckets) : BlobStoreContract, IClassFixture<S3rverBuckets>
{
    protected override ValueTask<IBlobStore> CreateStoreAsync() => new(new S3BlobStore(buckets.Client, buckets.Names));

    [Fact]
    public async Task SystemBlobsLiveInTheAssetsBucketUnderTheSystemPrefix()
    {
        var key = $"{Tenant}/keys/signing.json";

        await Store.PutAsync(BlobContainer.System, key, "secret"u8.ToArray(), Cancellation);

        var metadata = await buckets.Client.GetObjectMetadataAsync(buckets.Names.AssetsBucket, $"_system/{key}", Cancellation);
        Assert.Equal(6, metadata.ContentLength);
    }

    [Fact]
    public async Task AssetListingSkipsSystemObjectsEvenWhenThePrefixReachesThem()
    {
        await Store.PutAsync(BlobContainer.System, $"{Tenant}/keys/signing.json", "secret"u8.ToArray(), Cancellation);

        Assert.Empty(await ListAsync(BlobContainer.Assets, "_"));
        Assert.Empty(await ListAsync(BlobContainer.Assets, "_sys"));
    }

    [Fact]
    public async Task ObjectsAreStoredWithTheirContentTypeAndBodyAsIs()
    {
        // Chunked signing would store the body with its chunk framing on S3-compatible stores that do not decode it.
        var key = $"{Tenant}/site-1/gen-1/index.html";

        await Store.PutAsync(BlobContainer.Sites, key, "<h1>Sale</h1>"u8.ToArray(), Cancellation);

        using var response = await buckets.Client.GetObjectAsync(new GetObjectRequest { BucketName = buckets.Names.SitesBucket, Key = key }, Cancellation);
        Assert.Equal("text/html", response.Headers.ContentType);
        using var reader = new StreamReader(response.ResponseStream);
        Assert.Equal("<h1>Sale</h1>", await reader.ReadToEndAsync(Cancellation));
    }

    [Fact]
    public async Task ListingFollowsContinuationTokensAcrossPages()
    {
        var store = new S3BlobStore(buckets.Client, buckets.Names, listPageSize: 2);
        var keys = Enumerable.Range(0, 7).Select(i => $"{Tenant}/uploads/{i:D2}.txt").ToList();
        foreach (var key in keys)
        {
            await store.PutAsync(BlobContainer.Assets, key, "x"u8.ToArray(), Cancellation);
        }

        var listed = new List<string>();
        await foreach (var blob in store.ListAsync(BlobContainer.Assets, $"{Tenant}/uploads/", Cancellation))
        {
            listed.Add(blob.Key);
        }

        Assert.Equal(keys, listed);
    }

    [Fact]
    public async Task EnsureBucketsIsIdempotent()
    {
        var store = new S3BlobStore(buckets.Client, buckets.Names);

        await store.EnsureBucketsAsync(Cancellation);
        await store.EnsureBucketsAsync(Cancellation);

        await store.CheckAsync(Cancellation);
    }

    [Fact]
    public async Task CheckFailsWhenABucketIsMissing()
    {
        var store = new S3BlobStore(buckets.Client, UniqueResourceNames.Create());

        await Assert.ThrowsAnyAsync<Amazon.S3.AmazonS3Exception>(() => store.CheckAsync(Cancellation));
    }
}
