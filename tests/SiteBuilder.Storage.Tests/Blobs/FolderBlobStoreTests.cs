using System.Runtime.Versioning;
using SiteBuilder.Storage.Blobs;
using SiteBuilder.TestSupport.Emulators;

namespace SiteBuilder.Storage.Tests.Blobs;

public sealed class FolderBlobStoreTests : BlobStoreContract
{
    private readonly TempDirectory _root = new("blobs");

    protected override ValueTask<IBlobStore> CreateStoreAsync() => new(new FolderBlobStore(_root.Path));

    public override ValueTask DisposeAsync()
    {
        _root.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <remarks>The portal runs on Linux (locally and on ECS); Windows has no Unix file modes to check.</remarks>
    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task SystemBlobsAreReadableAndWritableByTheOwnerOnly()
    {
        var key = $"{Tenant}/keys/signing.json";
        await Store.PutAsync(BlobContainer.System, key, "secret"u8.ToArray(), Cancellation);
        await Store.PutAsync(BlobContainer.System, key, "rotated"u8.ToArray(), Cancellation);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_root.Combine("system", Tenant, "keys", "signing.json")));
    }

    [Fact]
    public async Task AFileBesideAFolderOfTheSameNameListsInS3KeyOrder()
    {
        // S3 lists in UTF-8 byte order, where '-' < '.' < '/'. (s3rver walks folders instead, so this case is not in the contract.)
        await Store.PutAsync(BlobContainer.Assets, $"{Tenant}/a/deep.png", new byte[1], Cancellation);
        await Store.PutAsync(BlobContainer.Assets, $"{Tenant}/a.png", new byte[1], Cancellation);
        await Store.PutAsync(BlobContainer.Assets, $"{Tenant}/a-b.png", new byte[1], Cancellation);

        var listed = await ListAsync(BlobContainer.Assets, $"{Tenant}/");

        Assert.Equal([$"{Tenant}/a-b.png", $"{Tenant}/a.png", $"{Tenant}/a/deep.png"], listed.Select(b => b.Key));
    }

    [Fact]
    public async Task WritesLeaveNoTemporaryFilesBehind()
    {
        await Store.PutAsync(BlobContainer.Assets, $"{Tenant}/logos/a.png", new byte[10], Cancellation);
        await Store.PutAsync(BlobContainer.Assets, $"{Tenant}/logos/a.png", new byte[20], Cancellation);

        Assert.Equal(["a.png"], Directory.GetFiles(_root.Combine("assets", Tenant, "logos")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task ACancelledWriteLeavesNeitherTheBlobNorATemporaryFile()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.PutAsync(BlobContainer.Assets, $"{Tenant}/logos/a.png", new byte[10], cancelled.Token));

        Assert.Empty(Directory.GetFiles(_root.Combine("assets", Tenant, "logos")));
        Assert.Null(await Store.GetAsync(BlobContainer.Assets, $"{Tenant}/logos/a.png", Cancellation));
    }

    [Fact]
    public async Task CheckCreatesTheRootFolderWhenMissing()
    {
        var store = new FolderBlobStore(_root.Combine("not", "yet", "there"));

        await store.CheckAsync(Cancellation);

        Assert.True(Directory.Exists(_root.Combine("not", "yet", "there")));
    }
}
