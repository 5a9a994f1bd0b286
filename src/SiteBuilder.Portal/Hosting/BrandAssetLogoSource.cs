using SiteBuilder.BrandAssets.Library;
using SiteBuilder.BrandAssets.Previews;
using SiteBuilder.Generation.Pipeline;

namespace SiteBuilder.Portal.Hosting;

/// <summary>
/// The generation pipeline's logo lookup over the brand asset store: an https URL passes through; an asset id of the tenant
/// becomes a <c>data:</c> URI so the generated page stays self-contained. A raster logo is scaled to at most
/// <see cref="MaxLogoSide"/> pixels first: a page header never shows more, and a model's megapixel PNG would bloat every page.
/// </summary>
internal sealed class BrandAssetLogoSource(BrandAssetLibrary library, ILogger<BrandAssetLogoSource> logger) : ILogoSource
{
    public const int MaxLogoSide = 512;

    public async Task<string?> ResolveAsync(string tenant, string logo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(logo);
        if (logo.StartsWith("https://", StringComparison.Ordinal))
        {
            return logo;
        }

        if (await library.GetContentAsync(tenant, logo, cancellationToken) is not { } found)
        {
            return null;
        }

        if (found.Asset.ContentType == "image/svg+xml")
        {
            return ImagePreview.DataUri(found.Content, found.Asset.ContentType);
        }

        try
        {
            var (content, type) = ImagePreview.Thumbnail(found.Content, MaxLogoSide);
            return $"data:{type};base64,{Convert.ToBase64String(content)}";
        }
        catch (ImageTooLargeException e)
        {
            // Stored before uploads were capped: the page goes without the logo rather than the process without its memory.
            logger.LogWarning("Logo {Asset} of {Tenant} is not used: {Problem}", logo, tenant, e.Message);
            return null;
        }
    }
}
