using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using SiteBuilder.BrandAssets.Images;
using SiteBuilder.BrandAssets.Images.Offline;
using SiteBuilder.BrandAssets.Library;
using SiteBuilder.BrandAssets.Tests.Uploads;
using SiteBuilder.BrandAssets.Uploads;
using SiteBuilder.Storage.Blobs;
using SiteBuilder.Storage.Sqlite;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using SiteBuilder.TestSupport.Emulators;
using SiteBuilder.TestSupport.Metrics;

namespace SiteBuilder.BrandAssets.Tests.Library;

/// <summary>The library over the embedded backends (SQLite, folders) and the offline model.</summary>
public sealed class BrandAssetLibraryTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new("library");
    private readonly TestMeterFactory _meters = new();
    private FolderBlobStore _blobs = default!;
    private BrandAssetLibrary _library = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var database = new SqliteDatabase(_directory.Combine("sitebuilder.db"), [SqliteBrandAssetStore.Schema]);
        await database.MigrateAsync(Ct);
        _blobs = new FolderBlobStore(_directory.Combine("blobs"));
        _library = new BrandAssetLibrary(new OfflineImageModel(), new SqliteBrandAssetStore(database), _blobs, TimeProvider.System, new AgentMetrics(_meters), NullLogger<BrandAssetLibrary>.Instance);
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
        _meters.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task EachLogoRequestIsOneSuccessfulCallOfTheLogoAgent()
    {
        using var calls = new MetricCollector<double>(_meters, AgentMetrics.MeterName, InstrumentNames.AgentDuration);

        await _library.GenerateAsync("acme", "user-1", Logos(2), Ct);

        var call = Assert.Single(calls.GetMeasurementSnapshot());
        Assert.Equal(Agents.LogoCreator, call.Tags["agent"]);
        Assert.Equal(Outcomes.Success, call.Tags["outcome"]);
        Assert.Equal("offline", call.Tags["provider"]);
        Assert.False(call.Tags.ContainsKey("error.type"));
    }

    private static ImageRequest Logos(int count = 4) =>
        new(ImageKind.Logo, "Logo for \"Acme Coffee\", a modern roastery", ImageStyle.Modern, ["#0066CC", "#FF6600"], count, 512, 512, Seed: 42);

    [Fact]
    public async Task FourLogosAreStoredAsFourDistinctTenantAssetsUnderLogos()
    {
        var generated = await _library.GenerateAsync("acme", "dana", Logos(), Ct);

        Assert.Equal(4, generated.Count);
        Assert.Equal(4, generated.Select(g => g.Asset.Id).Distinct().Count());
        var contents = new List<string>();
        foreach (var g in generated)
        {
            Assert.Equal(BrandAssetKind.Logo, g.Asset.Kind);
            Assert.Equal("offline", g.Asset.Source);
            Assert.StartsWith($"acme/logos/{g.Asset.Id}.svg", g.Asset.BlobKey, StringComparison.Ordinal);
            var (asset, content) = (await _library.GetContentAsync("acme", g.Asset.Id, Ct))!.Value;
            Assert.Equal(g.Asset, asset);
            Assert.Equal(content.Length, asset.Size);
            Assert.Equal("data:image/svg+xml;base64," + Convert.ToBase64String(content), g.Preview);
            contents.Add(Encoding.UTF8.GetString(content));
        }

        Assert.Equal(4, contents.Distinct().Count());
        Assert.Equal(4, (await _library.ListAsync("acme", BrandAssetKind.Logo, Ct)).Count);
    }

    [Fact]
    public async Task BackgroundsAreStoredUnderBackgrounds()
    {
        var request = new ImageRequest(ImageKind.Background, "Summer sale hero", ImageStyle.Bold, ["#E11D48"], 2, 1920, 1080, null);

        var generated = await _library.GenerateAsync("acme", "dana", request, Ct);

        Assert.All(generated, g => Assert.StartsWith("acme/backgrounds/bg-", g.Asset.BlobKey, StringComparison.Ordinal));
        Assert.All(generated, g => Assert.Equal((1920, 1080), (g.Asset.Width, g.Asset.Height)));
    }

    [Fact]
    public async Task AnotherTenantGetsNothingForAnAssetId()
    {
        var id = (await _library.GenerateAsync("acme", "dana", Logos(1), Ct))[0].Asset.Id;

        Assert.Null(await _library.GetAsync("globex", id, Ct));
        Assert.Null(await _library.GetContentAsync("globex", id, Ct));
        Assert.False(await _library.DeleteAsync("globex", id, "mallory", Ct));
        Assert.NotNull(await _library.GetContentAsync("acme", id, Ct));
    }

    [Theory]
    [InlineData("../globex/logos/x")]
    [InlineData("logo-")]
    [InlineData("LOGO-0123456789ABCDEF")]
    [InlineData("secret-0123456789abcdef")]
    public async Task IdsThatCannotNameAnAssetFindNothing(string id)
    {
        Assert.Null(await _library.GetContentAsync("acme", id, Ct));
        Assert.False(await _library.DeleteAsync("acme", id, "dana", Ct));
    }

    [Fact]
    public async Task AnUploadIsStoredWithItsSniffedTypeAndSize()
    {
        await using var png = new MemoryStream(SampleFiles.Png(300, 120));

        var asset = await _library.UploadAsync("acme", "dana", png, "C:\\fakepath\\logo.jpg", Ct);

        Assert.Equal(BrandAssetKind.Upload, asset.Kind);
        Assert.Equal("image/png", asset.ContentType);
        Assert.Equal((300, 120), (asset.Width, asset.Height));
        Assert.Equal("logo.jpg", asset.Description);
        Assert.Equal($"acme/uploads/{asset.Id}.png", asset.BlobKey);
        Assert.Equal(SampleFiles.Png(300, 120), (await _library.GetContentAsync("acme", asset.Id, Ct))!.Value.Content);
    }

    public static TheoryData<string, byte[], AssetRejection> Refused() => new()
    {
        { "huge.png", [.. SampleFiles.Png(), .. new byte[3 * 1024 * 1024]], AssetRejection.TooLarge },
        { "logo.png", SampleFiles.WindowsExe(), AssetRejection.Executable },
        { "logo.svg", SampleFiles.Text("<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"9\" height=\"9\"/><script>fetch('/v1/me')</script></svg>"), AssetRejection.UnsafeSvg },
        { "notes.png", SampleFiles.Text("just some text"), AssetRejection.UnsupportedType },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task ARefusedUploadLeavesNothingInStorage(string fileName, byte[] content, AssetRejection reason)
    {
        await using var stream = new MemoryStream(content);

        var rejected = await Assert.ThrowsAsync<AssetRejectedException>(() => _library.UploadAsync("acme", "dana", stream, fileName, Ct));

        Assert.Equal(reason, rejected.Reason);
        Assert.Empty(await _library.ListAsync("acme", cancellationToken: Ct));
        Assert.Empty(await _blobs.ListAsync(BlobContainer.Assets, "acme/", Ct).ToListAsync(Ct));
    }

    [Fact]
    public async Task DeletingRemovesTheBytesAndClearsTheBrandKitLogo()
    {
        var logo = (await _library.GenerateAsync("acme", "dana", Logos(1), Ct))[0].Asset;
        await _library.SaveBrandKitAsync("acme", "dana", new BrandKitChange("Acme Coffee", "#0066cc", "#FF6600", logo.Id), Ct);

        Assert.True(await _library.DeleteAsync("acme", logo.Id, "erin", Ct));

        Assert.Null(await _blobs.GetAsync(BlobContainer.Assets, logo.BlobKey, Ct));
        var kit = await _library.GetBrandKitAsync("acme", Ct);
        Assert.Null(kit.LogoAssetId);
        Assert.Equal(("Acme Coffee", "#0066CC", "erin"), (kit.BrandName, kit.PrimaryColor, kit.UpdatedBy));
    }

    [Fact]
    public async Task ABrandKitIsSavedWithNormalisedColours()
    {
        var logo = (await _library.GenerateAsync("acme", "dana", Logos(1), Ct))[0].Asset;

        var kit = await _library.SaveBrandKitAsync("acme", "dana", new BrandKitChange("  Acme Coffee ", "#0066cc", " ", logo.Id), Ct);

        Assert.Equal(kit, await _library.GetBrandKitAsync("acme", Ct));
        Assert.Equal(("Acme Coffee", "#0066CC", (string?)null, logo.Id, "dana"), (kit.BrandName, kit.PrimaryColor, kit.SecondaryColor, kit.LogoAssetId, kit.UpdatedBy));
    }

    [Fact]
    public async Task ABrandKitWithBadColoursOrAnotherTenantsLogoIsRefusedByField()
    {
        var theirs = (await _library.GenerateAsync("globex", "gus", Logos(1), Ct))[0].Asset;

        var rejected = await Assert.ThrowsAsync<BrandKitRejectedException>(() =>
            _library.SaveBrandKitAsync("acme", "dana", new BrandKitChange(new string('x', 81), "blue", "#12345", theirs.Id), Ct));

        Assert.Equal(["brandName", "logoAssetId", "primaryColor", "secondaryColor"], rejected.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(TenantBrandKit.Empty, await _library.GetBrandKitAsync("acme", Ct));
    }
}
