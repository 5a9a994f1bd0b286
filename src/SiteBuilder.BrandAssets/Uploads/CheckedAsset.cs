namespace SiteBuilder.BrandAssets.Uploads;

/// <summary>An upload that passed the checks: its real type and the bytes to store (sanitized, for SVG).</summary>
/// <param name="Type">The type read from the content.</param>
/// <param name="Content">The bytes to store; for SVG, the sanitized document.</param>
/// <param name="Size">Pixel dimensions when the header or the SVG root states them.</param>
public sealed record CheckedAsset(AssetType Type, byte[] Content, ImageSize? Size)
{
    public string ContentType => Type.ContentType();
}
