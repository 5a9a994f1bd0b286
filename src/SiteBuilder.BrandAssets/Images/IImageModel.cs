namespace SiteBuilder.BrandAssets.Images;

/// <summary>
/// The model behind the <c>logo_creator</c> and <c>background_creator</c> agents.
/// Implementations: the offline SVG generator (default) and Bedrock image models.
/// </summary>
public interface IImageModel
{
    /// <summary>Short provider name recorded with each asset, e.g. "offline" or "bedrock".</summary>
    string Provider { get; }

    /// <summary>
    /// Generates <see cref="ImageRequest.Count"/> images, in order.
    /// Throws <see cref="ArgumentException"/> for a request that breaks <see cref="ImageRequest.Validate"/>
    /// and <see cref="ImageModelException"/> for provider failures.
    /// </summary>
    Task<IReadOnlyList<GeneratedImage>> GenerateAsync(ImageRequest request, CancellationToken ct);
}

public enum ImageKind
{
    Logo,
    Background,
}

public enum ImageStyle
{
    Modern,
    Classic,
    Playful,
    Minimal,
    Bold,
}

/// <summary>One image from a model: the bytes as they should be stored and served.</summary>
/// <param name="Content">PNG, JPEG or SVG bytes.</param>
/// <param name="ContentType">The media type of <paramref name="Content"/>, e.g. <c>image/svg+xml</c>.</param>
/// <param name="Width">Pixel width (for SVG: the viewport width).</param>
/// <param name="Height">Pixel height (for SVG: the viewport height).</param>
/// <param name="Description">What the image shows, in a sentence; doubles as its alt text.</param>
public sealed record GeneratedImage(byte[] Content, string ContentType, int Width, int Height, string Description);
