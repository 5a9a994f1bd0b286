using System.Globalization;
using System.Xml.Linq;

namespace SiteBuilder.BrandAssets.Images.Offline;

/// <summary>
/// Draws logos and backgrounds as SVG without any cloud service: the default provider.
/// Each of the <see cref="ImageRequest.Count"/> images uses a different concept; the same seed gives the same images.
/// Output has no scripts and no external references, and text uses system font stacks.
/// </summary>
public sealed class OfflineImageModel : IImageModel
{
    public const string ContentType = "image/svg+xml";

    public string Provider => "offline";

    public Task<IReadOnlyList<GeneratedImage>> GenerateAsync(ImageRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.EnsureValid();
        ct.ThrowIfCancellationRequested();

        var seed = request.Seed ?? Random.Shared.NextInt64(0, ImageRequest.MaxSeed + 1);
        var kit = StyleKit.For(request.Style);
        var palette = Palette.From(request.Colors, request.Style);
        var images = new List<GeneratedImage>(request.Count);
        for (var i = 0; i < request.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            images.Add(request.Kind == ImageKind.Logo
                ? Logo(request, seed, i, kit, palette)
                : Background(request, seed, i, kit, palette));
        }

        return Task.FromResult<IReadOnlyList<GeneratedImage>>(images);
    }

    private static GeneratedImage Logo(ImageRequest request, long seed, int index, StyleKit kit, Palette palette)
    {
        var order = LogoDesigner.OrderFor(request.Style);
        var concept = order[(int)((ulong)(seed + index) % (ulong)order.Count)];
        var brand = BrandText.FromPrompt(request.Prompt);
        var canvas = new LogoCanvas(request.Width, request.Height, brand, kit, palette,
            SeededRandom.For(seed, index, "logo"), IdPrefix(seed, index));
        var (content, description) = LogoDesigner.Draw(concept, canvas);
        var svg = Svg.Document(request.Width, request.Height, $"{brand.Name} logo", content);
        return new GeneratedImage(Svg.ToBytes(svg), ContentType, request.Width, request.Height, description);
    }

    private static GeneratedImage Background(ImageRequest request, long seed, int index, StyleKit kit, Palette palette)
    {
        var order = BackgroundDesigner.OrderFor(request.Style);
        var concept = order[(int)((ulong)(seed + index) % (ulong)order.Count)];
        var canvas = new BackgroundCanvas(request.Width, request.Height, kit, palette.Vivid(),
            SeededRandom.For(seed, index, "background"), IdPrefix(seed, index));
        var (content, description) = BackgroundDesigner.Draw(concept, canvas);
        var svg = Svg.Document(request.Width, request.Height, "Decorative background", content);
        svg.SetAttributeValue("preserveAspectRatio", "xMidYMid slice");
        return new GeneratedImage(Svg.ToBytes(svg), ContentType, request.Width, request.Height, description);
    }

    /// <summary>
    /// Ids unique to each image, so several SVGs inlined in one page do not resolve each other's gradients.
    /// </summary>
    private static string IdPrefix(long seed, int index)
        => "sb" + ((ulong)seed * 31 + (ulong)index).ToString("x", CultureInfo.InvariantCulture);
}
