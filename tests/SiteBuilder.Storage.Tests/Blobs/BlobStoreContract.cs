using System.Security.Cryptography;
using System.Text;
using SiteBuilder.Storage.Blobs;

namespace SiteBuilder.Storage.Tests.Blobs;

/// <summary>What every <see cref="IBlobStore"/> must do. Derived classes supply the implementation.</summary>
public abstract class BlobStoreContract : IAsyncLifetime
{
    private IBlobStore? _store;

    protected IBlobStore Store => _store ?? throw new InvalidOperationException("The store is created in InitializeAsync.");

    /// <summary>A tenant-like first key segment no other test uses, since a test class may share its buckets.</summary>
    protected string Tenant { get; } = "tenant-" + RandomNumberGenerator.GetHexString(8, lowercase: true);

    protected static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    protected abstract ValueTask<IBlobStore> CreateStoreAsync();

    public async ValueTask InitializeAsync() => _store = await CreateStoreAsync();

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task BinaryContentRoundTripsByteForByte()
    {
        var content = Enumerable.Range(0, 512).Select(i => (byte)(i % 256)).ToArray();
        var key = $"{Tenant}/uploads/all-bytes.bin";

        await Store.PutAsync(BlobContainer.Assets, key, content, Cancellation);

        var blob = await Store.GetAsync(BlobContainer.Assets, key, Cancellation);
        Assert.NotNull(blob);
        Assert.Equal(content, blob.Content);
    }

    [Fact]
    public async Task EmptyContentRoundTripsAsEmpty()
    {
        var key = $"{Tenant}/uploads/empty.txt";

        await Store.PutAsync(BlobContainer.Assets, key, ReadOnlyMemory<byte>.Empty, Cancellation);

        var blob = await Store.GetAsync(BlobContainer.Assets, key, Cancellation);
        Assert.NotNull(blob);
        Assert.Empty(blob.Content);
    }

    [Fact]
    public async Task LargeContentRoundTrips()
    {
        var content = RandomNumberGenerator.GetBytes(1_500_000);
        var key = $"{Tenant}/backgrounds/large.png";

        await Store.PutAsync(BlobContainer.Assets, key, content, Cancellation);

        var blob = await Store.GetAsync(BlobContainer.Assets, key, Cancellation);
        Assert.NotNull(blob);
        Assert.Equal(content.Length, blob.Content.Length);
        Assert.Equal(SHA256.HashData(content), SHA256.HashData(blob.Content));
    }

    [Theory]
    [InlineData("index.html", "text/html")]
    [InlineData("report.json", "application/json")]
    [InlineData("logo.png", "image/png")]
    [InlineData("logo.svg", "image/svg+xml")]
    [InlineData("photo.jpeg", "image/jpeg")]
    [InlineData("no-extension", "application/octet-stream")]
    [InlineData("unknown.zzz", "application/octet-stream")]
    public async Task ContentTypeFollowsTheKeysExtension(string name, string expected)
    {
        var key = $"{Tenant}/site-1/gen-1/{name}";

        await Store.PutAsync(BlobContainer.Sites, key, "x"u8.ToArray(), Cancellation);

        var blob = await Store.GetAsync(BlobContainer.Sites, key, Cancellation);
        Assert.NotNull(blob);
        Assert.Equal(expected, blob.ContentType);
    }

    [Fact]
    public async Task PutOverwritesAnExistingBlob()
    {
        var key = $"{Tenant}/site-1/gen-1/index.html";
        await Store.PutAsync(BlobContainer.Sites, key, "<p>first, and longer</p>"u8.ToArray(), Cancellation);

        await Store.PutAsync(BlobContainer.Sites, key, "<p>second</p>"u8.ToArray(), Cancellation);

        var blob = await Store.GetAsync(BlobContainer.Sites, key, Cancellation);
        Assert.NotNull(blob);
        Assert.Equal("<p>second</p>", Encoding.UTF8.GetString(blob.Content));
        var listed = Assert.Single(await ListAsync(BlobContainer.Sites, $"{Tenant}/site-1/"));
        Assert.Equal("<p>second</p>"u8.Length, listed.Size);
    }

    [Fact]
    public async Task GettingAMissingBlobReturnsNull()
    {
        Assert.Null(await Store.GetAsync(BlobContainer.Assets, $"{Tenant}/logos/missing.png", Cancellation));
        Assert.Null(await Store.GetAsync(BlobContainer.Sites, $"{Tenant}/no-such-site/no-such-generation/index.html", Cancellation));
    }

    [Fact]
    public async Task LastModifiedIsTheTimeOfTheWrite()
    {
        var before = DateTimeOffset.UtcNow.AddMinutes(-1);
        var key = $"{Tenant}/uploads/timed.txt";

        await Store.PutAsync(BlobContainer.Assets, key, "t"u8.ToArray(), Cancellation);

        var blob = await Store.GetAsync(BlobContainer.Assets, key, Cancellation);
        Assert.NotNull(blob);
        Assert.InRange(blob.LastModified, before, DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task DeleteRemovesTheBlobAndReportsWhetherThereWasOne()
    {
        var key = $"{Tenant}/logos/old.png";
        await Store.PutAsync(BlobContainer.Assets, key, "png"u8.ToArray(), Cancellation);

        Assert.True(await Store.DeleteAsync(BlobContainer.Assets, key, Cancellation));
        Assert.Null(await Store.GetAsync(BlobContainer.Assets, key, Cancellation));
        Assert.False(await Store.DeleteAsync(BlobContainer.Assets, key, Cancellation));
        Assert.Empty(await ListAsync(BlobContainer.Assets, $"{Tenant}/logos/"));
    }

    [Fact]
    public async Task ListReturnsKeysUnderThePrefixInOrdinalKeyOrderWithSizes()
    {
        var blobs = new Dictionary<string, int>
        {
            [$"{Tenant}/logos/b.png"] = 3,
            [$"{Tenant}/logos/c/deep.png"] = 5,
            [$"{Tenant}/logos/a.png"] = 1,
            [$"{Tenant}/logos/a-b.png"] = 2,
            [$"{Tenant}/logos/A.png"] = 4,
        };
        foreach (var (key, size) in blobs)
        {
            await Store.PutAsync(BlobContainer.Assets, key, new byte[size], Cancellation);
        }

        await Store.PutAsync(BlobContainer.Assets, $"{Tenant}/backgrounds/a.png", new byte[7], Cancellation);
        await Store.PutAsync(BlobContainer.Sites, $"{Tenant}/logos/a.png", new byte[9], Cancellation);

        var listed = await ListAsync(BlobContainer.Assets, $"{Tenant}/logos/");

        Assert.Equal(
            [$"{Tenant}/logos/A.png", $"{Tenant}/logos/a-b.png", $"{Tenant}/logos/a.png", $"{Tenant}/logos/b.png", $"{Tenant}/logos/c/deep.png"],
            listed.Select(b => b.Key));
        Assert.All(listed, b => Assert.Equal(blobs[b.Key], b.Size));
    }

    [Fact]
    public async Task ListMatchesPrefixesThatEndInsideASegment()
    {
        await Store.PutAsync(BlobContainer.Assets, $"{Tenant}/logos/one.png", new byte[1], Cancellation);
        await Store.PutAsync(BlobContainer.Assets, $"{Tenant}/logotypes/two.png", new byte[2], Cancellation);
        await Store.PutAsync(BlobContainer.Assets, $"{Tenant}/backgrounds/three.png", new byte[3], Cancellation);

        var listed = await ListAsync(BlobContainer.Assets, $"{Tenant}/logo");

        Assert.Equal([$"{Tenant}/logos/one.png", $"{Tenant}/logotypes/two.png"], listed.Select(b => b.Key));
    }

    [Fact]
    public async Task ListOfAnUnusedPrefixIsEmpty() =>
        Assert.Empty(await ListAsync(BlobContainer.Sites, $"{Tenant}/nothing-here/"));

    [Fact]
    public async Task KeysEndingInTmpAreOrdinaryKeys()
    {
        var key = $"{Tenant}/uploads/draft.tmp";

        await Store.PutAsync(BlobContainer.Assets, key, "draft"u8.ToArray(), Cancellation);

        Assert.Equal([key], (await ListAsync(BlobContainer.Assets, $"{Tenant}/uploads/")).Select(b => b.Key));
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("a/../../x")]
    [InlineData("/abs")]
    [InlineData("a//b")]
    [InlineData("a/")]
    [InlineData("./a")]
    [InlineData("with space.png")]
    [InlineData("back\\slash.png")]
    [InlineData("ümlaut.png")]
    [InlineData("query?.png")]
    [InlineData("")]
    public async Task InvalidKeysAreRejectedByEveryOperation(string key)
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.PutAsync(BlobContainer.Assets, key, "x"u8.ToArray(), Cancellation));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.GetAsync(BlobContainer.Assets, key, Cancellation));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.DeleteAsync(BlobContainer.System, key, Cancellation));
    }

    [Fact]
    public async Task AKeyLongerThan512CharactersIsRejected()
    {
        var key = $"{Tenant}/" + new string('a', 512);

        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.PutAsync(BlobContainer.Assets, key, "x"u8.ToArray(), Cancellation));
    }

    [Theory]
    [InlineData("../")]
    [InlineData("/abs")]
    [InlineData("a b")]
    public async Task InvalidPrefixesAreRejected(string prefix) =>
        await Assert.ThrowsAnyAsync<ArgumentException>(() => ListAsync(BlobContainer.Assets, prefix));

    [Fact]
    public async Task AssetKeysUnderTheReservedSystemPrefixAreRejected()
    {
        // The S3 store keeps System blobs in the assets bucket under _system/; an asset key there would reach them.
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.PutAsync(BlobContainer.Assets, "_system/signing-keys.json", "x"u8.ToArray(), Cancellation));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.GetAsync(BlobContainer.Assets, "_system/signing-keys.json", Cancellation));
    }

    [Fact]
    public async Task SystemBlobsAreIsolatedFromAssets()
    {
        var key = $"{Tenant}/keys/signing.json";
        await Store.PutAsync(BlobContainer.System, key, "secret"u8.ToArray(), Cancellation);
        await Store.PutAsync(BlobContainer.Assets, key, "public"u8.ToArray(), Cancellation);

        Assert.Equal("secret", Encoding.UTF8.GetString((await Store.GetAsync(BlobContainer.System, key, Cancellation))!.Content));
        Assert.Equal("public", Encoding.UTF8.GetString((await Store.GetAsync(BlobContainer.Assets, key, Cancellation))!.Content));

        Assert.True(await Store.DeleteAsync(BlobContainer.Assets, key, Cancellation));
        Assert.Equal("secret", Encoding.UTF8.GetString((await Store.GetAsync(BlobContainer.System, key, Cancellation))!.Content));
        Assert.Null(await Store.GetAsync(BlobContainer.Sites, key, Cancellation));
    }

    [Fact]
    public async Task SystemBlobsListUnderTheirOwnKeysAndNeverAmongAssets()
    {
        await Store.PutAsync(BlobContainer.System, $"{Tenant}/keys/a.json", new byte[4], Cancellation);
        await Store.PutAsync(BlobContainer.System, $"{Tenant}/keys/b.json", new byte[5], Cancellation);
        await Store.PutAsync(BlobContainer.Assets, $"{Tenant}/logos/a.png", new byte[6], Cancellation);

        var system = await ListAsync(BlobContainer.System, $"{Tenant}/");
        var assets = await ListAsync(BlobContainer.Assets, "");

        Assert.Equal([($"{Tenant}/keys/a.json", 4L), ($"{Tenant}/keys/b.json", 5L)], system.Select(b => (b.Key, b.Size)));
        Assert.Contains(assets, b => b.Key == $"{Tenant}/logos/a.png");
        Assert.DoesNotContain(assets, b => b.Key.StartsWith("_system", StringComparison.Ordinal) || b.Key.Contains("/keys/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CheckSucceedsWhenTheBackendAnswers() =>
        await Store.CheckAsync(Cancellation);

    protected async Task<List<BlobInfo>> ListAsync(BlobContainer container, string prefix)
    {
        var blobs = new List<BlobInfo>();
        await foreach (var blob in Store.ListAsync(container, prefix, Cancellation))
        {
            blobs.Add(blob);
        }

        return blobs;
    }
}
