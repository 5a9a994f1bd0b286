using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using SiteBuilder.BrandAssets.Images;
using SiteBuilder.BrandAssets.Library;
using SiteBuilder.Portal.Components.Pages.Assets;

namespace SiteBuilder.Portal.Tests.Assets;

/// <summary>The brand assets page's state over the portal's own library (SQLite, folders, the offline image model); a tenant per test.</summary>
public sealed class AssetsStateTests : IClassFixture<PortalFixture>
{
    private const string User = "mia";
    private const string Svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"20\"><rect width=\"40\" height=\"20\" fill=\"#0066CC\"/></svg>";

    private readonly string _tenant = "t" + Guid.NewGuid().ToString("N")[..10];
    private readonly BrandAssetLibrary _library;
    private readonly AssetsState _state;

    public AssetsStateTests(PortalFixture portal)
    {
        _library = portal.Factory.Services.GetRequiredService<BrandAssetLibrary>();
        _state = new AssetsState(_library, NullLogger.Instance);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OpeningATenantFillsTheKitFormAndTakesTheGenerateDefaultsFromTheKit()
    {
        await _state.LoadAsync(_tenant);
        Assert.Equal((null, null, null), (_state.KitName, _state.KitPrimary, _state.KitSecondary));
        Assert.Equal(AssetsState.DefaultColour, _state.Colours);
        Assert.Null(_state.Prompt);
        Assert.Equal("Not saved yet", _state.KitUpdated);

        await _library.SaveBrandKitAsync(_tenant, User, new BrandKitChange("Acme Coffee", "#0066CC", "#FF6600", null), Ct);
        var fresh = new AssetsState(_library, NullLogger.Instance);
        await fresh.LoadAsync(_tenant);

        Assert.Equal(("Acme Coffee", "#0066CC", "#FF6600"), (fresh.KitName, fresh.KitPrimary, fresh.KitSecondary));
        Assert.Equal("#0066CC, #FF6600", fresh.Colours);
        Assert.Equal("Logo for “Acme Coffee”", fresh.Prompt);
        Assert.StartsWith("Saved ", fresh.KitUpdated, StringComparison.Ordinal);
        Assert.EndsWith(" UTC by mia", fresh.KitUpdated, StringComparison.Ordinal);
        Assert.False(fresh.Loading);
    }

    [Fact]
    public async Task ABadGenerateFormSaysWhatToFixAndDrawsNothing()
    {
        await _state.LoadAsync(_tenant);
        (_state.Prompt, _state.Colours) = ("", "not-a-colour");

        Assert.Null(_state.PrepareGeneration());

        Assert.True(_state.GenerateErrors.Count >= 2, string.Join(" | ", _state.GenerateErrors));
        Assert.Empty(await _library.ListAsync(_tenant, cancellationToken: Ct));
    }

    [Fact]
    public async Task GeneratingShowsProgressThenTheNewLogosInTheWholeLibrary()
    {
        await _state.LoadAsync(_tenant);
        (_state.Prompt, _state.Colours, _state.Count, _state.Filter) = ("Logo for \"Acme Coffee\"", "0066CC;#FF6600", 3, "upload");
        var request = Assert.IsType<ImageRequest>(_state.PrepareGeneration());
        Assert.Equal(["#0066CC", "#FF6600"], request.Colors);

        var generating = _state.GenerateAsync(User, request);
        Assert.True(_state.Generating && _state.Busy);
        var notice = await generating;

        Assert.Equal(new AssetsNotice("3 new logos are in the library."), notice);
        Assert.False(_state.Generating || _state.Busy);
        Assert.Equal(AssetsState.AllKinds, _state.Filter);
        Assert.Equal(3, _state.Shown.Count);
        Assert.All(_state.Assets, a => Assert.Equal(BrandAssetKind.Logo, a.Kind));
    }

    [Fact]
    public async Task BackgroundsAreDrawnWideAndTheFilterShowsOneKind()
    {
        await _state.LoadAsync(_tenant);
        (_state.Kind, _state.Prompt, _state.Count) = (ImageKind.Background, "Summer sale hero", 1);
        Assert.Equal("backgrounds", _state.KindPlural);
        var request = _state.PrepareGeneration()!;
        Assert.True(request.Width > request.Height);
        await _state.GenerateAsync(User, request);
        await _state.UploadAsync(User, "mark.svg", Svg.Length, _ => new MemoryStream(Encoding.UTF8.GetBytes(Svg)));

        _state.Filter = "background";
        Assert.Equal(BrandAssetKind.Background, Assert.Single(_state.Shown).Kind);
        _state.Filter = "upload";
        Assert.Equal(BrandAssetKind.Upload, Assert.Single(_state.Shown).Kind);
        _state.Filter = AssetsState.AllKinds;
        Assert.Equal(2, _state.Shown.Count);
    }

    [Fact]
    public async Task AnUploadTooLargeOrRefusedIsExplainedByTheGalleryAndNothingIsStored()
    {
        await _state.LoadAsync(_tenant);
        var opened = false;

        Assert.Null(await _state.UploadAsync(User, "huge.png", 5 * 1024 * 1024, _ => { opened = true; return Stream.Null; }));
        Assert.Equal("huge.png is 5 MB; the limit is 2 MB. Export a smaller image, for example at most 2000 pixels wide.", _state.UploadError);
        Assert.False(opened, "a file over the limit is not read");

        var bad = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>";
        Assert.Null(await _state.UploadAsync(User, "evil.svg", bad.Length, _ => new MemoryStream(Encoding.UTF8.GetBytes(bad))));
        Assert.StartsWith("evil.svg: ", _state.UploadError, StringComparison.Ordinal);
        Assert.Contains("script", _state.UploadError, StringComparison.Ordinal);

        Assert.Null(await _state.UploadAsync(User, "cut.png", 100, _ => new BrokenStream()));
        Assert.Equal("cut.png could not be read completely. Try again.", _state.UploadError);

        Assert.Empty(await _library.ListAsync(_tenant, cancellationToken: Ct));
        Assert.False(_state.Busy);

        _state.DismissUploadError();
        Assert.Null(_state.UploadError);
    }

    [Fact]
    public async Task ALogoPickedIntoTheKitKeepsTheSavedNameNotUnsavedEdits()
    {
        await _library.SaveBrandKitAsync(_tenant, User, new BrandKitChange("Acme", "#0066CC", null, null), Ct);
        await _state.LoadAsync(_tenant);
        var upload = await _state.UploadAsync(User, "mark.svg", Svg.Length, _ => new MemoryStream(Encoding.UTF8.GetBytes(Svg)));
        Assert.Equal(new AssetsNotice("Uploaded mark.svg."), upload);
        var logo = Assert.Single(_state.Assets);
        _state.KitName = "Typed but not saved";

        var notice = await _state.UseInKitAsync(User, logo);

        Assert.Equal(new AssetsNotice("The brand kit now uses this logo."), notice);
        Assert.Equal(logo, _state.KitLogo);
        Assert.True(_state.IsInKit(logo));
        Assert.Equal("Acme", (await _library.GetBrandKitAsync(_tenant, Ct)).BrandName);
        Assert.Equal("Acme", _state.KitName);
    }

    [Fact]
    public async Task SavingTheKitFormKeepsItsLogoAndARefusalIsAFailedNotice()
    {
        await _state.LoadAsync(_tenant);
        await _state.UploadAsync(User, "mark.svg", Svg.Length, _ => new MemoryStream(Encoding.UTF8.GetBytes(Svg)));
        await _state.UseInKitAsync(User, _state.Assets[0]);
        (_state.KitName, _state.KitPrimary) = ("Acme Coffee", "#123456");

        Assert.Equal(new AssetsNotice("Brand kit saved."), await _state.SaveKitAsync(User));
        var saved = await _library.GetBrandKitAsync(_tenant, Ct);
        Assert.Equal(("Acme Coffee", "#123456", _state.Assets[0].Id), (saved.BrandName, saved.PrimaryColor, saved.LogoAssetId));

        _state.KitPrimary = "blue";
        var refused = await _state.SaveKitAsync(User);

        Assert.True(refused.Failed);
        Assert.Equal("#123456", (await _library.GetBrandKitAsync(_tenant, Ct)).PrimaryColor);
        Assert.False(_state.Busy);
    }

    [Fact]
    public async Task DeletingTheKitLogoWarnsFirstAndLeavesTheKitWithout()
    {
        await _state.LoadAsync(_tenant);
        await _state.UploadAsync(User, "mark.svg", Svg.Length, _ => new MemoryStream(Encoding.UTF8.GetBytes(Svg)));
        await _state.UploadAsync(User, "other.svg", Svg.Length, _ => new MemoryStream(Encoding.UTF8.GetBytes(Svg)));
        var (logo, other) = (_state.Assets.Single(a => a.Description == "mark.svg"), _state.Assets.Single(a => a.Description == "other.svg"));
        await _state.UseInKitAsync(User, logo);

        Assert.EndsWith("It is the brand kit's logo, so the kit will have none.", _state.DeleteQuestion(logo), StringComparison.Ordinal);
        Assert.Equal("Delete “other.svg”? Pages that already embed it keep their copy.", _state.DeleteQuestion(other));

        Assert.Equal(new AssetsNotice("Deleted."), await _state.DeleteAsync(User, logo));

        Assert.Equal(other, Assert.Single(_state.Assets));
        Assert.Null(_state.Kit.LogoAssetId);
        Assert.Null(_state.KitLogo);
    }

    [Theory]
    [InlineData("image/svg+xml", 3_000, 512, 512, "SVG · 2 KB · 512×512")]
    [InlineData("image/png", 100, null, null, "PNG · 1 KB")]
    [InlineData("image/webp", 3 * 1024 * 1024 / 2, 1920, 1080, "WebP · 1.5 MB · 1920×1080")]
    public void CardFactsNameTheTypeSizeAndPixels(string type, long size, int? width, int? height, string expected)
    {
        var asset = new BrandAsset("logo-0123456789abcdef", _tenant, BrandAssetKind.Logo, type, size, width, height, DateTimeOffset.UnixEpoch, User, "offline", "A logo", "acme/logos/x.svg");

        Assert.Equal(expected, AssetsState.Facts(asset));
    }

    [Theory]
    [InlineData("#0066CC", "--swatch: #0066CC")]
    [InlineData("#0066C", "--swatch: transparent")]
    [InlineData("#0066CG", "--swatch: transparent")]
    [InlineData(null, "--swatch: transparent")]
    public void TheSwatchShowsATypedColourOnceItIsOne(string? typed, string expected) => Assert.Equal(expected, AssetsState.Swatch(typed));

    /// <summary>A browser upload that breaks off halfway.</summary>
    private sealed class BrokenStream : MemoryStream
    {
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => throw new IOException("connection reset");

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => throw new IOException("connection reset");

        public override int Read(byte[] buffer, int offset, int count) => throw new IOException("connection reset");

        public override int Read(Span<byte> buffer) => throw new IOException("connection reset");
    }
}
