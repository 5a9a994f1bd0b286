using System.Text;
using System.Xml;
using System.Xml.Linq;
using SiteBuilder.BrandAssets.Images;
using SiteBuilder.BrandAssets.Images.Offline;
using SiteBuilder.BrandAssets.Uploads;

namespace SiteBuilder.BrandAssets.Tests.Images;

public sealed class OfflineImageModelTests
{
    private static readonly XNamespace SvgNs = "http://www.w3.org/2000/svg";
    private static readonly string[] AcmeColours = ["#0066CC", "#FF6600"];

    private readonly OfflineImageModel _model = new();

    public static TheoryData<ImageKind, ImageStyle> EveryKindAndStyle()
    {
        var data = new TheoryData<ImageKind, ImageStyle>();
        foreach (var kind in Enum.GetValues<ImageKind>())
        {
            foreach (var style in Enum.GetValues<ImageStyle>())
            {
                data.Add(kind, style);
            }
        }

        return data;
    }

    private static ImageRequest Request(ImageKind kind = ImageKind.Logo, ImageStyle style = ImageStyle.Modern, int count = 4, long? seed = 42,
        int width = 512, int height = 512, string prompt = "Logo for Acme Coffee, a modern roastery", string[]? colours = null)
        => new(kind, prompt, style, colours ?? AcmeColours, count, width, height, seed);

    private static XElement Parse(GeneratedImage image)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        using var reader = XmlReader.Create(new MemoryStream(image.Content), settings);
        return XDocument.Load(reader).Root!;
    }

    /// <summary>Element and attribute names in document order: images drawn with the same concept share it, whatever the seed.</summary>
    private static string Structure(GeneratedImage image)
        => string.Join(' ', Parse(image).Descendants().Select(e => e.Name.LocalName + "(" + string.Join(',', e.Attributes().Select(a => a.Name.LocalName).Order()) + ")"));

    [Fact]
    public async Task FourLogosAreValidSvgInFourDifferentLayouts()
    {
        var images = await _model.GenerateAsync(Request(count: 4), TestContext.Current.CancellationToken);

        Assert.Equal(4, images.Count);
        Assert.All(images, image =>
        {
            Assert.Equal("image/svg+xml", image.ContentType);
            var root = Parse(image);
            Assert.Equal(SvgNs + "svg", root.Name);
            Assert.Equal("512", (string?)root.Attribute("width"));
            Assert.Equal("0 0 512 512", (string?)root.Attribute("viewBox"));
        });
        Assert.Equal(4, images.Select(Structure).Distinct().Count());
        Assert.Equal(4, images.Select(i => i.Description).Distinct().Count());
    }

    [Fact]
    public async Task EightBackgroundsUseEightDifferentConcepts()
    {
        var images = await _model.GenerateAsync(Request(ImageKind.Background, count: 8, width: 1440, height: 720), TestContext.Current.CancellationToken);

        Assert.Equal(8, images.Select(Structure).Distinct().Count());
        Assert.All(images, image =>
        {
            Assert.Equal(1440, image.Width);
            Assert.Equal(720, image.Height);
            Assert.Equal("0 0 1440 720", (string?)Parse(image).Attribute("viewBox"));
        });
    }

    [Fact]
    public async Task TheSameSeedGivesTheSameImages()
    {
        var first = await _model.GenerateAsync(Request(count: 3, seed: 7), TestContext.Current.CancellationToken);
        var second = await _model.GenerateAsync(Request(count: 3, seed: 7), TestContext.Current.CancellationToken);

        Assert.Equal(first.Select(i => Convert.ToBase64String(i.Content)), second.Select(i => Convert.ToBase64String(i.Content)));
    }

    [Fact]
    public async Task DifferentSeedsGiveDifferentImages()
    {
        var first = await _model.GenerateAsync(Request(ImageKind.Background, count: 1, seed: 1), TestContext.Current.CancellationToken);
        var second = await _model.GenerateAsync(Request(ImageKind.Background, count: 1, seed: 2), TestContext.Current.CancellationToken);

        Assert.NotEqual(first[0].Content, second[0].Content);
    }

    [Theory]
    [MemberData(nameof(EveryKindAndStyle))]
    public async Task GeneratedSvgHasNoScriptsNoExternalReferencesAndSystemFonts(ImageKind kind, ImageStyle style)
    {
        var images = await _model.GenerateAsync(Request(kind, style, count: 8, width: 900, height: 300), TestContext.Current.CancellationToken);

        foreach (var image in images)
        {
            var root = Parse(image);
            Assert.DoesNotContain(root.DescendantsAndSelf(), e => e.Name.LocalName is "script" or "foreignObject" or "image" or "style");
            var attributes = root.DescendantsAndSelf().SelectMany(e => e.Attributes()).Where(a => !a.IsNamespaceDeclaration).ToList();
            Assert.DoesNotContain(attributes, a => a.Name.LocalName.StartsWith("on", StringComparison.Ordinal));
            Assert.All(attributes.Where(a => a.Name.LocalName == "href"), a => Assert.StartsWith("#", a.Value));
            Assert.All(attributes.Where(a => a.Value.Contains("url(", StringComparison.Ordinal)), a => Assert.StartsWith("url(#", a.Value));
            Assert.DoesNotContain("http", string.Concat(attributes.Select(a => a.Value)), StringComparison.OrdinalIgnoreCase);
            Assert.All(attributes.Where(a => a.Name.LocalName == "font-family"),
                a => Assert.True(a.Value.EndsWith("sans-serif", StringComparison.Ordinal) || a.Value.EndsWith("serif", StringComparison.Ordinal), a.Value));
        }
    }

    [Theory]
    [MemberData(nameof(EveryKindAndStyle))]
    public async Task GeneratedSvgPassesTheUploadSanitizerUntouched(ImageKind kind, ImageStyle style)
    {
        var images = await _model.GenerateAsync(Request(kind, style, count: 8), TestContext.Current.CancellationToken);

        foreach (var image in images)
        {
            var svg = Encoding.UTF8.GetString(image.Content);
            Assert.Equal(svg, SvgSanitizer.Sanitize(svg).Svg);
            Assert.Equal(AssetType.Svg, AssetContent.Sniff(image.Content));
        }
    }

    [Theory]
    [InlineData(ImageStyle.Modern)]
    [InlineData(ImageStyle.Classic)]
    [InlineData(ImageStyle.Playful)]
    [InlineData(ImageStyle.Minimal)]
    [InlineData(ImageStyle.Bold)]
    public async Task EveryLogoShowsTheBrandNameAndUsesThePrimaryColour(ImageStyle style)
    {
        var images = await _model.GenerateAsync(Request(style: style, count: 8, colours: ["#0066CC", "#FF6600", "#FFD166"]), TestContext.Current.CancellationToken);

        foreach (var image in images)
        {
            var root = Parse(image);
            var text = string.Concat(root.Descendants(SvgNs + "text").Select(t => t.Value)).Replace(" ", string.Empty, StringComparison.Ordinal);
            Assert.True(text.Contains("AcmeCoffee", StringComparison.OrdinalIgnoreCase) || text.Contains("AC", StringComparison.Ordinal), text);
            Assert.Equal("Acme Coffee logo", (string?)root.Attribute("aria-label"));
            Assert.Contains("#0066CC", Encoding.UTF8.GetString(image.Content), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ImageIdsDifferBetweenImagesSoInlinedSvgsDoNotClash()
    {
        var images = await _model.GenerateAsync(Request(count: 8), TestContext.Current.CancellationToken);

        var ids = images.Select(i => Parse(i).Descendants().Select(e => (string?)e.Attribute("id")).OfType<string>().ToList()).ToList();
        var all = ids.SelectMany(i => i).ToList();
        Assert.NotEmpty(all);
        Assert.Equal(all.Count, all.Distinct().Count());
    }

    [Fact]
    public async Task AnInvalidRequestIsRefusedWithTheFieldsThatAreWrong()
    {
        var request = Request(count: 9, colours: ["blue"]);

        var errors = request.Validate();
        var thrown = await Assert.ThrowsAsync<ArgumentException>(() => _model.GenerateAsync(request, TestContext.Current.CancellationToken));

        Assert.Equal(["colors", "count"], errors.Keys.Order());
        Assert.Contains("colors", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutASeedEachCallGivesAFreshSet()
    {
        var first = await _model.GenerateAsync(Request(ImageKind.Background, count: 2, seed: null), TestContext.Current.CancellationToken);
        var second = await _model.GenerateAsync(Request(ImageKind.Background, count: 2, seed: null), TestContext.Current.CancellationToken);

        Assert.NotEqual(first.Select(i => Convert.ToBase64String(i.Content)), second.Select(i => Convert.ToBase64String(i.Content)));
    }

    [Fact]
    public void ProviderIsOffline() => Assert.Equal("offline", _model.Provider);
}
