using System.Security.Cryptography;
using SiteBuilder.BrandAssets.Library;
using SiteBuilder.BrandAssets.Uploads;

namespace SiteBuilder.BrandAssets.Tests.Library;

/// <summary>What every <see cref="IBrandAssetStore"/> must do. Derived classes supply the implementation.</summary>
public abstract class BrandAssetStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Created = new(2026, 11, 25, 9, 30, 15, 123, TimeSpan.Zero);

    private IBrandAssetStore? _store;

    protected IBrandAssetStore Store => _store ?? throw new InvalidOperationException("The store is created in InitializeAsync.");

    protected static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    protected abstract ValueTask<IBrandAssetStore> CreateStoreAsync();

    public async ValueTask InitializeAsync() => _store = await CreateStoreAsync();

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>A tenant no other test uses, since a test class may share its tables.</summary>
    protected static string NewTenant() => "t" + RandomNumberGenerator.GetHexString(10, lowercase: true);

    protected static BrandAsset NewAsset(string tenant, BrandAssetKind kind = BrandAssetKind.Logo, DateTimeOffset? createdAt = null, int? width = 512, int? height = 512)
    {
        var id = BrandAsset.NewId(kind);
        return new BrandAsset(id, tenant, kind, "image/svg+xml", 2048, width, height, createdAt ?? Created, "dana", "offline",
            "Acme monogram in a rounded square", BrandAsset.BlobKeyFor(tenant, kind, id, AssetType.Svg));
    }

    [Fact]
    public async Task AnAddedAssetIsFoundWithEveryField()
    {
        var asset = NewAsset(NewTenant());

        await Store.AddAsync(asset, Cancellation);

        Assert.Equal(asset, await Store.GetAsync(asset.Tenant, asset.Id, Cancellation));
    }

    [Fact]
    public async Task AnAssetWithoutDimensionsKeepsThemUnknown()
    {
        var asset = NewAsset(NewTenant(), BrandAssetKind.Upload, width: null, height: null) with { ContentType = "image/jpeg", Source = "upload" };

        await Store.AddAsync(asset, Cancellation);

        var found = await Store.GetAsync(asset.Tenant, asset.Id, Cancellation);
        Assert.Null(found!.Width);
        Assert.Null(found.Height);
    }

    [Fact]
    public async Task AnotherTenantCannotReadListOrDeleteAnAsset()
    {
        var asset = NewAsset(NewTenant());
        var other = NewTenant();
        await Store.AddAsync(asset, Cancellation);

        Assert.Null(await Store.GetAsync(other, asset.Id, Cancellation));
        Assert.Empty(await Store.ListAsync(other, cancellationToken: Cancellation));
        Assert.Null(await Store.DeleteAsync(other, asset.Id, Cancellation));
        Assert.NotNull(await Store.GetAsync(asset.Tenant, asset.Id, Cancellation));
    }

    [Fact]
    public async Task ListingIsNewestFirstAndFiltersByKind()
    {
        var tenant = NewTenant();
        var oldLogo = NewAsset(tenant, BrandAssetKind.Logo, Created);
        var background = NewAsset(tenant, BrandAssetKind.Background, Created.AddMinutes(1));
        var newLogo = NewAsset(tenant, BrandAssetKind.Logo, Created.AddMinutes(2));
        var upload = NewAsset(tenant, BrandAssetKind.Upload, Created.AddMinutes(3));
        foreach (var asset in new[] { background, upload, oldLogo, newLogo })
        {
            await Store.AddAsync(asset, Cancellation);
        }

        Assert.Equal([upload.Id, newLogo.Id, background.Id, oldLogo.Id], (await Store.ListAsync(tenant, cancellationToken: Cancellation)).Select(a => a.Id));
        Assert.Equal([newLogo.Id, oldLogo.Id], (await Store.ListAsync(tenant, BrandAssetKind.Logo, Cancellation)).Select(a => a.Id));
        Assert.Equal([background.Id], (await Store.ListAsync(tenant, BrandAssetKind.Background, Cancellation)).Select(a => a.Id));
        Assert.Equal([upload.Id], (await Store.ListAsync(tenant, BrandAssetKind.Upload, Cancellation)).Select(a => a.Id));
    }

    [Fact]
    public async Task ATenantWithManyAssetsListsThemAll()
    {
        var tenant = NewTenant();
        var assets = Enumerable.Range(0, 60).Select(i => NewAsset(tenant, createdAt: Created.AddSeconds(i))).ToList();
        foreach (var asset in assets)
        {
            await Store.AddAsync(asset, Cancellation);
        }

        var listed = await Store.ListAsync(tenant, cancellationToken: Cancellation);

        Assert.Equal(assets.Select(a => a.Id).Reverse(), listed.Select(a => a.Id));
    }

    [Fact]
    public async Task AddingTheSameIdTwiceFailsAndKeepsTheFirst()
    {
        var asset = NewAsset(NewTenant());
        await Store.AddAsync(asset, Cancellation);

        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.AddAsync(asset with { Description = "impostor" }, Cancellation));

        Assert.Equal(asset.Description, (await Store.GetAsync(asset.Tenant, asset.Id, Cancellation))!.Description);
    }

    [Fact]
    public async Task DeleteReturnsTheRecordOnceAndThenNothing()
    {
        var asset = NewAsset(NewTenant());
        await Store.AddAsync(asset, Cancellation);

        Assert.Equal(asset, await Store.DeleteAsync(asset.Tenant, asset.Id, Cancellation));
        Assert.Null(await Store.DeleteAsync(asset.Tenant, asset.Id, Cancellation));
        Assert.Null(await Store.GetAsync(asset.Tenant, asset.Id, Cancellation));
    }

    [Fact]
    public async Task ATenantWithoutABrandKitGetsTheEmptyOne()
        => Assert.Equal(TenantBrandKit.Empty, await Store.GetBrandKitAsync(NewTenant(), Cancellation));

    [Fact]
    public async Task ASavedBrandKitIsReadBackAndReplacedWhole()
    {
        var tenant = NewTenant();
        var kit = new TenantBrandKit("Acme Coffee", "#0066CC", "#FF6600", "logo-0123456789abcdef", Created, "dana");
        await Store.SaveBrandKitAsync(tenant, kit, Cancellation);
        Assert.Equal(kit, await Store.GetBrandKitAsync(tenant, Cancellation));

        var replaced = new TenantBrandKit(null, "#111111", null, null, Created.AddHours(1), "erin");
        await Store.SaveBrandKitAsync(tenant, replaced, Cancellation);

        Assert.Equal(replaced, await Store.GetBrandKitAsync(tenant, Cancellation));
    }

    [Fact]
    public async Task BrandKitsAreKeptPerTenant()
    {
        var (first, second) = (NewTenant(), NewTenant());
        await Store.SaveBrandKitAsync(first, new TenantBrandKit("First", "#0066CC", null, null, Created, "dana"), Cancellation);

        Assert.Equal(TenantBrandKit.Empty, await Store.GetBrandKitAsync(second, Cancellation));
    }

    [Fact]
    public async Task TheBrandKitIsNotListedAsAnAsset()
    {
        var tenant = NewTenant();
        await Store.SaveBrandKitAsync(tenant, new TenantBrandKit("Acme", "#0066CC", null, null, Created, "dana"), Cancellation);
        var asset = NewAsset(tenant);
        await Store.AddAsync(asset, Cancellation);

        Assert.Equal([asset.Id], (await Store.ListAsync(tenant, cancellationToken: Cancellation)).Select(a => a.Id));
    }
}
