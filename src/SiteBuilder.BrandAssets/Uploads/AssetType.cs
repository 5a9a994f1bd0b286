namespace SiteBuilder.BrandAssets.Uploads;

/// <summary>What an upload really is, judged from its bytes.</summary>
public enum AssetType
{
    Unknown,
    Png,
    Jpeg,
    Webp,
    Svg,
}

public static class AssetTypes
{
    public static string ContentType(this AssetType type) => type switch
    {
        AssetType.Png => "image/png",
        AssetType.Jpeg => "image/jpeg",
        AssetType.Webp => "image/webp",
        AssetType.Svg => "image/svg+xml",
        _ => "application/octet-stream",
    };

    /// <summary>The file extension to store the asset under, with the dot.</summary>
    public static string Extension(this AssetType type) => type switch
    {
        AssetType.Png => ".png",
        AssetType.Jpeg => ".jpg",
        AssetType.Webp => ".webp",
        AssetType.Svg => ".svg",
        _ => ".bin",
    };
}
